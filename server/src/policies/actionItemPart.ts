import { acceptsProgress, isEditableActionItem, type ActionItemStatus } from '@tongxin/shared';
import type { Actor } from '../auth/actor.js';
import { actionItemPolicy, type ActionItemFacts } from './actionItem.js';
import { representsUnit, type AllianceFacts } from './alliance.js';

/** What the part policy needs to know about an item: its lead and its cooperating units. */
export interface PartFacts extends ActionItemFacts {
  cooperatingUnits: { toString(): string }[];
}

const cooperates = (item: PartFacts, unitId: string) => item.cooperatingUnits.some((u) => String(u) === unitId);

/**
 * 配合单位的分工 (一门主责、其他配合): each cooperating unit answers for its own part. Its
 * representatives report on it; its responsible person is named by the unit itself or by a
 * supervisor. The lead unit's reports remain the item's summary.
 */
export const partPolicy = {
  /** Only people of that cooperating unit report on its part. */
  canReportPart: (actor: Actor, a: AllianceFacts, item: PartFacts, unitId: string) =>
    cooperates(item, unitId) && representsUnit(actor, a, unitId),
  /** The unit itself, or a supervisor (secretary, the convener of the source meeting). */
  canNamePartResponsible: (actor: Actor, a: AllianceFacts, item: PartFacts, unitId: string) =>
    cooperates(item, unitId) && (representsUnit(actor, a, unitId) || actionItemPolicy.canSupervise(actor, a, item.convenerUnit)),
  /** Uploading 佐证材料: whoever may report on the item — the lead unit, or a cooperating unit on its part. */
  canAttachEvidence: (actor: Actor, a: AllianceFacts, item: PartFacts) =>
    actionItemPolicy.canReport(actor, a, item) || item.cooperatingUnits.some((u) => representsUnit(actor, a, String(u))),
};

/** The part abilities of an item's page: which parts this viewer reports on, and names the responsible person of. */
export function partAbilities(actor: Actor, a: AllianceFacts, item: PartFacts, status: ActionItemStatus) {
  const units = item.cooperatingUnits.map(String);
  return {
    reportParts: acceptsProgress(status) ? units.filter((u) => partPolicy.canReportPart(actor, a, item, u)) : [],
    partResponsible: isEditableActionItem(status) ? units.filter((u) => partPolicy.canNamePartResponsible(actor, a, item, u)) : [],
  };
}
