import type { Types } from 'mongoose';
import type { Actor } from '../auth/actor.js';
import type { Models } from '../db/models/index.js';
import { alliancePolicy } from '../policies/alliance.js';
import { presentAlliance, type PopulatedAlliance } from '../presenters/alliance.js';
import { nextConvenerId } from '../queries/rotation.js';

/** An alliance as `actor` sees it, with what they may do with it. */
export async function allianceView(models: Models, id: Types.ObjectId, actor: Actor) {
  const a = await models.Alliance.findById(id)
    .populate('memberships.unit', 'name')
    .populate('memberships.representatives', 'name')
    .populate('memberships.primaryRepresentative', 'name')
    .populate('formerMemberships.unit', 'name')
    .populate('secretaries', 'name')
    .populate('rotation', 'name')
    .lean<PopulatedAlliance & { rotation: { _id: Types.ObjectId; name: string }[] }>();
  if (!a) return null;
  const nextId = await nextConvenerId(models, {
    _id: a._id,
    rotation: a.rotation.map((r) => r._id),
    rotationSkipped: a.rotationSkipped ?? [],
  });
  const next = a.rotation.find((r) => String(r._id) === String(nextId)) ?? null;
  // The policy reads ids; the populated document holds them as `{ _id, name }` (null if removed).
  const ids = (list: ({ _id: Types.ObjectId } | null)[]) => list.flatMap((n) => (n ? [n._id] : []));
  const facts = {
    secretaries: ids(a.secretaries),
    memberships: a.memberships.flatMap((m) =>
      m.unit ? [{ unit: m.unit._id, role: m.role, representatives: ids(m.representatives) }] : [],
    ),
  };
  return presentAlliance(a, next, { manage: alliancePolicy.canManage(actor, facts) });
}
