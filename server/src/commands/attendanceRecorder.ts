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
 * behalf (代签, recorded as such). Checking in twice is harmless and changes nothing.
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
  try {
    await inTransaction(ctx, async (session) => {
      await ctx.models.Attendance.create(
        [{ meeting: meeting._id, unit: objectId(unitId, 'unit'), user: onBehalf ? null : ctx.actor.id, recordedBy: ctx.actor.id, onBehalf }],
        { session },
      );
      await recordAudit(ctx, session, {
        action: onBehalf ? 'meeting.checkIn.onBehalf' : 'meeting.checkIn',
        targetType: 'meeting',
        targetId: meeting._id,
        event: { type: 'attendance.changed', meetingId: String(meeting._id), allianceId: String(alliance._id) },
        alliance: alliance._id,
        after: `unit: ${unitId}`,
      });
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  return { meeting, alliance };
}
