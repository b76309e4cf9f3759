import type { Actor } from '../auth/actor.js';

/** The alliances an actor can read: all for admins; else where their unit is a member or they are secretary. */
export function readableAllianceFilter(actor: Actor) {
  if (actor.isAdmin) return {};
  const or: Record<string, unknown>[] = [{ secretaries: actor.id }];
  if (actor.unit) or.push({ 'memberships.unit': actor.unit });
  return { $or: or };
}
