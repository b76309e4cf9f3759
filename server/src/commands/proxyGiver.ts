import { meetingPhase } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { roomPolicy } from '../policies/room.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, isDuplicateKey, objectId } from './errors.js';
import { readableMeeting } from './loaders.js';

export interface ProxyProps {
  meetingId: string;
  /** The unit giving its vote (委托方). */
  fromUnitId: string;
  /** The representative of another member unit who will cast it (受托人). */
  toUserId: string;
}

/**
 * 委托: a unit that cannot attend gives its vote for this meeting to another unit's
 * representative. Recorded with who gave it; one proxy per unit per meeting, and it stands
 * until the meeting ends, so a ballot cannot be cast twice by switching holders.
 */
export async function proxyGiver(ctx: CommandContext, props: ProxyProps) {
  const { meeting, alliance } = await readableMeeting(ctx, props.meetingId);
  if (!roomPolicy.canGiveProxy(ctx.actor, alliance, props.fromUnitId)) throw forbidden('you cannot give this unit’s vote');
  if (!roomPolicy.canHoldProxy(alliance, props.toUserId, props.fromUnitId)) {
    throw new AppError('VALIDATION', 'a proxy goes to a representative of another voting member unit', { field: 'toUserId' });
  }
  if (!meetingPhase.openForCheckIn(meeting.status)) {
    throw new AppError('INVALID_STATE', `proxies are closed: the meeting is ${meeting.status}`);
  }
  try {
    await inTransaction(ctx, async (session) => {
      await ctx.models.Proxy.create(
        [{ meeting: meeting._id, fromUnit: objectId(props.fromUnitId, 'unit'), to: objectId(props.toUserId, 'user'), givenBy: ctx.actor.id }],
        { session },
      );
      await recordAudit(ctx, session, {
        action: 'meeting.proxy',
        targetType: 'meeting',
        targetId: meeting._id,
        event: { type: 'attendance.changed', meetingId: String(meeting._id), allianceId: String(alliance._id) },
        alliance: alliance._id,
        after: { fromUnit: props.fromUnitId, to: props.toUserId },
      });
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', 'this unit has already given its vote for this meeting');
    throw err;
  }
  return { meeting, alliance };
}
