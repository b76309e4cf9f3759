import { acceptsProgress, type ActionItemStatus, type ProgressReport } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { actionItemPolicy } from '../policies/actionItem.js';
import { recordAudit } from './audit.js';
import { readableActionItem } from './actionItemLoader.js';
import { inTransaction, type CommandContext } from './context.js';
import { changeStatus } from './statusChange.js';
import { forbidden } from './errors.js';

/**
 * 推进情况: only the lead unit reports progress (text, percent; time and author are recorded).
 * The first report on a 待办 item moves it to 进行中.
 */
export async function actionItemProgressReporter(ctx: CommandContext, itemId: string, report: ProgressReport) {
  const { item, alliance, convenerUnit } = await readableActionItem(ctx, itemId);
  if (!actionItemPolicy.canReport(ctx.actor, alliance, { leadUnit: item.leadUnit, convenerUnit })) {
    throw forbidden('only the lead unit reports progress');
  }
  const from = item.status as ActionItemStatus;
  if (!acceptsProgress(from)) throw new AppError('INVALID_STATE', `progress cannot be reported on an item that is ${from}`);
  return inTransaction(ctx, async (session) => {
    const updated = await changeStatus(ctx.models.ActionItem, item._id, from, { $set: { percent: report.percent, status: 'in_progress' } }, session, 'item');
    await ctx.models.ActionItemProgress.create(
      [{ item: item._id, text: report.text, percent: report.percent, author: ctx.actor.id, unit: ctx.actor.unit }],
      { session },
    );
    await recordAudit(ctx, session, {
      action: 'actionItem.progress',
      targetType: 'action_item',
      targetId: item._id,
      event: { type: 'actionItem.progressReported', allianceId: String(alliance._id), meetingId: item.meeting ? String(item.meeting) : null, itemId: String(item._id) },
      alliance: alliance._id,
      before: { status: from, percent: item.percent },
      after: { status: 'in_progress', percent: report.percent },
    });
    return updated;
  });
}
