import {
  DEFAULT_NOTIFICATION_PREFERENCES,
  DIGESTIBLE_KINDS,
  inQuietHours,
  zonedInstant,
  type NotificationPreferences,
} from '@tongxin/shared';
import { Types } from 'mongoose';
import type { AppContext } from '../context.js';
import type { Models } from '../db/models/index.js';
import type { NotifyRequest } from './notifier.js';
import { enqueueRobotMessages } from './robots.js';

const DUPLICATE_KEY = 11000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The people a request names, once each: those named by id, the active people who represent the
 * named units in the alliance (单位代表), and the alliance's secretaries. Deactivated people are
 * left out. Without an alliance, a unit's people are those whose home unit it is.
 */
export async function recipientsOf(models: Models, req: NotifyRequest): Promise<Types.ObjectId[]> {
  const ids = new Set<string>(req.to.userIds ?? []);
  const unitIds = new Set(req.to.unitIds ?? []);
  if (req.allianceId && (unitIds.size > 0 || req.to.secretaries)) {
    const alliance = await models.Alliance.findById(req.allianceId, { memberships: 1, secretaries: 1 }).lean();
    for (const m of alliance?.memberships ?? []) {
      if (unitIds.has(String(m.unit))) for (const r of m.representatives) ids.add(String(r));
    }
    if (req.to.secretaries) for (const s of alliance?.secretaries ?? []) ids.add(String(s));
  } else if (unitIds.size > 0) {
    const people = await models.User.find({ unit: { $in: [...unitIds] }, active: true }, { _id: 1 }).lean();
    for (const p of people) ids.add(String(p._id));
  }
  const valid = [...ids].filter((id) => Types.ObjectId.isValid(id));
  if (valid.length === 0) return [];
  const active = await models.User.find({ _id: { $in: valid }, active: true }, { _id: 1 }).lean();
  return active.map((u) => u._id);
}

/** A person's settings, or the defaults when they never saved any. */
export async function preferencesOf(models: Models, userId: string): Promise<NotificationPreferences> {
  const doc = await models.NotificationPreference.findOne({ user: userId }).lean();
  return doc ? toPreferences(doc) : DEFAULT_NOTIFICATION_PREFERENCES;
}

function toPreferences(doc: {
  disabledKinds?: string[] | null;
  quietHours?: { from: string; to: string } | null;
  dailyDigest?: boolean | null;
}): NotificationPreferences {
  return {
    disabledKinds: (doc.disabledKinds ?? []) as NotificationPreferences['disabledKinds'],
    quietHours: doc.quietHours ? { from: doc.quietHours.from, to: doc.quietHours.to } : null,
    dailyDigest: doc.dailyDigest ?? false,
  };
}

interface NewNotification {
  user: Types.ObjectId;
  kind: string;
  alliance: Types.ObjectId | null;
  params: Record<string, string | number>;
  link: string | null;
  key: string;
  createdAt: Date;
  readAt: Date | null;
  quiet: boolean;
  digest: boolean;
}

/**
 * Inserts what is not there yet. The unique {key, user} index refuses a second copy of the same
 * occurrence; with `ordered: false` the others still land. Returns who got a new one.
 */
async function insertNew(models: Models, docs: NewNotification[]): Promise<string[]> {
  if (docs.length === 0) return [];
  try {
    await models.Notification.insertMany(docs, { ordered: false });
    return docs.map((d) => String(d.user));
  } catch (err) {
    const writeErrors = ([] as { index: number; code?: number; err?: { code?: number } }[]).concat(
      (err as { writeErrors?: never }).writeErrors ?? [],
    );
    const codeOf = (e: (typeof writeErrors)[number]) => e.code ?? e.err?.code;
    if (writeErrors.length === 0 || writeErrors.some((e) => codeOf(e) !== DUPLICATE_KEY)) throw err;
    const refused = new Set(writeErrors.map((e) => e.index));
    return docs.filter((_, i) => !refused.has(i)).map((d) => String(d.user));
  }
}

/**
 * The notification centre's side of notify(): stores one notification per recipient who has not
 * switched the kind off, marked quiet inside their quiet hours and held for the daily summary
 * when they chose it; tells their open screens; hands the message to the group robots if asked.
 */
export async function deliverNotification(app: AppContext, req: NotifyRequest): Promise<void> {
  const models = app.db.models;
  const now = app.clock.now();
  const recipients = await recipientsOf(models, req);
  const prefs = new Map(
    (await models.NotificationPreference.find({ user: { $in: recipients } }).lean()).map((p) => [
      String(p.user),
      toPreferences(p),
    ]),
  );
  const alliance = req.allianceId ? new Types.ObjectId(req.allianceId) : null;
  const docs: NewNotification[] = [];
  for (const user of recipients) {
    const pref = prefs.get(String(user)) ?? DEFAULT_NOTIFICATION_PREFERENCES;
    if ((pref.disabledKinds as readonly string[]).includes(req.kind)) continue;
    docs.push({
      user,
      kind: req.kind,
      alliance,
      params: req.params,
      link: req.link,
      key: req.key,
      createdAt: now,
      readAt: null,
      quiet: inQuietHours(now, pref.quietHours),
      digest: pref.dailyDigest && DIGESTIBLE_KINDS.includes(req.kind),
    });
  }
  const fresh = await insertNew(models, docs);
  // Held for the summary: nothing to announce now.
  const held = new Set(docs.filter((d) => d.digest).map((d) => String(d.user)));
  const announce = fresh.filter((u) => !held.has(u));
  if (announce.length > 0) await app.events.publish([{ type: 'notifications.changed', userIds: announce }]);
  // Every notification is offered to the group robots; each robot posts only the kinds it chose.
  if (req.robots !== false) {
    await enqueueRobotMessages(app, {
      key: req.key,
      kind: req.kind,
      allianceId: req.allianceId,
      unitIds: req.to.unitIds ?? [],
      params: req.params,
      link: req.link,
    });
  }
}

/**
 * 每日汇总: folds the reminders held for a person's summary on `day` (`YYYY-MM-DD`, Beijing) into
 * one `digest.daily` notification (key `digest:<user>:<day>`, so asking twice sends it once) and
 * marks them read. Nothing is sent on a day with nothing held. The scheduler calls it at 08:30.
 */
export async function sendDailyDigest(app: AppContext, userId: string, day: string): Promise<void> {
  const models = app.db.models;
  const start = zonedInstant(day);
  if (Number.isNaN(start.getTime())) throw new Error(`sendDailyDigest: not a day: ${day}`);
  const key = `digest:${userId}:${day}`;
  // Sent already: what was held since belongs to the next day's summary.
  if (await models.Notification.exists({ key, user: userId })) return;
  const held = await models.Notification.find(
    {
      user: userId,
      digest: true,
      readAt: null,
      createdAt: { $lt: new Date(start.getTime() + DAY_MS) },
    },
    { _id: 1, alliance: 1 },
  ).lean();
  if (held.length === 0) return;
  const now = app.clock.now();
  const alliances = new Set(held.map((h) => String(h.alliance ?? '')));
  const fresh = await insertNew(models, [
    {
      user: new Types.ObjectId(userId),
      kind: 'digest.daily',
      alliance: alliances.size === 1 && held[0]!.alliance ? held[0]!.alliance : null,
      params: { date: day, count: held.length },
      link: '/notifications',
      key,
      createdAt: now,
      readAt: null,
      quiet: false,
      digest: false,
    },
  ]);
  await models.Notification.updateMany({ _id: { $in: held.map((h) => h._id) } }, { $set: { readAt: now } });
  if (fresh.length > 0) await app.events.publish([{ type: 'notifications.changed', userIds: fresh }]);
}
