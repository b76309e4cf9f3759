import type { Actor } from '../auth/actor.js';
import { alliancePolicy, isSecretary, representsUnit, type AllianceFacts } from './alliance.js';
import type { MeetingFacts } from './meeting.js';

// Who may do what in a live meeting room. The chair (主持) is a secretary or a representative
// of the convener unit (召集单位); admins are not members and do not chair.

const ids = (list: { toString(): string }[]) => list.map(String);

/** Member units with voting rights (observer units attend but do not vote or count for quorum). */
export function votingUnits(a: AllianceFacts): string[] {
  return a.memberships.filter((m) => m.role !== 'observer').map((m) => String(m.unit));
}

/** Persons with voting rights when the basis is per member: representatives of voting units. */
export function votingMembers(a: AllianceFacts): string[] {
  return [...new Set(a.memberships.filter((m) => m.role !== 'observer').flatMap((m) => ids(m.representatives)))];
}

const memberSets = new WeakMap<object, Set<string>>();

/**
 * `votingMembers` as a set. An alliance read for a burst of ballots is shared and frozen (see
 * `sharedRead`): its set is built once, not once per ballot — with 500 representatives, building
 * it for each of 500 ballots was the largest cost of the burst after the database.
 */
function votingMemberSet(a: AllianceFacts): Set<string> {
  if (!Object.isFrozen(a.memberships)) return new Set(votingMembers(a));
  let set = memberSets.get(a.memberships);
  if (!set) memberSets.set(a.memberships, (set = new Set(votingMembers(a))));
  return set;
}

export const roomPolicy = {
  /** Starts, adjourns, sets the current item, calls speakers, opens and closes votes. */
  canChair: (actor: Actor, a: AllianceFacts, m: MeetingFacts) =>
    isSecretary(actor, a) || representsUnit(actor, a, String(m.convenerUnit)),

  /** A representative checks in for their own unit; a secretary may record any member unit present. */
  canCheckIn: (actor: Actor, a: AllianceFacts, unitId: string) =>
    a.memberships.some((m) => String(m.unit) === unitId) &&
    (representsUnit(actor, a, unitId) || isSecretary(actor, a)),

  /**
   * Undo a mistaken check-in, or record that a unit left (离会): the chair for any unit, a
   * representative for their own.
   */
  canCorrectAttendance: (actor: Actor, a: AllianceFacts, m: MeetingFacts, unitId: string) =>
    isSecretary(actor, a) || representsUnit(actor, a, String(m.convenerUnit)) || representsUnit(actor, a, unitId),

  /** Whether recording this unit present is done on its behalf (代签) rather than by its own representative. */
  checksInOnBehalf: (actor: Actor, a: AllianceFacts, unitId: string) => !representsUnit(actor, a, unitId),

  /**
   * 委托: a voting unit's representative gives its vote to a representative of another voting
   * unit; a secretary may record a proxy the unit gave in writing.
   */
  canGiveProxy: (actor: Actor, a: AllianceFacts, fromUnit: string) =>
    votingUnits(a).includes(fromUnit) && (representsUnit(actor, a, fromUnit) || isSecretary(actor, a)),
  canHoldProxy: (a: AllianceFacts, holderId: string, fromUnit: string) =>
    a.memberships.some(
      (m) => m.role !== 'observer' && String(m.unit) !== fromUnit && ids(m.representatives).includes(holderId),
    ),

  /** Anyone who may edit in the alliance may ask to speak; observers (列席) listen. */
  canSpeak: (actor: Actor, a: AllianceFacts) => alliancePolicy.canEdit(actor, a),

  /**
   * Unit basis: the unit's own representatives, or the holder of its proxy for this meeting. Both
   * may try; the participation index lets only the first ballot in.
   */
  canCastForUnit: (actor: Actor, a: AllianceFacts, unitId: string, proxyHolder: string | null) =>
    alliancePolicy.canVoteFor(actor, a, unitId) || (proxyHolder === actor.id && votingUnits(a).includes(unitId)),

  /**
   * 举手/代投: the chair records the ballot of a voting unit present without a device of its own
   * (it raised its hand; it was checked in on its behalf). Whether the unit is present, and the
   * vote named and per unit, the command checks.
   */
  canEnterBallotFor: (actor: Actor, a: AllianceFacts, m: MeetingFacts, unitId: string): boolean =>
    roomPolicy.canChair(actor, a, m) && votingUnits(a).includes(unitId),

  /** Member basis: every representative of a voting unit has one vote of their own. */
  canCastAsMember: (actor: Actor, a: AllianceFacts) => votingMemberSet(a).has(actor.id),
};
