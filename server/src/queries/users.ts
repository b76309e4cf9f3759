import type { Types } from 'mongoose';
import type { Actor } from '../auth/actor.js';
import type { Models } from '../db/models/index.js';

/**
 * Whose accounts an actor may list: everyone's for an admin (`'all'`); for a secretary, the
 * people of the units (members and observers) of the alliances they run — enough to name
 * representatives, and nothing of another alliance's people; for anyone else, no one (`null`).
 */
export async function listableUnits(models: Models, actor: Actor): Promise<'all' | string[] | null> {
  if (actor.isAdmin) return 'all';
  const run = await models.Alliance.find({ secretaries: actor.id }, { 'memberships.unit': 1 }).lean<
    { memberships: { unit: Types.ObjectId }[] }[]
  >();
  if (run.length === 0) return null;
  return [...new Set(run.flatMap((a) => a.memberships.map((m) => String(m.unit))))];
}
