import { meetingPolicy } from '../policies/meeting.js';
import type { CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';

type Reader = Pick<CommandContext, 'models' | 'actor'>;

/**
 * `readableMeeting` for the hot path of a vote: plain objects with only the fields the policies
 * read. Hydrating a large alliance (hundreds of representatives) as mongoose documents for every
 * ballot was most of a ballot's CPU time.
 */
export async function readableMeetingFacts(ctx: Reader, id: string) {
  const meeting = await ctx.models.Meeting.findById(objectId(id, 'meeting'), { alliance: 1, convenerUnit: 1, observers: 1, status: 1 }).lean();
  if (!meeting) throw notFound('meeting');
  const alliance = await ctx.models.Alliance.findById(meeting.alliance, { memberships: 1, secretaries: 1, votingDefaults: 1 }).lean();
  if (!alliance) throw notFound('meeting');
  if (!meetingPolicy.canRead(ctx.actor, alliance, meeting)) throw forbidden('your unit is not invited to this meeting');
  return { meeting, alliance };
}
