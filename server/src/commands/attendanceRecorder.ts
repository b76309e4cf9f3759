import { meetingPhase } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { representedUnits } from '../policies/alliance.js';
import { roomPolicy } from '../policies/room.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, isDuplicateKey, objectId } from './errors.js';
import { readableMeetingFacts } from './loaders.js';

/** Check-in opens when the meeting is announced and closes when it adjourns. */

export interface CheckInProps {
  meetingId: string;
  /** Omitted by a representative of exactly one unit: their own. */
  unitId?: string | undefined;
}

/**
 * 签到: a representative checks in for their unit, or a secretary records a unit present on its
 * behalf (代签, recorded as such). Checking in twice is harmless and changes nothing. A check-in
 * after the meeting started is a late arrival (迟到), kept with its time; checking in again after
 * a leave (离会) is a return, and the stay before it is kept; after an undo it is a new check-in.
 */
export async function attendanceRecorder(ctx: CommandContext, props: CheckInProps) {
  const { meeting, alliance } = await readableMeetingFacts(ctx, props.meetingId);
  const own = representedUnits(ctx.actor, alliance);
  const unitId = props.unitId ?? (own.length === 1 ? own[0] : undefined);
  if (!unitId) throw new AppError('VALIDATION', 'say which unit you are checking in for', { field: 'unitId' });
  if (!roomPolicy.canCheckIn(ctx.actor, alliance, unitId)) throw forbidden('you cannot check in for this unit');
  if (!meetingPhase.openForCheckIn(meeting.status)) {
    throw new AppError('INVALID_STATE', `check-in is closed: the meeting is ${meeting.status}`);
  }
  const onBehalf = roomPolicy.checksInOnBehalf(ctx.actor, alliance, unitId);
  const late = meeting.status === 'in_session';
  const key = { meeting: meeting._id, unit: objectId(unitId, 'unit'), user: onBehalf ? null : objectId(ctx.actor.id, 'user') };
  const arrival = { at: new Date(), late, recordedBy: ctx.actor.id, onBehalf };
  try {
    await inTransaction(ctx, async (session) => {
      const { Attendance } = ctx.models;
      const existing = await Attendance.findOne(key, null, { session }).lean();
      let how: 'new' | 'again' | 'returned';
      if (!existing) {
        await Attendance.create([{ ...key, ...arrival }], { session });
        how = 'new';
      } else if (existing.undone) {
        // Undone as a mistake, now true: a check-in like a first one.
        const r = await Attendance.updateOne({ _id: existing._id, undone: { $ne: null } }, { $set: { ...arrival, undone: null, leftAt: null, leftRecordedBy: null } }, { session });
        if (r.matchedCount === 0) return;
        how = 'again';
      } else if (existing.leftAt) {
        // Back after leaving: the stay that ended stays on record.
        const r = await Attendance.updateOne(
          { _id: existing._id, leftAt: existing.leftAt, undone: null },
          {
            $push: { earlier: { at: existing.at, late: existing.late ?? false, leftAt: existing.leftAt } },
            $set: { ...arrival, leftAt: null, leftRecordedBy: null },
          },
          { session },
        );
        if (r.matchedCount === 0) return;
        how = 'returned';
      } else {
        return; // already present
      }
      await recordAudit(ctx, session, {
        action: onBehalf ? 'meeting.checkIn.onBehalf' : 'meeting.checkIn',
        targetType: 'meeting',
        targetId: meeting._id,
        event: { type: 'attendance.changed', meetingId: String(meeting._id), allianceId: String(alliance._id) },
        alliance: alliance._id,
        after: { unit: unitId, late: late || undefined, returned: how === 'returned' || undefined },
      });
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  return { meeting, alliance };
}
