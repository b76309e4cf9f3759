import type { Types } from 'mongoose';
import { AppError } from '../errors.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { activeRegistration, readableServiceActivity } from './serviceLoaders.js';

/** Why a conditional update of an activity matched nothing, in the words of its state. */
function refusal(activity: { status: string; startsAt: Date; needed: number; signups: { member: Types.ObjectId }[] }, now: Date, memberId: string) {
  if (activity.status !== 'open') return new AppError('INVALID_STATE', `the activity is ${activity.status}`);
  if (activity.startsAt.getTime() <= now.getTime()) return new AppError('INVALID_STATE', 'the activity has started');
  if (activity.signups.some((s) => String(s.member) === memberId)) return new AppError('CONFLICT', 'you have signed up already');
  if (activity.signups.length >= activity.needed) return new AppError('CONFLICT', 'the activity is full', { full: true });
  return new AppError('CONFLICT', 'the activity changed meanwhile; try again');
}

/**
 * A registered member signs up for an open activity that has not started. Any community of the
 * alliance will do: a member registered with one community may help at its neighbour's. The seat
 * is taken with one conditional update (open, not started, not signed up, fewer than 需要人数
 * signed up), so concurrent sign-ups never exceed what the community asked for.
 */
export async function serviceSignupTaker(ctx: CommandContext, activityId: string) {
  const { activity, alliance } = await readableServiceActivity(ctx, activityId);
  const registration = await activeRegistration(ctx, alliance._id, ctx.actor.id);
  if (!registration) throw forbidden('register with a community of this alliance (双报到) before signing up');
  const now = ctx.clock.now();
  return inTransaction(ctx, async (session) => {
    const updated = await ctx.models.ServiceActivity.findOneAndUpdate(
      {
        _id: activity._id,
        status: 'open',
        startsAt: { $gt: now },
        'signups.member': { $ne: ctx.actor.id },
        $expr: { $lt: [{ $size: '$signups' }, '$needed'] },
      },
      { $push: { signups: { member: ctx.actor.id, workUnit: registration.workUnit, signedUpAt: now, checkedInAt: null, hours: null } } },
      { session, returnDocument: 'after' },
    );
    if (!updated) {
      const current = await ctx.models.ServiceActivity.findById(activity._id, null, { session }).lean();
      throw current ? refusal(current, now, ctx.actor.id) : new AppError('NOT_FOUND', 'service activity not found');
    }
    await recordAudit(ctx, session, {
      action: 'service.signUp',
      targetType: 'service_activity',
      targetId: activity._id,
      alliance: alliance._id,
      event: { type: 'service.signedUp', allianceId: String(alliance._id), activityId: String(activity._id) },
      after: { member: ctx.actor.id },
    });
    return updated;
  });
}

/** The member withdraws before the activity starts (not once checked in). */
export async function serviceSignupWithdrawer(ctx: CommandContext, activityId: string) {
  const { activity, alliance } = await readableServiceActivity(ctx, activityId);
  const now = ctx.clock.now();
  return inTransaction(ctx, async (session) => {
    const updated = await ctx.models.ServiceActivity.findOneAndUpdate(
      { _id: activity._id, status: 'open', startsAt: { $gt: now }, signups: { $elemMatch: { member: ctx.actor.id, checkedInAt: null } } },
      { $pull: { signups: { member: ctx.actor.id } } },
      { session, returnDocument: 'after' },
    );
    if (!updated) {
      const current = await ctx.models.ServiceActivity.findById(activity._id, null, { session }).lean();
      if (!current) throw new AppError('NOT_FOUND', 'service activity not found');
      if (current.status !== 'open') throw new AppError('INVALID_STATE', `the activity is ${current.status}`);
      if (current.startsAt.getTime() <= now.getTime()) throw new AppError('INVALID_STATE', 'the activity has started');
      throw new AppError('INVALID_STATE', 'you have not signed up for this activity');
    }
    await recordAudit(ctx, session, {
      action: 'service.withdraw',
      targetType: 'service_activity',
      targetId: activity._id,
      alliance: alliance._id,
      event: { type: 'service.withdrawn', allianceId: String(alliance._id), activityId: String(activity._id) },
      before: { member: ctx.actor.id },
    });
    return updated;
  });
}
