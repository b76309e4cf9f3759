import { meetingPhase, type MeetingReschedule } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { meetingPolicy } from '../policies/meeting.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { readableMeeting } from './loaders.js';

/**
 * 改期: an announced meeting moves to another time (and perhaps another place). Those who schedule
 * it may do so until it starts; the units hear of it on the alliance channel, and the audit keeps
 * the old time beside the new one, with the reason when one is given.
 */
export async function meetingRescheduler(ctx: CommandContext, id: string, props: MeetingReschedule, now = new Date()) {
  const { meeting, alliance } = await readableMeeting(ctx, id);
  if (!meetingPolicy.canSchedule(ctx.actor, alliance, String(meeting.convenerUnit))) throw forbidden();
  if (!meetingPhase.reschedulable(meeting.status)) {
    throw new AppError('INVALID_STATE', `only a scheduled meeting can be rescheduled; this one is ${meeting.status}`);
  }
  if (props.scheduledAt.getTime() <= now.getTime()) {
    throw new AppError('VALIDATION', 'the new time must be in the future', { field: 'scheduledAt' });
  }
  const place = props.place ?? meeting.place ?? '';
  if (place === '' && !meeting.onlineLink) {
    throw new AppError('VALIDATION', 'a meeting needs a place or an online link', { field: 'place' });
  }
  const durationMinutes = props.durationMinutes ?? meeting.durationMinutes;
  const from = meeting.scheduledAt;
  if (
    from.getTime() === props.scheduledAt.getTime() &&
    place === meeting.place &&
    durationMinutes === meeting.durationMinutes
  ) {
    throw new AppError('VALIDATION', 'this is the time and place the meeting already has', { field: 'scheduledAt' });
  }
  return inTransaction(ctx, async (session) => {
    // Conditional on the status we read: a meeting that started meanwhile keeps its time.
    const updated = await ctx.models.Meeting.findOneAndUpdate(
      { _id: meeting._id, status: 'scheduled' },
      { $set: { scheduledAt: props.scheduledAt, place, durationMinutes } },
      { session, returnDocument: 'after' },
    );
    if (!updated) throw new AppError('INVALID_STATE', 'the meeting changed meanwhile; reload and try again');
    await recordAudit(ctx, session, {
      action: 'meeting.reschedule',
      targetType: 'meeting',
      targetId: meeting._id,
      alliance: alliance._id,
      event: {
        type: 'meeting.rescheduled',
        meetingId: String(meeting._id),
        allianceId: String(alliance._id),
        from: from.toISOString(),
        to: props.scheduledAt.toISOString(),
      },
      before: { scheduledAt: from.toISOString(), durationMinutes: meeting.durationMinutes, place: meeting.place ?? '' },
      after: {
        scheduledAt: props.scheduledAt.toISOString(),
        durationMinutes,
        place,
        reason: props.reason || undefined,
      },
    });
    return updated;
  });
}
