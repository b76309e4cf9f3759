import type { Actor } from '../auth/actor.js';

/**
 * Units (成员单位) and people. Admins manage both. A secretary (秘书) runs alliances, and forming
 * or growing one needs units and people that may not exist yet: a secretary of any alliance sees
 * the units list and may add a unit, and sees and adds the people of the units of their own
 * alliances (never an admin, never another alliance's people). Editing or deactivating a unit,
 * resetting a password and deactivating an account stay with admins: they touch every alliance
 * the unit or person is in.
 */
export const adminPolicy = {
  canManageUnits: (actor: Actor) => actor.isAdmin,
  canCreateUnits: (actor: Actor, isSecretaryAnywhere: boolean) => actor.isAdmin || isSecretaryAnywhere,
  canManageUsers: (actor: Actor) => actor.isAdmin,
  /** `listable`: the units whose people the actor may see (see queries/users.ts `listableUnits`). */
  canCreateUser: (
    actor: Actor,
    listable: 'all' | string[] | null,
    input: { unit?: string | undefined; isAdmin: boolean },
  ) =>
    actor.isAdmin ||
    (!input.isAdmin && input.unit !== undefined && Array.isArray(listable) && listable.includes(input.unit)),
};
