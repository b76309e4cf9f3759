import { isDeletableActionItem, type ActionItemStatus } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { actionItemPolicy } from '../policies/actionItem.js';
import { readableActionItem } from './actionItemLoader.js';
import { recordAudit, summarize } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';

/**
 * Deletes an item assigned by mistake — only while nothing has happened to it (still 待办, no
 * progress reported). Once the lead unit has worked on it, it is cancelled with a reason instead
 * and its history stays. The audit trail keeps what the item was.
 */
export async function actionItemDeleter(ctx: CommandContext, itemId: string) {
  const { item, alliance, convenerUnit } = await readableActionItem(ctx, itemId);
  if (!actionItemPolicy.canDelete(ctx.actor, alliance, { leadUnit: item.leadUnit, convenerUnit })) {
    throw forbidden('only a secretary or the convener, not the lead unit itself, deletes an action item');
  }
  const refused = () =>
    new AppError('INVALID_STATE', 'work has been reported or the item has moved on: cancel it instead', {
      cancelInstead: true,
    });
  if (!isDeletableActionItem(item.status as ActionItemStatus)) throw refused();
  return inTransaction(ctx, async (session) => {
    if (await ctx.models.ActionItemProgress.exists({ item: item._id }).session(session)) throw refused();
    // Only from 待办: a report or a step that landed meanwhile moved it on, and then it stays.
    const { deletedCount } = await ctx.models.ActionItem.deleteOne({ _id: item._id, status: 'todo' }, { session });
    if (deletedCount !== 1) throw refused();
    await recordAudit(ctx, session, {
      action: 'actionItem.delete',
      targetType: 'action_item',
      targetId: item._id,
      event: {
        type: 'actionItem.deleted',
        allianceId: String(alliance._id),
        meetingId: item.meeting ? String(item.meeting) : null,
        itemId: String(item._id),
      },
      alliance: alliance._id,
      before: summarize({
        title: item.title,
        leadUnit: String(item.leadUnit),
        responsiblePerson: item.responsiblePerson,
        dueDate: item.dueDate,
      }),
    });
    return {
      id: String(item._id),
      allianceId: String(alliance._id),
      meetingId: item.meeting ? String(item.meeting) : null,
    };
  });
}
