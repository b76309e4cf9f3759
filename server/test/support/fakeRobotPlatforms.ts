import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../src/clock.js';

/**
 * The three group-robot endpoints, as their documentation describes them, on 127.0.0.1: they
 * check the message format and recompute the signature, answer as the platform does (including its
 * error codes for a bad key or a bad signature), and fail on demand.
 *
 * - 企业微信 POST /cgi-bin/webhook/send?key=… — markdown content ≤ 4096 bytes, no signature.
 * - 钉钉 POST /robot/send?access_token=…&timestamp=…&sign=… — sign = urlEncode(base64(HMAC-SHA256(
 *   key = secret, msg = timestamp + "\n" + secret))); bad one → errcode 310000.
 * - 飞书 POST /open-apis/bot/v2/hook/<id> — body timestamp (s) and sign = base64(HMAC-SHA256(key =
 *   timestamp + "\n" + secret, msg = "")); bad one → code 19021.
 * The timestamp must be within an hour of `clock` (the server's clock, which the test moves).
 */
export interface ReceivedMessage {
  platform: 'wecom' | 'dingtalk' | 'feishu';
  /** The key / access token / hook id the message was posted with. */
  id: string;
  body: Record<string, unknown>;
  /** The message's title as the platform shows it. */
  title: string;
  text: string;
}

export interface FakePlatforms {
  url: string;
  received: ReceivedMessage[];
  /** Known robots: key / access token / hook id → secret (null: no signature expected). */
  robots: Map<string, string | null>;
  /** The next `times` posts to `id` fail with this answer. */
  failNext(id: string, times: number, answer?: { status: number; body: unknown }): void;
  close(): Promise<void>;
}

const HOUR = 3_600_000;

export async function startFakePlatforms(clock: Clock): Promise<FakePlatforms> {
  const received: ReceivedMessage[] = [];
  const robots = new Map<string, string | null>();
  const failures = new Map<string, { times: number; answer: { status: number; body: unknown } }>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        return send(200, { errcode: 40001, errmsg: 'invalid json' });
      }
      if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith('application/json')) {
        return send(405, { errcode: 40035, errmsg: 'method or content type' });
      }
      const handle = (id: string, ok: () => void) => {
        const fail = failures.get(id);
        if (fail && fail.times > 0) {
          fail.times -= 1;
          return send(fail.answer.status, fail.answer.body);
        }
        ok();
      };
      const fresh = (tsMs: number) => Number.isFinite(tsMs) && Math.abs(clock.now().getTime() - tsMs) < HOUR;

      if (url.pathname === '/cgi-bin/webhook/send') {
        const key = url.searchParams.get('key') ?? '';
        if (!robots.has(key)) return send(200, { errcode: 93000, errmsg: 'invalid webhook url' });
        return handle(key, () => {
          const md = body.markdown as { content?: unknown } | undefined;
          if (body.msgtype !== 'markdown' || typeof md?.content !== 'string') {
            return send(200, { errcode: 40008, errmsg: 'invalid message type' });
          }
          if (Buffer.byteLength(md.content, 'utf8') > 4096) {
            return send(200, { errcode: 40058, errmsg: 'markdown.content exceed max length 4096' });
          }
          received.push({ platform: 'wecom', id: key, body, title: md.content.split('\n')[0]!, text: md.content });
          send(200, { errcode: 0, errmsg: 'ok' });
        });
      }

      if (url.pathname === '/robot/send') {
        const token = url.searchParams.get('access_token') ?? '';
        if (!robots.has(token)) return send(200, { errcode: 300001, errmsg: 'token is not exist' });
        return handle(token, () => {
          const secret = robots.get(token);
          if (secret) {
            const ts = url.searchParams.get('timestamp') ?? '';
            // URLSearchParams has already undone the urlEncode of the base64 value.
            const sign = url.searchParams.get('sign') ?? '';
            const expected = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
            if (sign !== expected || !fresh(Number(ts))) {
              return send(200, { errcode: 310000, errmsg: 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]' });
            }
          }
          const md = body.markdown as { title?: unknown; text?: unknown } | undefined;
          if (body.msgtype !== 'markdown' || typeof md?.title !== 'string' || typeof md.text !== 'string') {
            return send(200, { errcode: 40035, errmsg: '缺少参数 markdown' });
          }
          received.push({ platform: 'dingtalk', id: token, body, title: md.title, text: md.text });
          send(200, { errcode: 0, errmsg: 'ok' });
        });
      }

      const hook = /^\/open-apis\/bot\/v2\/hook\/([\w-]+)$/.exec(url.pathname);
      if (hook) {
        const id = hook[1]!;
        if (!robots.has(id)) return send(200, { code: 19001, msg: 'param invalid: incoming webhook access token invalid', data: {} });
        return handle(id, () => {
          const secret = robots.get(id);
          if (secret) {
            const ts = String(body.timestamp ?? '');
            const expected = createHmac('sha256', `${ts}\n${secret}`).update('').digest('base64');
            if (body.sign !== expected || !fresh(Number(ts) * 1000)) {
              return send(200, { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time', data: {} });
            }
          }
          const card = body.card as { header?: { title?: { content?: unknown } }; elements?: { text?: { content?: unknown } }[] } | undefined;
          const title = card?.header?.title?.content;
          const text = card?.elements?.[0]?.text?.content;
          if (body.msg_type !== 'interactive' || typeof title !== 'string' || typeof text !== 'string') {
            return send(200, { code: 9499, msg: 'Bad Request', data: {} });
          }
          received.push({ platform: 'feishu', id, body, title, text });
          send(200, { StatusCode: 0, StatusMessage: 'success', code: 0, data: {}, msg: 'success' });
        });
      }
      send(404, { error: 'no such endpoint' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    robots,
    failNext: (id, times, answer = { status: 500, body: { errcode: -1, errmsg: 'system busy' } }) => {
      failures.set(id, { times, answer });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
