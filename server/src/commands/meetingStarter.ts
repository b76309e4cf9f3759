import { nextMeetingStatus } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { roomPolicy } from '../policies/room.js';
import { currentQuorum } from '../queries/quorum.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { changeStatus } from './statusChange.js';
import { forbidden } from './errors.js';
import { readableMeeting } from './loaders.js';

export interface StartProps {
  meetingId: string;
  /** Starting without quorum is possible, but only said out loud and on the record. */
  override?: { reason: string } | undefined;
}

/** 开会: the chair opens the meeting once enough units are present. */
export async function meetingStarter(ctx: CommandContext, props: StartProps) {
  const { meeting, alliance } = await readableMeeting(ctx, props.meetingId);
  if (!roomPolicy.canChair(ctx.actor, alliance, meeting)) throw forbidden('only the chair may start the meeting');
  const from = meeting.status;
  const to = nextMeetingStatus(from, 'start');
  if (!to) throw new AppError('INVALID_STATE', `cannot start a meeting that is ${from}`);
  const quorum = await currentQuorum(ctx.models, meeting._id, alliance);
  if (!quorum.reached && !props.override) {
    throw new AppError(
      'INVALID_STATE',
      `no quorum: ${quorum.present} of ${quorum.eligible} present, ${quorum.required} required; start with an override and a reason`,
      { quorum },
    );
  }
  const override = !quorum.reached && props.override ? props.override : null;
  return inTransaction(ctx, async (session) => {
    const updated = await changeStatus(ctx.models.Meeting, meeting._id, from, { $set: { status: to } }, session, 'meeting');
    await ctx.models.RoomState.updateOne(
      { meeting: meeting._id },
      { $set: { startedWithoutQuorum: override ? { reason: override.reason, by: ctx.actor.id } : null } },
      { session, upsert: true },
    );
    await recordAudit(ctx, session, {
      action: override ? 'meeting.start.withoutQuorum' : 'meeting.start',
      targetType: 'meeting',
      targetId: meeting._id,
      event: { type: 'meeting.started', meetingId: String(meeting._id), allianceId: String(alliance._id) },
      alliance: alliance._id,
      before: { status: from },
      after: { status: to, present: quorum.present, eligible: quorum.eligible, required: quorum.required, reason: override?.reason },
    });
    return { meeting: updated, alliance };
  });
}
