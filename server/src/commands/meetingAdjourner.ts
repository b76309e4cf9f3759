import { nextMeetingStatus } from '@tongxin/shared';
import { AppError } from '../http/errors.js';
import { roomPolicy } from '../policies/room.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { readableMeeting } from './loaders.js';

/** 散会. A vote still open must be closed first, so that no ballot is left without a result. */
export async function meetingAdjourner(ctx: CommandContext, props: { meetingId: string }) {
  const { meeting, alliance } = await readableMeeting(ctx, props.meetingId);
  if (!roomPolicy.canChair(ctx.actor, alliance, meeting)) throw forbidden('only the chair may adjourn the meeting');
  const from = meeting.status;
  const to = nextMeetingStatus(from, 'adjourn');
  if (!to) throw new AppError('INVALID_STATE', `cannot adjourn a meeting that is ${from}`);
  if (await ctx.models.Vote.exists({ meeting: meeting._id, status: 'open' })) {
    throw new AppError('INVALID_STATE', 'a vote is still open; close it before adjourning');
  }
  return inTransaction(ctx, async (session) => {
    const updated = await ctx.models.Meeting.findOneAndUpdate(
      { _id: meeting._id, status: from },
      { $set: { status: to } },
      { session, new: true },
    );
    if (!updated) throw new AppError('INVALID_STATE', 'the meeting changed meanwhile; reload and try again');
    await ctx.models.RoomState.updateOne(
      { meeting: meeting._id },
      { $set: { speakers: [], currentSpeaker: null } },
      { session },
    );
    await recordAudit(ctx, session, {
      action: 'meeting.adjourn',
      targetType: 'meeting',
      targetId: meeting._id,
      alliance: alliance._id,
      before: `status: ${from}`,
      after: `status: ${to}`,
    });
    return { meeting: updated, alliance };
  });
}
