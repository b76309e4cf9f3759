import { meetingPhase } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { COUNTING } from '../db/models/attendance.js';
import { roomPolicy } from '../policies/room.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, objectId } from './errors.js';
import { readableMeetingFacts } from './loaders.js';

/** A clock a minute ahead of the server's is not the future. */
const CLOCK_SKEW_MS = 60_000;

export interface LeaveProps {
  meetingId: string;
  unitId: string;
  /** When the unit left; now when omitted. */
  at?: Date | undefined;
  note?: string | undefined;
}

/**
 * 离会 (早退/中途离会): a unit present leaves the meeting. From that time it no longer counts toward
 * quorum and cannot vote; a vote already cast stands. It may come back: checking in again is a
 * return. The time may be set earlier than now (the secretary notes it a little later), never
 * before the unit arrived and never in the future.
 */
export async function leaveRecorder(ctx: CommandContext, props: LeaveProps) {
  const { meeting, alliance } = await readableMeetingFacts(ctx, props.meetingId);
  if (!roomPolicy.canCorrectAttendance(ctx.actor, alliance, meeting, props.unitId)) {
    throw forbidden('only the chair or the unit’s own representative may record that it left');
  }
  if (!meetingPhase.openForAttendanceCorrections(meeting.status)) {
    throw new AppError('INVALID_STATE', `attendance is closed: the meeting is ${meeting.status}`);
  }
  const { Attendance } = ctx.models;
  const unit = objectId(props.unitId, 'unit');
  const present = await Attendance.find({ meeting: meeting._id, unit, ...COUNTING }, { at: 1 }).lean();
  if (present.length === 0) throw new AppError('INVALID_STATE', 'this unit is not present', { field: 'unitId' });
  const now = new Date();
  if (props.at && props.at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw new AppError('VALIDATION', 'a leave cannot be in the future', { field: 'at' });
  }
  const at = props.at && props.at < now ? props.at : now;
  const arrived = Math.max(...present.map((p) => p.at.getTime()));
  if (at.getTime() < arrived) {
    throw new AppError('VALIDATION', 'a unit cannot leave before it arrived', {
      field: 'at',
      arrivedAt: new Date(arrived).toISOString(),
    });
  }
  await inTransaction(ctx, async (session) => {
    const r = await Attendance.updateMany(
      { _id: { $in: present.map((p) => p._id) }, ...COUNTING },
      { $set: { leftAt: at, leftRecordedBy: ctx.actor.id } },
      { session },
    );
    if (r.matchedCount === 0) throw new AppError('CONFLICT', 'this unit’s attendance changed meanwhile; look again');
    await recordAudit(ctx, session, {
      action: 'meeting.leave',
      targetType: 'meeting',
      targetId: meeting._id,
      event: { type: 'attendance.changed', meetingId: String(meeting._id), allianceId: String(alliance._id) },
      alliance: alliance._id,
      after: { unit: props.unitId, leftAt: at.toISOString(), note: props.note || undefined },
    });
  });
  return { meeting, alliance };
}
