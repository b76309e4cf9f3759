import { createHmac } from 'node:crypto';
import type { RobotAnswer, RobotPlatform } from '@tongxin/shared';

/** The words of one message, rendered once (zh-CN); each platform wraps them in its own body. */
export interface RobotMessage {
  title: string;
  body: string;
  /** Absolute address of the page in the app, or null (no PUBLIC_URL, or nothing to open). */
  link: string | null;
  /** Shown in the platform's warning colour (overdue, not acknowledged in time). */
  urgent?: boolean;
}

export interface RobotRequest {
  url: string;
  body: unknown;
}

const LINK_LABEL = '查看详情';

/** Kinds a group should see in the warning colour. */
export const URGENT_KINDS: ReadonlySet<string> = new Set(['item.overdue', 'item.ackOverdue', 'vote.closingSoon']);

/**
 * 企业微信 group robot ("消息推送" / 群机器人), https://developer.work.weixin.qq.com/document/path/91770:
 * POST https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… with
 * `{"msgtype":"markdown","markdown":{"content":"…"}}`; the content is at most 4096 bytes of UTF-8
 * and may use `**bold**`, `[text](url)`, `> quote` and `<font color="info|comment|warning">`. There
 * is no signature: the key in the address is the secret. Success is `{"errcode":0,"errmsg":"ok"}`.
 */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;

/**
 * 钉钉 custom robot, https://open.dingtalk.com/document/orgapp/customize-robot-security-settings and
 * …/custom-robots-send-group-messages: POST https://oapi.dingtalk.com/robot/send?access_token=…
 * with `{"msgtype":"markdown","markdown":{"title":"…","text":"…"}}`. With 加签, `timestamp` (ms)
 * and `sign` = urlEncode(base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret)))
 * go into the query; the timestamp must be within an hour of DingTalk's clock. Success is
 * `errcode: 0`; a bad signature answers `{"errcode":310000,"errmsg":"sign not match…"}`.
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  // The base64 value; URLSearchParams does the urlEncode when it is put in the query.
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/**
 * 飞书 custom bot, https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot: POST
 * https://open.feishu.cn/open-apis/bot/v2/hook/… with a message such as
 * `{"msg_type":"interactive","card":{…}}`. With 签名校验, the body also carries `timestamp`
 * (seconds, as a string) and `sign` = base64(HmacSHA256(key = timestamp + "\n" + secret, message =
 * empty)) — note the key/message order is the reverse of DingTalk's. Success is `{"code":0}`
 * (older answers: `StatusCode: 0`); a bad signature answers code 19021.
 */
export function feishuSign(secret: string, timestampSec: number): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

/** Cuts `text` to at most `max` bytes of UTF-8 without splitting a character. */
export function cutToBytes(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  const ellipsis = '…';
  let out = '';
  let bytes = Buffer.byteLength(ellipsis, 'utf8');
  for (const ch of text) {
    const b = Buffer.byteLength(ch, 'utf8');
    if (bytes + b > max) break;
    out += ch;
    bytes += b;
  }
  return out + ellipsis;
}

/** The exact request for one platform; `now` is the clock's time (signatures carry it). */
export function buildRobotRequest(
  platform: RobotPlatform,
  webhookUrl: string,
  secret: string | null,
  msg: RobotMessage,
  now: Date,
): RobotRequest {
  switch (platform) {
    case 'wecom': {
      const title = msg.urgent ? `<font color="warning">${msg.title}</font>` : msg.title;
      const lines = [`**${title}**`, msg.body, msg.link ? `[${LINK_LABEL}](${msg.link})` : null].filter(Boolean);
      return {
        url: webhookUrl,
        body: { msgtype: 'markdown', markdown: { content: cutToBytes(lines.join('\n'), WECOM_MARKDOWN_MAX_BYTES) } },
      };
    }
    case 'dingtalk': {
      const url = new URL(webhookUrl);
      if (secret) {
        const ts = now.getTime();
        url.searchParams.set('timestamp', String(ts));
        url.searchParams.set('sign', dingtalkSign(secret, ts));
      }
      const text = [`#### ${msg.title}`, msg.body, msg.link ? `[${LINK_LABEL}](${msg.link})` : null].filter(Boolean).join('\n\n');
      return { url: url.toString(), body: { msgtype: 'markdown', markdown: { title: msg.title, text } } };
    }
    case 'feishu': {
      const elements: unknown[] = [{ tag: 'div', text: { tag: 'lark_md', content: msg.body || msg.title } }];
      if (msg.link) {
        elements.push({
          tag: 'action',
          actions: [{ tag: 'button', text: { tag: 'plain_text', content: LINK_LABEL }, type: 'primary', url: msg.link }],
        });
      }
      const card = {
        config: { wide_screen_mode: true },
        header: { template: msg.urgent ? 'red' : 'blue', title: { tag: 'plain_text', content: msg.title } },
        elements,
      };
      const signed = secret
        ? (() => {
            const ts = Math.floor(now.getTime() / 1000);
            return { timestamp: String(ts), sign: feishuSign(secret, ts) };
          })()
        : {};
      return { url: webhookUrl, body: { ...signed, msg_type: 'interactive', card } };
    }
  }
}

/** Whether the platform took the message: HTTP 2xx and its own success code in the body. */
export function answerAccepted(platform: RobotPlatform, answer: RobotAnswer, json: unknown): boolean {
  if (answer.status < 200 || answer.status >= 300) return false;
  if (typeof json !== 'object' || json === null) return false;
  const j = json as Record<string, unknown>;
  switch (platform) {
    case 'wecom':
    case 'dingtalk':
      return j.errcode === 0;
    case 'feishu':
      return j.code === 0 || (j.code === undefined && j.StatusCode === 0);
  }
}

export const SEND_TIMEOUT_MS = 10_000;
const ANSWER_CHARS = 500;

/** Posts one message; never throws: a network failure or a timeout is an answer with status 0. */
export async function postToRobot(
  platform: RobotPlatform,
  webhookUrl: string,
  secret: string | null,
  msg: RobotMessage,
  now: Date,
): Promise<{ ok: boolean; answer: RobotAnswer }> {
  const req = buildRobotRequest(platform, webhookUrl, secret, msg, now);
  try {
    const res = await fetch(req.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(req.body),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      redirect: 'manual',
    });
    const text = await res.text();
    const answer = { status: res.status, body: text.slice(0, ANSWER_CHARS) };
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { ok: answerAccepted(platform, answer, json), answer };
  } catch (err) {
    const cause = (err as { cause?: { code?: unknown } }).cause?.code;
    const reason =
      err instanceof Error
        ? err.name === 'TimeoutError'
          ? 'timeout after 10 s'
          : `${err.message}${typeof cause === 'string' ? ` (${cause})` : ''}`
        : String(err);
    return { ok: false, answer: { status: 0, body: reason.slice(0, ANSWER_CHARS) } };
  }
}
