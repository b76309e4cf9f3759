import type { Actor } from '../auth/actor.js';

/** Only admins manage units and user accounts. */
export const adminPolicy = {
  canManageUnits: (actor: Actor) => actor.isAdmin,
  canManageUsers: (actor: Actor) => actor.isAdmin,
};
