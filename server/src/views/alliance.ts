import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import { presentAlliance, type PopulatedAlliance } from '../presenters/alliance.js';
import { nextConvenerId } from '../queries/rotation.js';

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
