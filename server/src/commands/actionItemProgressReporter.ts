import { acceptsProgress, awaitsAcknowledgement, type ActionItemStatus, type ProgressReport } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { actionItemPolicy } from '../policies/actionItem.js';
import { recordAudit } from './audit.js';
import { readableActionItem } from './actionItemLoader.js';
import { acknowledgementAudit, acknowledgementSet } from './actionItemAcknowledger.js';
import { inTransaction, type CommandContext } from './context.js';
import { changeStatus } from './statusChange.js';
import { forbidden } from './errors.js';
import { attachEvidence } from './evidenceAttacher.js';
import { Types } from 'mongoose';

/** As parsed, or as a direct caller writes it (attachments are optional). */
type ProgressReportIn = Omit<ProgressReport, 'attachments'> & { attachments?: string[] };

/**
 * 推进情况: only the lead unit reports progress (text, percent; time and author are recorded).
 * The first report on a 待办 item moves it to 进行中. A report on an item still waiting for 签收
 * acknowledges it as well: the unit is plainly at work on it.
 */
export async function actionItemProgressReporter(ctx: CommandContext, itemId: string, report: ProgressReportIn) {
  const { item, alliance, convenerUnit } = await readableActionItem(ctx, itemId);
  if (!actionItemPolicy.canReport(ctx.actor, alliance, { leadUnit: item.leadUnit, convenerUnit })) {
    throw forbidden('only the lead unit reports progress');
  }
  const from = item.status as ActionItemStatus;
  if (!acceptsProgress(from)) throw new AppError('INVALID_STATE', `progress cannot be reported on an item that is ${from}`);
  const now = ctx.clock.now();
  const acknowledges = awaitsAcknowledgement({
    status: from,
    ackDueAt: item.ackDueAt ?? null,
    acknowledgedAt: item.acknowledgedAt ?? null,
  });
  return inTransaction(ctx, async (session) => {
    const updated = await changeStatus(
      ctx.models.ActionItem,
      item._id,
      from,
      {
        $set: {
          percent: report.percent,
          status: 'in_progress',
          lastReportAt: now,
          ...(acknowledges ? acknowledgementSet(ctx, now) : {}),
        },
      },
      session,
      'item',
    );
    const entry = new Types.ObjectId();
    const attachments = (report.attachments ?? []).map((id) => new Types.ObjectId(id));
    await ctx.models.ActionItemProgress.create(
      [{ _id: entry, item: item._id, text: report.text, percent: report.percent, author: ctx.actor.id, unit: ctx.actor.unit, at: now, attachments }],
      { session },
    );
    await attachEvidence(ctx, session, { item, entry, ids: (report.attachments ?? []) });
    if (acknowledges) await recordAudit(ctx, session, acknowledgementAudit(item, String(alliance._id)));
    await recordAudit(ctx, session, {
      action: 'actionItem.progress',
      targetType: 'action_item',
      targetId: item._id,
      event: { type: 'actionItem.progressReported', allianceId: String(alliance._id), meetingId: item.meeting ? String(item.meeting) : null, itemId: String(item._id) },
      alliance: alliance._id,
      before: { status: from, percent: item.percent },
      after: { status: 'in_progress', percent: report.percent, ...(attachments.length ? { attachments: attachments.length } : {}) },
    });
    return updated;
  });
}
