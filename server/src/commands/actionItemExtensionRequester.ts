import {
  acceptsExtension,
  extensionProblem,
  localDate,
  type ActionItemStatus,
  type ExtensionRequestCreate,
} from '@tongxin/shared';
import { AppError } from '../errors.js';
import { actionItemPolicy } from '../policies/actionItem.js';
import { readableActionItem } from './actionItemLoader.js';
import { recordAudit, summarize } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';

export const EXTENSION_PROBLEM = {
  notLater: 'the new deadline must be later than the current one',
  past: 'the new deadline must not be in the past',
} as const;

/**
 * 延期申请: the lead unit asks for a later deadline and says why; a secretary or the convener
 * decides (see actionItemExtensionDecider). One request waits at a time — a second one would
 * only restate the first.
 */
export async function actionItemExtensionRequester(ctx: CommandContext, itemId: string, props: ExtensionRequestCreate) {
  const { item, alliance, convenerUnit } = await readableActionItem(ctx, itemId);
  if (!actionItemPolicy.canRequestExtension(ctx.actor, alliance, { leadUnit: item.leadUnit, convenerUnit })) {
    throw forbidden('only the lead unit asks for a later deadline');
  }
  const status = item.status as ActionItemStatus;
  if (!acceptsExtension(status)) {
    throw new AppError('INVALID_STATE', `the deadline of an item that is ${status} is not extended`);
  }
  if (item.extensionRequests.some((r) => r.status === 'pending')) {
    throw new AppError('INVALID_STATE', 'a request for a later deadline already waits for a decision', {
      problem: 'pending',
    });
  }
  const now = ctx.clock.now();
  const problem = extensionProblem(item.dueDate, props.to, localDate(now));
  if (problem) throw new AppError('VALIDATION', EXTENSION_PROBLEM[problem], { field: 'to', problem });

  const request = {
    from: item.dueDate,
    to: props.to,
    reason: props.reason,
    by: ctx.actor.id,
    unit: ctx.actor.unit,
    at: now,
    status: 'pending',
  };
  return inTransaction(ctx, async (session) => {
    // Guarded by what was read: no request waiting, the same status and deadline.
    const updated = await ctx.models.ActionItem.findOneAndUpdate(
      { _id: item._id, status, dueDate: item.dueDate, 'extensionRequests.status': { $ne: 'pending' } },
      { $push: { extensionRequests: request } },
      { session, returnDocument: 'after' },
    );
    if (!updated) throw new AppError('INVALID_STATE', 'the item changed meanwhile; reload and try again');
    await recordAudit(ctx, session, {
      action: 'actionItem.requestExtension',
      targetType: 'action_item',
      targetId: item._id,
      alliance: alliance._id,
      event: {
        type: 'actionItem.extensionRequested',
        allianceId: String(alliance._id),
        meetingId: item.meeting ? String(item.meeting) : null,
        itemId: String(item._id),
      },
      // The deadline in force stays as context: nothing changes it until the decision.
      after: summarize({ dueDate: item.dueDate, requestedDueDate: props.to, reason: props.reason }),
    });
    return updated;
  });
}
