import type { Types } from 'mongoose';
import { AppError } from '../errors.js';
import type { CommandContext } from './context.js';
import { notFound, objectId } from './errors.js';

/** Meetings whose agenda is still being prepared. */
const PREPARING = new Set(['draft', 'scheduled']);

/**
 * The meeting something is put on the agenda of (列入会议议程): of the same alliance, and one whose
 * agenda is still being prepared.
 */
export async function preparingMeetingOf(
  ctx: CommandContext,
  meetingId: string,
  allianceId: Types.ObjectId,
): Promise<{ _id: Types.ObjectId }> {
  const meeting = await ctx.models.Meeting.findById(objectId(meetingId, 'meeting'), { alliance: 1, status: 1 }).lean();
  if (!meeting || String(meeting.alliance) !== String(allianceId)) throw notFound('meeting');
  if (!PREPARING.has(meeting.status)) throw new AppError('INVALID_STATE', `the meeting is ${meeting.status}: its agenda is closed`);
  return meeting;
}
