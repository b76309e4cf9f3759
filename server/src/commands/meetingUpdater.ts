import { nextMeetingStatus, type MeetingPatch, type MeetingStatus, type MeetingTransition } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { meetingPolicy } from '../policies/meeting.js';
import { recordAudit, summarize } from './audit.js';
import { emit, inTransaction, type CommandContext } from './context.js';
import { changeStatus } from './statusChange.js';
import { forbidden } from './errors.js';
import { assertUnitsExist, readableMeeting } from './loaders.js';

const EDITABLE: MeetingStatus[] = ['draft', 'scheduled'];

/** Details can change until the meeting starts; after that the record is what happened. */
export async function meetingUpdater(ctx: CommandContext, id: string, patch: MeetingPatch) {
  const { meeting, alliance } = await readableMeeting(ctx, id);
  if (!meetingPolicy.canSchedule(ctx.actor, alliance, String(meeting.convenerUnit))) throw forbidden();
  if (!EDITABLE.includes(meeting.status)) {
    throw new AppError('INVALID_STATE', `a meeting that is ${meeting.status} can no longer be edited`);
  }
  if (patch.convenerUnit !== undefined) {
    const member = alliance.memberships.find((m) => String(m.unit) === patch.convenerUnit);
    if (!member || member.role === 'observer') {
      throw new AppError('VALIDATION', 'the convener must be a member unit of the alliance', { field: 'convenerUnit' });
    }
  }
  if (patch.observers) await assertUnitsExist(ctx, patch.observers);
  const before = summarize(Object.fromEntries(Object.keys(patch).map((k) => [k, meeting.get(k)])));
  const previousAt = meeting.scheduledAt;
  // An announced meeting moved by an edit is a reschedule: the alliance hears of it as such.
  const moved = meeting.status === 'scheduled' && patch.scheduledAt !== undefined && patch.scheduledAt.getTime() !== previousAt.getTime();
  meeting.set(patch);
  return inTransaction(ctx, async (session) => {
    await meeting.save({ session });
    if (moved) {
      emit(ctx, {
        type: 'meeting.rescheduled',
        meetingId: String(meeting._id),
        allianceId: String(alliance._id),
        from: previousAt.toISOString(),
        to: meeting.scheduledAt.toISOString(),
      });
    }
    await recordAudit(ctx, session, {
      action: 'meeting.update',
      targetType: 'meeting',
      targetId: meeting._id,
      alliance: alliance._id,
      event: { type: 'meeting.updated', meetingId: String(meeting._id), allianceId: String(alliance._id) },
      before,
      after: summarize(patch),
    });
    return meeting;
  });
}

/** schedule / cancel over REST; the live room (start, adjourn) uses the same state machine. */
export async function meetingTransitioner(ctx: CommandContext, id: string, transition: MeetingTransition) {
  const { meeting, alliance } = await readableMeeting(ctx, id);
  if (!meetingPolicy.canSchedule(ctx.actor, alliance, String(meeting.convenerUnit))) throw forbidden();
  const from = meeting.status;
  const to = nextMeetingStatus(from, transition);
  if (!to) throw new AppError('INVALID_STATE', `cannot ${transition} a meeting that is ${from}`);
  return inTransaction(ctx, async (session) => {
    // Conditional on the status we read, so two concurrent transitions cannot both succeed.
    const updated = await changeStatus(ctx.models.Meeting, meeting._id, from, { $set: { status: to } }, session, 'meeting');
    await recordAudit(ctx, session, {
      action: `meeting.${transition}`,
      targetType: 'meeting',
      targetId: meeting._id,
      alliance: alliance._id,
      event: {
        type: transition === 'schedule' ? 'meeting.scheduled' : 'meeting.cancelled',
        meetingId: String(meeting._id),
        allianceId: String(alliance._id),
      },
      before: { status: from },
      after: { status: to },
    });
    return updated;
  });
}
