import { ServiceCheckInSchema } from '@tongxin/shared';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { servicePolicy } from '../policies/service.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, objectId } from './errors.js';
import { activeRegistration, readableServiceActivity } from './serviceLoaders.js';

/**
 * 签到登记: the organizer (the community's representatives, secretaries) records that a member
 * served, with the hours (default: the activity's). Once the activity has started and while it is
 * open; a registered member who did not sign up is added (walk-ins are welcome), and recording a
 * member again corrects their hours.
 */
export async function serviceCheckInRecorder(ctx: CommandContext, activityId: string, input: z.input<typeof ServiceCheckInSchema>) {
  const props = ServiceCheckInSchema.parse(input);
  const { activity, alliance } = await readableServiceActivity(ctx, activityId);
  if (!servicePolicy.canOrganize(ctx.actor, alliance, String(activity.community))) throw forbidden('only the organizer may check members in');
  if (activity.status !== 'open') throw new AppError('INVALID_STATE', `the activity is ${activity.status}`);
  const now = ctx.clock.now();
  if (activity.startsAt.getTime() > now.getTime()) throw new AppError('INVALID_STATE', 'the activity has not started yet');
  const memberId = objectId(props.member, 'member');
  const hours = props.hours ?? activity.hours;
  const existing = activity.signups.find((s) => String(s.member) === props.member);
  const registration = existing ? null : await activeRegistration(ctx, alliance._id, memberId);
  if (!existing && !registration) {
    throw new AppError('UNPROCESSABLE', 'the member is not registered with a community of this alliance', { field: 'member' });
  }
  return inTransaction(ctx, async (session) => {
    const updated = existing
      ? await ctx.models.ServiceActivity.findOneAndUpdate(
          { _id: activity._id, status: 'open', 'signups.member': memberId },
          { $set: { 'signups.$.checkedInAt': existing.checkedInAt ?? now, 'signups.$.hours': hours } },
          { session, returnDocument: 'after' },
        )
      : await ctx.models.ServiceActivity.findOneAndUpdate(
          { _id: activity._id, status: 'open', 'signups.member': { $ne: memberId } },
          { $push: { signups: { member: memberId, workUnit: registration!.workUnit, signedUpAt: now, checkedInAt: now, hours } } },
          { session, returnDocument: 'after' },
        );
    if (!updated) throw new AppError('CONFLICT', 'the activity changed meanwhile; reload and try again');
    await recordAudit(ctx, session, {
      action: 'service.checkIn',
      targetType: 'service_activity',
      targetId: activity._id,
      alliance: alliance._id,
      event: { type: 'service.checkedIn', allianceId: String(alliance._id), activityId: String(activity._id) },
      before: existing?.hours != null ? { member: props.member, hours: existing.hours } : undefined,
      after: { member: props.member, hours },
    });
    return updated;
  });
}
