import { emit, type CommandContext } from './context.js';
import { notFound, objectId } from './errors.js';

// Reading one's own notifications is not business of the alliance: no audit event, but the
// person's other screens hear of it (notifications.changed) and lower their count.

/** Marks one of the actor's notifications read (again: it keeps the first time). */
export async function notificationReader(ctx: CommandContext, id: string) {
  const filter = { _id: objectId(id, 'notification'), user: ctx.actor.id };
  const now = ctx.clock.now();
  const updated = await ctx.models.Notification.findOneAndUpdate(
    { ...filter, readAt: null },
    { $set: { readAt: now } },
    { returnDocument: 'after' },
  ).lean();
  if (updated) {
    emit(ctx, { type: 'notifications.changed', userIds: [ctx.actor.id] });
    return updated;
  }
  const existing = await ctx.models.Notification.findOne(filter).lean();
  if (!existing) throw notFound('notification');
  return existing;
}

/** 全部已读: every unread notification of the actor, at once. Returns how many it marked. */
export async function allNotificationsReader(ctx: CommandContext): Promise<{ marked: number }> {
  const res = await ctx.models.Notification.updateMany(
    { user: ctx.actor.id, readAt: null, digest: false },
    { $set: { readAt: ctx.clock.now() } },
  );
  if (res.modifiedCount > 0) emit(ctx, { type: 'notifications.changed', userIds: [ctx.actor.id] });
  return { marked: res.modifiedCount };
}
