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

/** Regex-escaped, so that what someone types is searched for as typed. */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `active` / `inactive` / `all` as a filter; records from before deactivation existed count as active. */
export function activeFilter(status: 'active' | 'inactive' | 'all'): Record<string, unknown> {
  return status === 'all' ? {} : status === 'active' ? { active: { $ne: false } } : { active: false };
}

/**
 * Which people a list shows: within the units the actor may list, optionally one unit, a search
 * in login and name, and active or not.
 */
export function peopleFilter(
  listable: 'all' | string[],
  q: { q?: string | undefined; unit?: string | undefined; status: 'active' | 'inactive' | 'all' },
): Record<string, unknown> {
  const and: Record<string, unknown>[] = [activeFilter(q.status)];
  if (q.unit) and.push({ unit: q.unit });
  else if (listable !== 'all') and.push({ unit: { $in: listable } });
  if (q.q) {
    const re = { $regex: escapeRegex(q.q), $options: 'i' };
    and.push({ $or: [{ login: re }, { name: re }] });
  }
  return { $and: and };
}

export interface Representation {
  alliance: { _id: Types.ObjectId; name: string };
  unit: Types.ObjectId;
}

/**
 * For each of these people, the alliances they represent a unit in (单位代表), among the alliances
 * `allianceFilter` lets the viewer read.
 */
export async function representationsOf(
  models: Models,
  userIds: Types.ObjectId[],
  allianceFilter: Record<string, unknown>,
): Promise<Map<string, Representation[]>> {
  const out = new Map<string, Representation[]>();
  if (userIds.length === 0) return out;
  const alliances = await models.Alliance.find(
    { $and: [allianceFilter, { 'memberships.representatives': { $in: userIds } }] },
    { name: 1, memberships: 1 },
  )
    .sort({ name: 1 })
    .lean<{ _id: Types.ObjectId; name: string; memberships: { unit: Types.ObjectId; representatives: Types.ObjectId[] }[] }[]>();
  const wanted = new Set(userIds.map(String));
  for (const a of alliances) {
    for (const m of a.memberships) {
      for (const rep of m.representatives) {
        const id = String(rep);
        if (!wanted.has(id)) continue;
        const list = out.get(id) ?? [];
        list.push({ alliance: { _id: a._id, name: a.name }, unit: m.unit });
        out.set(id, list);
      }
    }
  }
  return out;
}
