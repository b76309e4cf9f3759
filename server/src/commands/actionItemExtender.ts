import {
  acceptsExtension,
  extensionProblem,
  localDate,
  type ActionItemExtend,
  type ActionItemStatus,
} from '@tongxin/shared';
import { AppError } from '../errors.js';
import { actionItemPolicy } from '../policies/actionItem.js';
import { readableActionItem } from './actionItemLoader.js';
import { recordAudit, summarize } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';

const PROBLEM = {
  notLater: 'the new deadline must be later than the current one',
  past: 'the new deadline must not be in the past',
} as const;

/**
 * 延期: a supervisor gives the lead unit a later deadline, with the reason. The old date is kept
 * on the item (its deadline history), so the ledger still shows what was first promised, and
 * overdue is reckoned from the new one.
 */
export async function actionItemExtender(
  ctx: CommandContext,
  itemId: string,
  props: ActionItemExtend,
  now = ctx.clock.now(),
) {
  const { item, alliance, convenerUnit } = await readableActionItem(ctx, itemId);
  if (!actionItemPolicy.canExtend(ctx.actor, alliance, { leadUnit: item.leadUnit, convenerUnit })) {
    throw forbidden('only a secretary or the convener, not the lead unit itself, extends a deadline');
  }
  const from = item.status as ActionItemStatus;
  if (!acceptsExtension(from))
    throw new AppError('INVALID_STATE', `the deadline of an item that is ${from} is not extended`);
  const problem = extensionProblem(item.dueDate, props.dueDate, localDate(now));
  if (problem) throw new AppError('VALIDATION', PROBLEM[problem], { field: 'dueDate', problem });

  const extension = {
    from: item.dueDate,
    to: props.dueDate,
    reason: props.reason,
    by: ctx.actor.id,
    unit: ctx.actor.unit,
    at: now,
  };
  return inTransaction(ctx, async (session) => {
    // Guarded by the deadline read as well as the status: two extensions at once cannot both apply.
    const updated = await ctx.models.ActionItem.findOneAndUpdate(
      { _id: item._id, status: from, dueDate: item.dueDate },
      { $set: { dueDate: props.dueDate }, $push: { deadlineHistory: extension } },
      { session, returnDocument: 'after' },
    );
    if (!updated) throw new AppError('INVALID_STATE', 'the item changed meanwhile; reload and try again');
    await recordAudit(ctx, session, {
      action: 'actionItem.extend',
      targetType: 'action_item',
      targetId: item._id,
      event: {
        type: 'actionItem.extended',
        allianceId: String(alliance._id),
        meetingId: item.meeting ? String(item.meeting) : null,
        itemId: String(item._id),
      },
      alliance: alliance._id,
      before: summarize({ dueDate: item.dueDate }),
      after: summarize({ dueDate: props.dueDate, reason: props.reason }),
    });
    return updated;
  });
}
