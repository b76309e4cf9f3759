import type { Actor } from '../auth/actor.js';
import { isSecretary, representsUnit, type AllianceFacts } from './alliance.js';

/**
 * 群机器人: the alliance's own robots are set up by its secretaries (and admins); a member unit's
 * robot, posting to that unit's group, also by that unit's people — they know their group.
 */
export const robotPolicy = {
  canManage: (actor: Actor, a: AllianceFacts, unitId: string | null): boolean => {
    if (actor.isAdmin || isSecretary(actor, a)) return true;
    if (unitId === null) return false;
    const member = a.memberships.some((m) => String(m.unit) === unitId);
    return member && (actor.unit === unitId || representsUnit(actor, a, unitId));
  },
  /** Which robots' lists and logs the actor sees: all (null), or only those of these units. */
  visibleUnits: (actor: Actor, a: AllianceFacts): string[] | null => {
    if (actor.isAdmin || isSecretary(actor, a)) return null;
    return a.memberships
      .filter((m) => actor.unit === String(m.unit) || representsUnit(actor, a, String(m.unit)))
      .map((m) => String(m.unit));
  },
};
