import { acceptsProgress, type ActionItemStatus, type ProgressReport } from '@tongxin/shared';
import { Types } from 'mongoose';
import { AppError } from '../errors.js';
import { partPolicy } from '../policies/actionItemPart.js';
import { readableActionItem } from './actionItemLoader.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';
import { attachEvidence } from './evidenceAttacher.js';

/** As parsed, or as a direct caller writes it (attachments are optional). */
type ProgressReportIn = Omit<ProgressReport, 'attachments'> & { attachments?: string[] };

/**
 * 配合单位报送: a cooperating unit reports on its own part (text, percent of its part, evidence).
 * It does not move the item's status or percent: the lead unit's report is the summary.
 */
export async function actionItemPartReporter(ctx: CommandContext, itemId: string, unitId: string, report: ProgressReportIn) {
  const { item, alliance, convenerUnit } = await readableActionItem(ctx, itemId);
  const unit = objectId(unitId, 'part');
  const facts = { leadUnit: item.leadUnit, convenerUnit, cooperatingUnits: item.cooperatingUnits };
  if (!item.cooperatingUnits.some((u) => u.equals(unit))) throw notFound('part');
  if (!partPolicy.canReportPart(ctx.actor, alliance, facts, unitId)) {
    throw forbidden('only the cooperating unit reports on its part');
  }
  const status = item.status as ActionItemStatus;
  if (!acceptsProgress(status)) throw new AppError('INVALID_STATE', `progress cannot be reported on an item that is ${status}`);
  const now = ctx.clock.now();
  return inTransaction(ctx, async (session) => {
    const before = await ctx.models.ActionItemPart.findOne({ item: item._id, unit }, null, { session }).lean();
    await ctx.models.ActionItemPart.updateOne(
      { item: item._id, unit },
      { $set: { percent: report.percent, lastReportAt: now }, $setOnInsert: { responsiblePerson: null } },
      { upsert: true, session },
    );
    const entryId = new Types.ObjectId();
    await ctx.models.ActionItemProgress.create(
      [
        {
          _id: entryId,
          item: item._id,
          part: unit,
          text: report.text,
          percent: report.percent,
          author: ctx.actor.id,
          unit,
          at: now,
          attachments: (report.attachments ?? []).map((id) => new Types.ObjectId(id)),
        },
      ],
      { session },
    );
    await attachEvidence(ctx, session, { item, entry: entryId, ids: (report.attachments ?? []) });
    await recordAudit(ctx, session, {
      action: 'actionItem.reportPart',
      targetType: 'action_item',
      targetId: item._id,
      alliance: alliance._id,
      event: {
        type: 'actionItem.partReported',
        allianceId: String(alliance._id),
        meetingId: item.meeting ? String(item.meeting) : null,
        itemId: String(item._id),
      },
      before: { unit, percent: before?.percent ?? 0 },
      after: { unit, percent: report.percent, ...((report.attachments ?? []).length ? { attachments: (report.attachments ?? []).length } : {}) },
    });
    return item;
  });
}
