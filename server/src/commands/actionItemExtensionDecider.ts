import {
  acceptsExtension,
  extensionProblem,
  localDate,
  type ActionItemStatus,
  type ExtensionDecision,
} from '@tongxin/shared';
import { AppError } from '../errors.js';
import { actionItemPolicy } from '../policies/actionItem.js';
import { readableActionItem } from './actionItemLoader.js';
import { recordAudit, summarize } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';

/**
 * 审批: a secretary or the convener approves a 延期申请 — the deadline moves to the date asked
 * and the old one stays in the deadline history, as with a direct 延期 — or refuses it with the
 * reason. The request keeps who decided, when and why.
 */
export async function actionItemExtensionDecider(
  ctx: CommandContext,
  itemId: string,
  requestId: string,
  props: ExtensionDecision,
) {
  const { item, alliance, convenerUnit } = await readableActionItem(ctx, itemId);
  if (!actionItemPolicy.canDecideExtension(ctx.actor, alliance, { leadUnit: item.leadUnit, convenerUnit })) {
    throw forbidden('only a secretary or the convener, not the lead unit itself, decides on a later deadline');
  }
  const rid = objectId(requestId, 'extension request');
  const request = item.extensionRequests.find((r) => String(r._id) === String(rid));
  if (!request) throw notFound('extension request');
  if (request.status !== 'pending') {
    throw new AppError('INVALID_STATE', `the request was ${request.status} already`);
  }
  const status = item.status as ActionItemStatus;
  const now = ctx.clock.now();
  if (props.approve) {
    if (!acceptsExtension(status)) {
      throw new AppError('INVALID_STATE', `the deadline of an item that is ${status} is not extended`);
    }
    // The deadline may have moved since the request (a direct 延期), or the date asked passed.
    const problem = extensionProblem(item.dueDate, request.to, localDate(now));
    if (problem) {
      throw new AppError(
        'INVALID_STATE',
        problem === 'notLater'
          ? 'the deadline is already as late as the date asked: refuse the request instead'
          : 'the date asked has passed: refuse the request, and the lead unit asks again',
        { problem },
      );
    }
  }
  const note = props.note === '' ? null : props.note;
  const decided = {
    'extensionRequests.$[r].status': props.approve ? 'approved' : 'refused',
    'extensionRequests.$[r].decidedBy': ctx.actor.id,
    'extensionRequests.$[r].decidedAt': now,
    'extensionRequests.$[r].decisionNote': note,
  };
  const extension = {
    from: item.dueDate,
    to: request.to,
    reason: request.reason,
    by: ctx.actor.id,
    unit: ctx.actor.unit,
    at: now,
  };
  return inTransaction(ctx, async (session) => {
    // Only while it still waits (two supervisors at once decide once), and, for an approval, on
    // the status and deadline read.
    const updated = await ctx.models.ActionItem.findOneAndUpdate(
      {
        _id: item._id,
        extensionRequests: { $elemMatch: { _id: rid, status: 'pending' } },
        ...(props.approve ? { status, dueDate: item.dueDate } : {}),
      },
      props.approve
        ? { $set: { ...decided, dueDate: request.to }, $push: { deadlineHistory: extension } }
        : { $set: decided },
      { session, returnDocument: 'after', arrayFilters: [{ 'r._id': rid }] },
    );
    if (!updated) throw new AppError('INVALID_STATE', 'the item changed meanwhile; reload and try again');
    await recordAudit(ctx, session, {
      action: props.approve ? 'actionItem.approveExtension' : 'actionItem.refuseExtension',
      targetType: 'action_item',
      targetId: item._id,
      alliance: alliance._id,
      event: {
        type: 'actionItem.extensionDecided',
        allianceId: String(alliance._id),
        meetingId: item.meeting ? String(item.meeting) : null,
        itemId: String(item._id),
      },
      ...(props.approve
        ? {
            before: summarize({ dueDate: item.dueDate }),
            after: summarize({ dueDate: request.to, reason: request.reason, note: note ?? undefined }),
          }
        : {
            after: summarize({
              dueDate: item.dueDate,
              requestedDueDate: request.to,
              reason: request.reason,
              note: note ?? undefined,
            }),
          }),
    });
    return updated;
  });
}
