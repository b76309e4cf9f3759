import type { Actor } from '../auth/actor.js';
import { alliancePolicy, type AllianceFacts } from './alliance.js';

/**
 * 积分: everyone who may read the alliance reads its points and ledger (the figures are fed back
 * to every member's home unit anyway); secretaries and admins set the scheme, make and withdraw
 * manual entries and recompute.
 */
export const pointsPolicy = {
  canRead: (actor: Actor, a: AllianceFacts) => alliancePolicy.canRead(actor, a),
  canManage: (actor: Actor, a: AllianceFacts) => alliancePolicy.canManage(actor, a),
};
