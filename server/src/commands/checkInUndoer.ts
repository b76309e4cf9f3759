import { meetingPhase } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { roomPolicy } from '../policies/room.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';
import { readableMeetingFacts } from './loaders.js';

export interface CheckInUndoProps {
  meetingId: string;
  /** The check-in recorded by mistake. */
  attendanceId: string;
  /** Why it was a mistake (wrong unit, pressed for the wrong person …); kept in the audit. */
  reason: string;
}

/**
 * 撤销签到: a check-in or an on-behalf check-in (代签) made by mistake stops counting. The record
 * is not deleted: it is marked undone with who, when and why, and the room shows it as such.
 * When the mistaken check-in was a return after a leave, only the return is undone: the unit is
 * again as it was, left at its earlier time.
 */
export async function checkInUndoer(ctx: CommandContext, props: CheckInUndoProps) {
  const { meeting, alliance } = await readableMeetingFacts(ctx, props.meetingId);
  const { Attendance } = ctx.models;
  const record = await Attendance.findOne({
    _id: objectId(props.attendanceId, 'check-in'),
    meeting: meeting._id,
  }).lean();
  if (!record) throw notFound('check-in');
  const unitId = String(record.unit);
  if (!roomPolicy.canCorrectAttendance(ctx.actor, alliance, meeting, unitId)) {
    throw forbidden('only the chair or the unit’s own representative may undo this check-in');
  }
  if (!meetingPhase.openForAttendanceCorrections(meeting.status)) {
    throw new AppError('INVALID_STATE', `attendance is closed: the meeting is ${meeting.status}`);
  }
  if (record.undone || record.leftAt) {
    throw new AppError('INVALID_STATE', 'only a check-in that counts now can be undone');
  }
  const previous = record.earlier?.at(-1);
  const counting = { _id: record._id, at: record.at, leftAt: null, undone: null };
  await inTransaction(ctx, async (session) => {
    const r = previous
      ? await Attendance.updateOne(
          counting,
          { $set: { at: previous.at, late: previous.late ?? false, leftAt: previous.leftAt }, $pop: { earlier: 1 } },
          { session },
        )
      : await Attendance.updateOne(
          counting,
          { $set: { undone: { at: new Date(), by: ctx.actor.id, reason: props.reason } } },
          { session },
        );
    if (r.matchedCount === 0) throw new AppError('CONFLICT', 'this check-in changed meanwhile; look again');
    await recordAudit(ctx, session, {
      action: 'meeting.checkIn.undo',
      targetType: 'meeting',
      targetId: meeting._id,
      event: { type: 'attendance.changed', meetingId: String(meeting._id), allianceId: String(alliance._id) },
      alliance: alliance._id,
      before: {
        unit: unitId,
        onBehalf: record.onBehalf || undefined,
        arrivedAt: record.at.toISOString(),
        returned: previous ? true : undefined,
      },
      after: { reason: props.reason },
    });
  });
  return { meeting, alliance };
}
