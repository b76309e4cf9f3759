import type { Actor } from '../auth/actor.js';
import { alliancePolicy, type AllianceFacts } from './alliance.js';

/**
 * 星级评定: every member of the alliance sees the ratings, the published results and the letters
 * (they are fed back to the units anyway); the secretaries (and admins) set the rules, adjust,
 * publish and reopen.
 */
export const ratingPolicy = {
  canRead: (actor: Actor, a: AllianceFacts) => alliancePolicy.canRead(actor, a),
  canManage: (actor: Actor, a: AllianceFacts) => alliancePolicy.canManage(actor, a),
};
