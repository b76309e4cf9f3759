import { awaitsAcknowledgement, type ActionItemStatus } from '@tongxin/shared';
import type { Types } from 'mongoose';
import { AppError } from '../errors.js';
import { actionItemPolicy } from '../policies/actionItem.js';
import { readableActionItem } from './actionItemLoader.js';
import { recordAudit, type AuditEntry } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';

/** The fields a 签收 sets: when, and who of the lead unit. */
export function acknowledgementSet(ctx: CommandContext, now: Date) {
  return { acknowledgedAt: now, acknowledgedBy: ctx.actor.id };
}

/** The audit line of a 签收, whether on its own or with the first progress report. */
export function acknowledgementAudit(
  item: { _id: Types.ObjectId; meeting?: Types.ObjectId | null; ackDueAt?: Date | null },
  allianceId: string,
): AuditEntry {
  return {
    action: 'actionItem.acknowledge',
    targetType: 'action_item',
    targetId: item._id,
    alliance: allianceId,
    event: {
      type: 'actionItem.acknowledged',
      allianceId,
      meetingId: item.meeting ? String(item.meeting) : null,
      itemId: String(item._id),
    },
    after: { ackDueAt: item.ackDueAt ?? undefined },
  };
}

/**
 * 签收: a person of the lead unit (牵头单位) accepts the item assigned to the unit, so the
 * supervisors know it reached someone who will act on it. Once only; items from before 签收
 * existed count as acknowledged already.
 */
export async function actionItemAcknowledger(ctx: CommandContext, itemId: string) {
  const { item, alliance, convenerUnit } = await readableActionItem(ctx, itemId);
  if (!actionItemPolicy.canAcknowledge(ctx.actor, alliance, { leadUnit: item.leadUnit, convenerUnit })) {
    throw forbidden('only the lead unit acknowledges an action item');
  }
  const status = item.status as ActionItemStatus;
  const facts = { status, ackDueAt: item.ackDueAt ?? null, acknowledgedAt: item.acknowledgedAt ?? null };
  if (!awaitsAcknowledgement(facts)) {
    throw new AppError(
      'INVALID_STATE',
      facts.acknowledgedAt || !facts.ackDueAt ? 'the item is acknowledged already' : `an item that is ${status} is not acknowledged`,
    );
  }
  const now = ctx.clock.now();
  return inTransaction(ctx, async (session) => {
    // Only while nobody has acknowledged it: two people of the unit at once leave one 签收.
    const updated = await ctx.models.ActionItem.findOneAndUpdate(
      { _id: item._id, acknowledgedAt: null, status },
      { $set: acknowledgementSet(ctx, now) },
      { session, returnDocument: 'after' },
    );
    if (!updated) throw new AppError('INVALID_STATE', 'the item changed meanwhile; reload and try again');
    await recordAudit(ctx, session, acknowledgementAudit(item, String(alliance._id)));
    return updated;
  });
}
