import { ServiceCancelSchema } from '@tongxin/shared';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { servicePolicy } from '../policies/service.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { readableServiceActivity } from './serviceLoaders.js';

/** 完成活动: once it has started; no more sign-ups or check-ins, the recorded hours count. */
export async function serviceActivityCompleter(ctx: CommandContext, activityId: string) {
  const { activity, alliance } = await readableServiceActivity(ctx, activityId);
  if (!servicePolicy.canOrganize(ctx.actor, alliance, String(activity.community))) throw forbidden('only the organizer may complete the activity');
  const now = ctx.clock.now();
  if (activity.status === 'open' && activity.startsAt.getTime() > now.getTime()) throw new AppError('INVALID_STATE', 'the activity has not started yet');
  return inTransaction(ctx, async (session) => {
    const updated = await ctx.models.ServiceActivity.findOneAndUpdate(
      { _id: activity._id, status: 'open' },
      { $set: { status: 'completed', completedAt: now } },
      { session, returnDocument: 'after' },
    );
    if (!updated) throw new AppError('INVALID_STATE', `the activity is ${activity.status === 'open' ? 'no longer open' : activity.status}`);
    const checkedIn = updated.signups.filter((s) => s.checkedInAt);
    await recordAudit(ctx, session, {
      action: 'service.complete',
      targetType: 'service_activity',
      targetId: activity._id,
      alliance: alliance._id,
      event: { type: 'service.activityCompleted', allianceId: String(alliance._id), activityId: String(activity._id) },
      before: { status: 'open' },
      after: { status: 'completed', present: checkedIn.length, hours: checkedIn.reduce((sum, s) => sum + (s.hours ?? 0), 0) },
    });
    return updated;
  });
}

/** 取消活动 with a reason (the organizer): signed-up members are told; hours recorded no longer count. */
export async function serviceActivityCanceller(ctx: CommandContext, activityId: string, input: z.input<typeof ServiceCancelSchema>) {
  const { reason } = ServiceCancelSchema.parse(input);
  const { activity, alliance } = await readableServiceActivity(ctx, activityId);
  if (!servicePolicy.canOrganize(ctx.actor, alliance, String(activity.community))) throw forbidden('only the organizer may cancel the activity');
  const now = ctx.clock.now();
  return inTransaction(ctx, async (session) => {
    const updated = await ctx.models.ServiceActivity.findOneAndUpdate(
      { _id: activity._id, status: 'open' },
      { $set: { status: 'cancelled', cancelReason: reason, cancelledAt: now } },
      { session, returnDocument: 'after' },
    );
    if (!updated) throw new AppError('INVALID_STATE', `the activity is ${activity.status === 'open' ? 'no longer open' : activity.status}`);
    await recordAudit(ctx, session, {
      action: 'service.cancel',
      targetType: 'service_activity',
      targetId: activity._id,
      alliance: alliance._id,
      event: { type: 'service.activityCancelled', allianceId: String(alliance._id), activityId: String(activity._id) },
      before: { status: 'open' },
      after: { status: 'cancelled', reason },
    });
    return updated;
  });
}
