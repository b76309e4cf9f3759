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
};
