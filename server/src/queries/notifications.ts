import { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';

/** Unread, as the bell counts it: held-for-summary ones are not. */
const UNREAD = { readAt: null, digest: false };

/**
 * A page of a person's notifications, newest first. The cursor is the last notification of the
 * previous page: the next starts strictly after it in (createdAt, _id) order, so a notification
 * arriving meanwhile neither repeats nor hides one.
 */
export async function notificationPage(
  models: Models,
  userId: string,
  q: { cursor?: string | undefined; unread: boolean; limit: number },
) {
  const filter: Record<string, unknown> = { user: new Types.ObjectId(userId), ...(q.unread ? UNREAD : {}) };
  if (q.cursor) {
    const after = await models.Notification.findOne({ _id: q.cursor, user: userId }, { createdAt: 1 }).lean();
    if (after) {
      filter.$or = [
        { createdAt: { $lt: after.createdAt } },
        { createdAt: after.createdAt, _id: { $lt: after._id } },
      ];
    }
  }
  const docs = await models.Notification.find(filter)
    .sort({ createdAt: -1, _id: -1 })
    .limit(q.limit + 1)
    .lean();
  const items = docs.slice(0, q.limit);
  return { items, nextCursor: docs.length > q.limit ? String(items.at(-1)!._id) : null };
}

export async function unreadCount(models: Models, userId: string): Promise<number> {
  return models.Notification.countDocuments({ user: userId, ...UNREAD });
}
