import {
  ACTION_ITEM_EDITABLE_FIELDS,
  LEAD_UNIT_EDITABLE_FIELDS,
  type ActionItemEditableField,
} from '@tongxin/shared';
import type { Actor } from '../auth/actor.js';
import { isSecretary, type AllianceFacts } from './alliance.js';

/** What the policy needs to know about an action item. */
export interface ActionItemFacts {
  leadUnit: { toString(): string };
  /** The convener unit of the meeting the item came from, if any. */
  convenerUnit: string | null;
}

function represents(actor: Actor, a: AllianceFacts, unitId: string): boolean {
  return a.memberships.some((m) => String(m.unit) === unitId && m.representatives.map(String).includes(actor.id));
}

export const actionItemPolicy = {
  /** Supervisors (督办): the alliance's secretaries, and the convener of the source meeting. */
  canSupervise: (actor: Actor, a: AllianceFacts, convenerUnit: string | null) =>
    isSecretary(actor, a) || (convenerUnit !== null && represents(actor, a, convenerUnit)),
  /**
   * Verifying, sending back and cancelling an existing item: a supervisor who does not speak for
   * the lead unit, because the unit doing the work does not sign off its own work.
   */
  canSignOff: (actor: Actor, a: AllianceFacts, item: ActionItemFacts) =>
    actionItemPolicy.canSupervise(actor, a, item.convenerUnit) && !represents(actor, a, String(item.leadUnit)),
  /** Only the lead unit (牵头单位) reports progress and hands the work in. */
  canReport: (actor: Actor, a: AllianceFacts, item: ActionItemFacts) => represents(actor, a, String(item.leadUnit)),
  /**
   * The fields the actor may correct: a supervisor corrects what was assigned; the lead unit
   * rewrites its own measures (推进措施), which are its plan for the work — and only those, even
   * when it convened the meeting, since a unit does not rewrite the work assigned to itself.
   */
  editableFields: (actor: Actor, a: AllianceFacts, item: ActionItemFacts): readonly ActionItemEditableField[] =>
    actionItemPolicy.canSignOff(actor, a, item)
      ? ACTION_ITEM_EDITABLE_FIELDS
      : actionItemPolicy.canReport(actor, a, item)
        ? LEAD_UNIT_EDITABLE_FIELDS
        : [],
  /** 延期 is granted, not taken: a supervisor who does not speak for the lead unit, as for sign-off. */
  canExtend: (actor: Actor, a: AllianceFacts, item: ActionItemFacts) => actionItemPolicy.canSignOff(actor, a, item),
  /** 签收: the lead unit's people accept the work assigned to their unit. */
  canAcknowledge: (actor: Actor, a: AllianceFacts, item: ActionItemFacts) => actionItemPolicy.canReport(actor, a, item),
  /** 延期申请: the lead unit asks; it does not grant itself the time. */
  canRequestExtension: (actor: Actor, a: AllianceFacts, item: ActionItemFacts) =>
    actionItemPolicy.canReport(actor, a, item),
  /** 审批 a request: whoever may extend directly — a supervisor who does not speak for the lead unit. */
  canDecideExtension: (actor: Actor, a: AllianceFacts, item: ActionItemFacts) =>
    actionItemPolicy.canExtend(actor, a, item),
  /** 催办: a supervisor chases another unit's work, not its own. */
  canNudge: (actor: Actor, a: AllianceFacts, item: ActionItemFacts) => actionItemPolicy.canSignOff(actor, a, item),
  /** Deleting an item assigned by mistake: a supervisor, though not for work its own unit leads. */
  canDelete: (actor: Actor, a: AllianceFacts, item: ActionItemFacts) => actionItemPolicy.canSignOff(actor, a, item),
};
