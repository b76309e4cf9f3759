import type { Actor } from '../auth/actor.js';
import { alliancePolicy, isSecretary, representedUnits, representsUnit, type AllianceFacts } from './alliance.js';

/**
 * 双报到: an in-service member registers themselves with a residential community of an alliance;
 * the community (its representatives) and the alliance's secretaries organize the activities and
 * check members in; each work unit's representatives see their members' service.
 */
const organizes = (actor: Actor, a: AllianceFacts, communityId: string) =>
  actor.isAdmin || isSecretary(actor, a) || representsUnit(actor, a, communityId);

export interface RegistrationFacts {
  member: { toString(): string };
  community: { toString(): string };
  workUnit?: { toString(): string } | null;
}

export const servicePolicy = {
  /** Registering oneself: whoever may read the alliance. */
  canRegister: (actor: Actor, a: AllianceFacts) => alliancePolicy.canRead(actor, a),
  /** Every registration, and ending anyone's: secretaries and admins. */
  canManage: (actor: Actor, a: AllianceFacts) => alliancePolicy.canManage(actor, a),
  /** A registration is seen by its member, its community's and its work unit's representatives, secretaries. */
  canSeeRegistration: (actor: Actor, a: AllianceFacts, r: RegistrationFacts) =>
    String(r.member) === actor.id ||
    organizes(actor, a, String(r.community)) ||
    (r.workUnit ? representsUnit(actor, a, String(r.workUnit)) : false),
  /** Ending a registration: the member, the community, secretaries. */
  canEndRegistration: (actor: Actor, a: AllianceFacts, r: RegistrationFacts) =>
    String(r.member) === actor.id || organizes(actor, a, String(r.community)),
  /** Publishing, editing, checking in, completing and cancelling a community's activities. */
  canOrganize: organizes,
  /** Whether the actor may publish for some community: secretaries, admins, a community's representatives. */
  canCreateAny: (actor: Actor, a: AllianceFacts, communities: string[]) => communities.some((c) => organizes(actor, a, c)),
  /** The units whose registrations the actor follows (besides their own). */
  followedUnits: (actor: Actor, a: AllianceFacts) => representedUnits(actor, a),
};
