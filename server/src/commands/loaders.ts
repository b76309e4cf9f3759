import { AppError } from '../errors.js';
import { alliancePolicy } from '../policies/alliance.js';
import { meetingPolicy } from '../policies/meeting.js';
import type { CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';
import { sharedRead } from './sharedReads.js';

type Reader = Pick<CommandContext, 'models' | 'actor'>;

/** Loads an alliance the actor may read: 404 when there is none, 403 for an outsider. */
export async function readableAlliance(ctx: Reader, id: string) {
  const alliance = await ctx.models.Alliance.findById(objectId(id, 'alliance'));
  if (!alliance) throw notFound('alliance');
  if (!alliancePolicy.canRead(ctx.actor, alliance)) throw forbidden('your unit is not a member of this alliance');
  return alliance;
}

export async function readableMeeting(ctx: Reader, id: string) {
  const meeting = await ctx.models.Meeting.findById(objectId(id, 'meeting'));
  if (!meeting) throw notFound('meeting');
  const alliance = await ctx.models.Alliance.findById(meeting.alliance);
  if (!alliance) throw notFound('meeting');
  if (!meetingPolicy.canRead(ctx.actor, alliance, meeting)) throw forbidden('your unit is not invited to this meeting');
  return { meeting, alliance };
}

/**
 * `readableMeeting` for the hot path of a vote: plain objects with only the fields the policies
 * read. Hydrating a large alliance (hundreds of representatives) as mongoose documents for every
 * ballot was most of a ballot's CPU time.
 */
export async function readableMeetingFacts(ctx: Reader, id: string) {
  const { meeting, alliance } = await meetingFacts(ctx, id);
  if (!meetingPolicy.canRead(ctx.actor, alliance, meeting)) throw forbidden('your unit is not invited to this meeting');
  return { meeting, alliance };
}

/**
 * `readableMeetingFacts` for a burst of ballots: callers at the same moment share one read of the
 * meeting and its alliance (see `sharedRead`); each is still checked against the policy.
 */
export async function readableMeetingFactsShared(ctx: Reader, id: string) {
  const { meeting, alliance } = await sharedRead(ctx.models, `meetingFacts:${id}`, () => meetingFacts(ctx, id));
  if (!meetingPolicy.canRead(ctx.actor, alliance, meeting)) throw forbidden('your unit is not invited to this meeting');
  return { meeting, alliance };
}

async function meetingFacts(ctx: Reader, id: string) {
  const meeting = await ctx.models.Meeting.findById(objectId(id, 'meeting'), { alliance: 1, convenerUnit: 1, observers: 1, status: 1 }).lean();
  if (!meeting) throw notFound('meeting');
  const alliance = await ctx.models.Alliance.findById(meeting.alliance, { memberships: 1, secretaries: 1, votingDefaults: 1 }).lean();
  if (!alliance) throw notFound('meeting');
  return { meeting, alliance };
}

/** Referenced units must exist: a mistyped id is a 400, not a dangling reference. */
export async function assertUnitsExist(ctx: Reader, unitIds: string[]): Promise<void> {
  const unique = [...new Set(unitIds)];
  const found = await ctx.models.Unit.countDocuments({ _id: { $in: unique.map((u) => objectId(u, 'unit')) } });
  if (found !== unique.length) throw new AppError('VALIDATION', 'unknown unit id', { units: unique });
}

/** Representatives must exist and belong to the unit they speak for. */
export async function assertUsersOfUnit(ctx: Reader, userIds: string[], unitId: string): Promise<void> {
  const unique = [...new Set(userIds)];
  const found = await ctx.models.User.countDocuments({
    _id: { $in: unique.map((u) => objectId(u, 'user')) },
    unit: objectId(unitId, 'unit'),
  });
  if (found !== unique.length) {
    throw new AppError('VALIDATION', 'representatives must be users of the member unit', { representatives: unique });
  }
}

export async function assertUsersExist(ctx: Reader, userIds: string[]): Promise<void> {
  const unique = [...new Set(userIds)];
  const found = await ctx.models.User.countDocuments({ _id: { $in: unique.map((u) => objectId(u, 'user')) } });
  if (found !== unique.length) throw new AppError('VALIDATION', 'unknown user id', { users: unique });
}
