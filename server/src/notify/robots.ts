import { catalogues, notificationTextKey, type NotificationKind } from '@tongxin/shared';
import { Types } from 'mongoose';
import { isDuplicateKey } from '../commands/errors.js';
import type { AppContext } from '../context.js';
import { URGENT_KINDS, type RobotMessage } from './robotPlatforms.js';

/** The catalogue string at a dotted key of the zh-CN catalogue (robots speak Chinese: the groups do). */
function zh(key: string): string {
  let node: unknown = catalogues['zh-CN'];
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return '';
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : '';
}

/** `{{name}}` filled from `params`; a placeholder without a value reads as nothing rather than as braces. */
export function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : '',
  );
}

/** A notification's words as a group reads them, with an absolute link when PUBLIC_URL is set. */
export function renderRobotMessage(
  app: Pick<AppContext, 'config'>,
  kind: NotificationKind,
  params: Record<string, string | number>,
  link: string | null,
): RobotMessage {
  const base = app.config.PUBLIC_URL;
  return {
    title: interpolate(zh(notificationTextKey(kind, 'title')), params),
    body: interpolate(zh(notificationTextKey(kind, 'body')), params),
    link: base && link ? (/^https?:\/\//.test(link) ? link : `${base}${link.startsWith('/') ? '' : '/'}${link}`) : null,
    urgent: URGENT_KINDS.has(kind),
  };
}

/** The test message of `POST /api/robots/:id/test`. */
export function renderTestMessage(app: Pick<AppContext, 'config'>, alliance: string, robot: string, allianceId: string): RobotMessage {
  const base = app.config.PUBLIC_URL;
  return {
    title: zh('robots.testMessageTitle'),
    body: interpolate(zh('robots.testMessageBody'), { alliance, robot }),
    link: base ? `${base}/alliances/${allianceId}/settings?tab=robots` : null,
  };
}

/**
 * Posts a notification to the group robots (企业微信 / 钉钉 / 飞书) of the alliance and of the
 * units: one outbox row per enabled robot that wants this kind. The unique (robot, key) index makes
 * a second call for the same occurrence — another process, a retried job — change nothing, so a
 * group hears of one occurrence once. The outbox worker (robotOutbox.ts) does the posting.
 */
export async function enqueueRobotMessages(
  app: AppContext,
  msg: {
    key: string;
    kind: NotificationKind;
    allianceId: string | null;
    unitIds: string[];
    params: Record<string, string | number>;
    link: string | null;
  },
): Promise<void> {
  // Robots belong to an alliance's settings; a notification outside any alliance has no group.
  if (!msg.allianceId || !Types.ObjectId.isValid(msg.allianceId)) return;
  const unitIds = msg.unitIds.filter((u) => Types.ObjectId.isValid(u)).map((u) => new Types.ObjectId(u));
  const { Robot, RobotDelivery } = app.db.models;
  const robots = await Robot.find(
    {
      alliance: new Types.ObjectId(msg.allianceId),
      enabled: true,
      kinds: msg.kind,
      $or: [{ unit: null }, ...(unitIds.length > 0 ? [{ unit: { $in: unitIds } }] : [])],
    },
    { _id: 1, unit: 1, alliance: 1 },
  ).lean();
  if (robots.length === 0) return;
  const payload = renderRobotMessage(app, msg.kind, msg.params, msg.link);
  const now = app.clock.now();
  for (const robot of robots) {
    try {
      await RobotDelivery.updateOne(
        { robot: robot._id, key: msg.key },
        {
          $setOnInsert: {
            robot: robot._id,
            alliance: robot.alliance,
            unit: robot.unit ?? null,
            key: msg.key,
            kind: msg.kind,
            payload: { title: payload.title, body: payload.body, link: payload.link },
            state: 'pending',
            attempts: 0,
            nextAttemptAt: now,
            lastAnswer: null,
            sentAt: null,
            leaseUntil: null,
            createdAt: now,
          },
        },
        { upsert: true },
      );
    } catch (err) {
      // Two processes upserting the same occurrence at once: the other one's row stands.
      if (!isDuplicateKey(err)) throw err;
    }
  }
}
