import type { Types } from 'mongoose';
import type { Actor } from '../auth/actor.js';
import type { MemberRole } from '@tongxin/shared';

/** The parts of an alliance the policy looks at. */
export interface AllianceFacts {
  memberships: { unit: Types.ObjectId; role: string; representatives: Types.ObjectId[] }[];
  secretaries: Types.ObjectId[];
}

const ids = (list: Types.ObjectId[]) => list.map(String);

export function isSecretary(actor: Actor, a: AllianceFacts): boolean {
  return ids(a.secretaries).includes(actor.id);
}

/** The role of the actor's home unit in this alliance, if it is a member. */
export function unitRole(actor: Actor, a: AllianceFacts): MemberRole | null {
  const m = a.memberships.find((m) => actor.unit !== null && String(m.unit) === actor.unit);
  return m ? (m.role as MemberRole) : null;
}

/** Whether the actor is a representative (单位代表) of this member unit. */
export function representsUnit(actor: Actor, a: AllianceFacts, unitId: string): boolean {
  return a.memberships.some((m) => String(m.unit) === unitId && ids(m.representatives).includes(actor.id));
}

/** Units this actor represents (speaks and votes for) in this alliance. */
export function representedUnits(actor: Actor, a: AllianceFacts): string[] {
  return a.memberships.filter((m) => ids(m.representatives).includes(actor.id)).map((m) => String(m.unit));
}

export const alliancePolicy = {
  /**
   * Founding an alliance (新建联合体): admins, and those already secretary of one — the people who
   * run alliances found new ones (a special task force, a sector league). The founder becomes its
   * secretary.
   */
  canCreate: (actor: Actor, isSecretaryAnywhere: boolean) => actor.isAdmin || isSecretaryAnywhere,
  /** Anyone whose unit is a member (observers included), its secretaries, and admins. */
  canRead: (actor: Actor, a: AllianceFacts) => actor.isAdmin || isSecretary(actor, a) || unitRole(actor, a) !== null,
  /** Charter, members, representatives, secretaries, rotation: secretaries and admins. */
  canManage: (actor: Actor, a: AllianceFacts) => actor.isAdmin || isSecretary(actor, a),
  /** The IP addresses in the audit log are personal data: secretaries and admins only. */
  canSeeAddresses: (actor: Actor, a: AllianceFacts) => actor.isAdmin || isSecretary(actor, a),
  /** One vote per unit, cast by its representative; observer units do not vote. */
  canVoteFor: (actor: Actor, a: AllianceFacts, unitId: string) =>
    a.memberships.some(
      (m) => String(m.unit) === unitId && m.role !== 'observer' && ids(m.representatives).includes(actor.id),
    ),
  /** Co-editing agendas and decisions: secretaries and representatives of non-observer units. */
  canEdit: (actor: Actor, a: AllianceFacts) =>
    isSecretary(actor, a) ||
    a.memberships.some((m) => m.role !== 'observer' && ids(m.representatives).includes(actor.id)),
};
