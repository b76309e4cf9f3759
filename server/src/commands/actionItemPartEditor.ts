import { isEditableActionItem, type ActionItemStatus, type PartResponsible } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { partPolicy } from '../policies/actionItemPart.js';
import { readableActionItem } from './actionItemLoader.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';

/** 分工责任人: the cooperating unit (or a supervisor) names who answers for the unit's part. */
export async function actionItemPartEditor(ctx: CommandContext, itemId: string, unitId: string, patch: PartResponsible) {
  const { item, alliance, convenerUnit } = await readableActionItem(ctx, itemId);
  const unit = objectId(unitId, 'part');
  const facts = { leadUnit: item.leadUnit, convenerUnit, cooperatingUnits: item.cooperatingUnits };
  if (!item.cooperatingUnits.some((u) => u.equals(unit))) throw notFound('part');
  if (!partPolicy.canNamePartResponsible(ctx.actor, alliance, facts, unitId)) {
    throw forbidden('only the cooperating unit or a supervisor names the responsible person of a part');
  }
  const status = item.status as ActionItemStatus;
  if (!isEditableActionItem(status)) throw new AppError('INVALID_STATE', `an item that is ${status} is no longer changed`);
  return inTransaction(ctx, async (session) => {
    const before = await ctx.models.ActionItemPart.findOne({ item: item._id, unit }, null, { session }).lean();
    await ctx.models.ActionItemPart.updateOne(
      { item: item._id, unit },
      { $set: { responsiblePerson: patch.responsiblePerson }, $setOnInsert: { percent: 0, lastReportAt: null } },
      { upsert: true, session },
    );
    await recordAudit(ctx, session, {
      action: 'actionItem.setPartResponsible',
      targetType: 'action_item',
      targetId: item._id,
      alliance: alliance._id,
      event: {
        type: 'actionItem.partReported',
        allianceId: String(alliance._id),
        meetingId: item.meeting ? String(item.meeting) : null,
        itemId: String(item._id),
      },
      before: { unit, responsiblePerson: before?.responsiblePerson ?? undefined },
      after: { unit, responsiblePerson: patch.responsiblePerson },
    });
    return item;
  });
}
