import {
  ACTION_ITEM_EDITABLE_FIELDS,
  isEditableActionItem,
  type ActionItemEditableField,
  type ActionItemPatch,
  type ActionItemStatus,
} from '@tongxin/shared';
import type { Types } from 'mongoose';
import { AppError } from '../errors.js';
import { actionItemPolicy } from '../policies/actionItem.js';
import { readableActionItem } from './actionItemLoader.js';
import { recordAudit, summarize } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, objectId } from './errors.js';
import { changeStatus } from './statusChange.js';

/**
 * Corrects what an assigned item says — its title, description, measures, responsible person or
 * cooperating units — with the reason why. A supervisor corrects any of them; the lead unit its
 * own measures. Only what really changes is written, and the audit trail keeps each field's
 * value before and after. A settled item (销号, cancelled) is not corrected.
 */
export async function actionItemEditor(ctx: CommandContext, itemId: string, patch: ActionItemPatch) {
  const { item, alliance, convenerUnit } = await readableActionItem(ctx, itemId);
  const allowed = actionItemPolicy.editableFields(ctx.actor, alliance, { leadUnit: item.leadUnit, convenerUnit });
  const asked = ACTION_ITEM_EDITABLE_FIELDS.filter((f) => patch[f] !== undefined);
  if (allowed.length === 0) {
    throw forbidden(
      'only a secretary or the convener (not for its own work) corrects an action item, the lead unit its measures',
    );
  }
  const refused = asked.filter((f) => !allowed.includes(f));
  if (refused.length > 0) throw forbidden(`the lead unit may change only its measures, not ${refused.join(', ')}`);
  const from = item.status as ActionItemStatus;
  if (!isEditableActionItem(from))
    throw new AppError('INVALID_STATE', `an item that is ${from} is no longer corrected`);

  let cooperating: Types.ObjectId[] | undefined;
  if (patch.cooperatingUnits) {
    const members = new Set(alliance.memberships.map((m) => String(m.unit)));
    const unique = [...new Set(patch.cooperatingUnits)];
    for (const unit of unique) {
      if (!members.has(unit)) {
        throw new AppError('VALIDATION', 'cooperating units must be member units', { field: 'cooperatingUnits', unit });
      }
      if (unit === String(item.leadUnit)) {
        throw new AppError('VALIDATION', 'the lead unit cannot also be a cooperating unit', {
          field: 'cooperatingUnits',
        });
      }
    }
    cooperating = unique.map((u) => objectId(u, 'unit'));
  }

  // What really changes; the same value sent again is no change. Cooperating units are a set.
  const sameUnits = (a: unknown[], b: unknown[]) =>
    a.length === b.length && a.map(String).every((u) => b.map(String).includes(u));
  const changed = asked.filter((f) =>
    f === 'cooperatingUnits' ? !sameUnits(cooperating!, item.cooperatingUnits) : patch[f] !== item[f],
  );
  if (changed.length === 0)
    throw new AppError('VALIDATION', 'nothing to change: every field given has that value already');

  const set: Partial<Record<ActionItemEditableField, unknown>> = {};
  for (const f of changed) set[f] = f === 'cooperatingUnits' ? cooperating : patch[f];
  // The audit keeps raw values (unit ids); the log puts them in words.
  const raw = (f: ActionItemEditableField, value: unknown) =>
    f === 'cooperatingUnits' ? (value as unknown[]).map(String) : value;

  return inTransaction(ctx, async (session) => {
    const updated = await changeStatus(ctx.models.ActionItem, item._id, from, { $set: set }, session, 'item');
    await recordAudit(ctx, session, {
      action: 'actionItem.edit',
      targetType: 'action_item',
      targetId: item._id,
      event: {
        type: 'actionItem.edited',
        allianceId: String(alliance._id),
        meetingId: item.meeting ? String(item.meeting) : null,
        itemId: String(item._id),
      },
      alliance: alliance._id,
      before: summarize(Object.fromEntries(changed.map((f) => [f, raw(f, item[f])]))),
      after: summarize({ ...Object.fromEntries(changed.map((f) => [f, raw(f, set[f])])), reason: patch.reason }),
    });
    return updated;
  });
}
