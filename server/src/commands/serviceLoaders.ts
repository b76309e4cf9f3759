import type { Types } from 'mongoose';
import { AppError } from '../errors.js';
import { alliancePolicy, type AllianceFacts } from '../policies/alliance.js';
import type { CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';

type Reader = Pick<CommandContext, 'models' | 'actor'>;

/**
 * The residential community named: a member unit of the alliance of kind 社区. Anything else is
 * well-formed but does not fit (422), with the field named.
 */
export async function assertCommunity(ctx: Reader, alliance: AllianceFacts, communityId: string, field = 'community') {
  const id = objectId(communityId, 'unit');
  const unit = await ctx.models.Unit.findById(id, { name: 1, kind: 1 }).lean();
  if (!unit || !alliance.memberships.some((m) => String(m.unit) === communityId) || unit.kind !== 'community') {
    throw new AppError('UNPROCESSABLE', 'must be a community (社区) among the member units of the alliance', { field });
  }
  return unit;
}

/** A service activity and its alliance, for someone who may read the alliance. */
export async function readableServiceActivity(ctx: Reader, id: string) {
  const activity = await ctx.models.ServiceActivity.findById(objectId(id, 'service activity'));
  if (!activity) throw notFound('service activity');
  const alliance = await ctx.models.Alliance.findById(activity.alliance);
  if (!alliance) throw notFound('service activity');
  if (!alliancePolicy.canRead(ctx.actor, alliance)) throw forbidden('your unit is not a member of this alliance');
  return { activity, alliance };
}

/** A registration and its alliance (whoever may read the alliance gets this far). */
export async function readableRegistration(ctx: Reader, id: string) {
  const registration = await ctx.models.ServiceRegistration.findById(objectId(id, 'registration'));
  if (!registration) throw notFound('registration');
  const alliance = await ctx.models.Alliance.findById(registration.alliance);
  if (!alliance) throw notFound('registration');
  if (!alliancePolicy.canRead(ctx.actor, alliance) && String(registration.member) !== ctx.actor.id) {
    throw forbidden('your unit is not a member of this alliance');
  }
  return { registration, alliance };
}

/** The member's active registration with any community of the alliance, if any. */
export function activeRegistration(ctx: Pick<CommandContext, 'models'>, allianceId: Types.ObjectId, memberId: string | Types.ObjectId) {
  return ctx.models.ServiceRegistration.findOne({ alliance: allianceId, member: memberId, active: true });
}
