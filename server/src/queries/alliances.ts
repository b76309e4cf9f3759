import type { Types } from 'mongoose';
import type { Actor } from '../auth/actor.js';
import { nextConvenerId } from '../commands/rotation.js';
import type { Models } from '../db/models/index.js';
import { presentAlliance, type PopulatedAlliance } from '../presenters/index.js';

export async function allianceView(models: Models, id: Types.ObjectId) {
  const a = await models.Alliance.findById(id)
    .populate('memberships.unit', 'name')
    .populate('memberships.representatives', 'name')
    .populate('secretaries', 'name')
    .populate('rotation', 'name')
    .lean<PopulatedAlliance & { rotation: { _id: Types.ObjectId; name: string }[] }>();
  if (!a) return null;
  const nextId = await nextConvenerId(models, { _id: a._id, rotation: a.rotation.map((r) => r._id) });
  const next = a.rotation.find((r) => String(r._id) === String(nextId)) ?? null;
  return presentAlliance(a, next);
}

/** The alliances an actor can read: all for admins; else where their unit is a member or they are secretary. */
export function readableAllianceFilter(actor: Actor) {
  if (actor.isAdmin) return {};
  const or: Record<string, unknown>[] = [{ secretaries: actor.id }];
  if (actor.unit) or.push({ 'memberships.unit': actor.unit });
  return { $or: or };
}
