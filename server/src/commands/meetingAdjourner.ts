import { nextMeetingStatus } from '@tongxin/shared';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { roomPolicy } from '../policies/room.js';
import type { DocRegistry } from '../yjs/registry.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { changeStatus } from './statusChange.js';
import { forbidden } from './errors.js';
import { readableMeeting } from './loaders.js';
import { minutesGenerator, type AllianceRecord, type MeetingRecord } from './minutesGenerator.js';

/**
 * 散会. A vote still open must be closed first, so that no ballot is left without a result. The
 * minutes (会议纪要) are generated from what the meeting produced as soon as it is adjourned.
 */
export async function meetingAdjourner(
  ctx: CommandContext & { yjs: DocRegistry; log?: Logger },
  props: { meetingId: string },
) {
  const { meeting, alliance } = await readableMeeting(ctx, props.meetingId);
  if (!roomPolicy.canChair(ctx.actor, alliance, meeting)) throw forbidden('only the chair may adjourn the meeting');
  const from = meeting.status;
  const to = nextMeetingStatus(from, 'adjourn');
  if (!to) {
    // A retried adjournment (its ack was lost) still makes sure the minutes exist, once.
    if (from === 'adjourned') await generateMinutes(ctx, meeting, alliance);
    throw new AppError('INVALID_STATE', `cannot adjourn a meeting that is ${from}`);
  }
  if (await ctx.models.Vote.exists({ meeting: meeting._id, status: 'open' })) {
    throw new AppError('INVALID_STATE', 'a vote is still open; close it before adjourning');
  }
  const result = await inTransaction(ctx, async (session) => {
    const updated = await changeStatus(ctx.models.Meeting, meeting._id, from, { $set: { status: to } }, session, 'meeting');
    await ctx.models.RoomState.updateOne(
      { meeting: meeting._id },
      { $set: { speakers: [], currentSpeaker: null } },
      { session },
    );
    await recordAudit(ctx, session, {
      action: 'meeting.adjourn',
      targetType: 'meeting',
      targetId: meeting._id,
      event: { type: 'meeting.adjourned', meetingId: String(meeting._id), allianceId: String(alliance._id) },
      alliance: alliance._id,
      before: { status: from },
      after: { status: to },
    });
    return { meeting: updated, alliance };
  });
  await generateMinutes(ctx, result.meeting, alliance);
  return result;
}

/**
 * The meeting is adjourned whether or not its minutes could be generated now; reading them
 * (`GET /api/meetings/:id/minutes`) generates them later if this attempt failed.
 */
async function generateMinutes(
  ctx: CommandContext & { yjs: DocRegistry; log?: Logger },
  meeting: MeetingRecord,
  alliance: AllianceRecord,
): Promise<void> {
  try {
    await minutesGenerator(ctx, meeting, alliance);
  } catch (err) {
    ctx.log?.error(
      { err, meeting: String(meeting._id) },
      'generating the minutes failed; they will be generated when read',
    );
  }
}
