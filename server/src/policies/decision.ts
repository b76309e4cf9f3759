import { meetingPhase, type DecisionAbilities } from '@tongxin/shared';
import type { Actor } from '../auth/actor.js';
import { alliancePolicy, type AllianceFacts } from './alliance.js';

/** The parts of a decision (and its meeting) the policy looks at. */
export interface DecisionFacts {
  status: string;
  revisedBy?: unknown;
}

export const decisionPolicy = {
  /** Co-editing the live draft: drafters of the alliance, while it is being drafted. */
  canEdit: (actor: Actor, a: AllianceFacts, d: DecisionFacts) => d.status === 'drafting' && alliancePolicy.canEdit(actor, a),
  /** Freezing a version: secretaries, while it is being drafted. */
  canFreeze: (actor: Actor, a: AllianceFacts, d: DecisionFacts) => d.status === 'drafting' && alliancePolicy.canManage(actor, a),
  /** 撤回: the secretaries who freeze and put drafts forward may also take one back, before a vote. */
  canWithdraw: (actor: Actor, a: AllianceFacts, d: DecisionFacts) => d.status === 'drafting' && alliancePolicy.canManage(actor, a),
  /**
   * 修改后重新表决: whoever may start a draft in the meeting may start the revision of a rejected or
   * withdrawn one — once (a decision is revised into one new draft, which may itself be revised).
   */
  canRevise: (actor: Actor, a: AllianceFacts, d: DecisionFacts, meetingStatus: string) =>
    (d.status === 'rejected' || d.status === 'withdrawn') &&
    !d.revisedBy &&
    meetingPhase.openForDrafting(meetingStatus) &&
    alliancePolicy.canEdit(actor, a),
};

export function decisionAbilities(actor: Actor, a: AllianceFacts, d: DecisionFacts, meetingStatus: string): DecisionAbilities {
  return {
    edit: decisionPolicy.canEdit(actor, a, d),
    freeze: decisionPolicy.canFreeze(actor, a, d),
    withdraw: decisionPolicy.canWithdraw(actor, a, d),
    revise: decisionPolicy.canRevise(actor, a, d, meetingStatus),
  };
}
