import {
  actionItemTransitionRole,
  awaitsAcknowledgement,
  nextActionItemStatus,
  submitProblem,
  type ActionItemStatus,
  type ActionItemTransition,
} from '@tongxin/shared';
import { AppError } from '../errors.js';
import { actionItemPolicy } from '../policies/actionItem.js';
import { recordAudit } from './audit.js';
import { readableActionItem } from './actionItemLoader.js';
import { acknowledgementAudit, acknowledgementSet } from './actionItemAcknowledger.js';
import { inTransaction, type CommandContext } from './context.js';
import { changeStatus } from './statusChange.js';
import { forbidden } from './errors.js';

/**
 * Moves an action item along its state machine: the lead unit starts and hands in the work, a
 * supervisor verifies and closes it (销号), sends it back, or cancels it.
 */
export async function actionItemTransitioner(
  ctx: CommandContext,
  itemId: string,
  props: { transition: ActionItemTransition; note?: string | undefined },
) {
  const { item, alliance, convenerUnit } = await readableActionItem(ctx, itemId);
  const allowed =
    actionItemTransitionRole(props.transition) === 'lead'
      ? actionItemPolicy.canReport(ctx.actor, alliance, { leadUnit: item.leadUnit, convenerUnit })
      : actionItemPolicy.canSignOff(ctx.actor, alliance, { leadUnit: item.leadUnit, convenerUnit });
  if (!allowed) {
    throw forbidden(
      actionItemTransitionRole(props.transition) === 'lead'
        ? 'only the lead unit moves the work forward'
        : 'only a secretary or the convener, not the lead unit itself, verifies, reopens or cancels',
    );
  }
  const from = item.status as ActionItemStatus;
  const to = nextActionItemStatus(from, props.transition);
  if (!to) throw new AppError('INVALID_STATE', `cannot ${props.transition} an item that is ${from}`);
  // Nothing reported, nothing to verify: the lead unit says what it did before handing the work in.
  if (props.transition === 'submit' && submitProblem(item.percent) === 'noProgress') {
    throw new AppError('INVALID_STATE', '进度为 0% 时不能提请验收，请先报告推进情况', { problem: 'noProgress' });
  }
  const now = ctx.clock.now();
  // The lead unit starting or handing in the work has plainly received it: that is its 签收 too.
  const acknowledges =
    actionItemTransitionRole(props.transition) === 'lead' &&
    awaitsAcknowledgement({ status: from, ackDueAt: item.ackDueAt ?? null, acknowledgedAt: item.acknowledgedAt ?? null });
  return inTransaction(ctx, async (session) => {
    const updated = await changeStatus(
      ctx.models.ActionItem,
      item._id,
      from,
      { $set: { status: to, ...(acknowledges ? acknowledgementSet(ctx, now) : {}) } },
      session,
      'item',
    );
    if (acknowledges) await recordAudit(ctx, session, acknowledgementAudit(item, String(alliance._id)));
    await ctx.models.ActionItemStep.create(
      [
        {
          item: item._id,
          transition: props.transition,
          from,
          to,
          note: props.note || null,
          by: ctx.actor.id,
          unit: ctx.actor.unit,
          at: now,
        },
      ],
      { session },
    );
    await recordAudit(ctx, session, {
      action: `actionItem.${props.transition}`,
      targetType: 'action_item',
      targetId: item._id,
      event: { type: 'actionItem.transitioned', allianceId: String(alliance._id), meetingId: item.meeting ? String(item.meeting) : null, itemId: String(item._id) },
      alliance: alliance._id,
      before: { status: from },
      after: { status: to, note: props.note || undefined },
    });
    return updated;
  });
}
