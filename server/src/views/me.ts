import type { Me } from '@tongxin/shared';
import type { Actor } from '../auth/actor.js';
import type { Models } from '../db/models/index.js';
import { isSecretary, representedUnits, unitRole } from '../policies/alliance.js';
import { presentUnit } from '../presenters/unit.js';
import { presentUser } from '../presenters/user.js';
import { readableAllianceFilter } from '../queries/alliances.js';

/** `GET /api/me`: the user, their unit, and their alliances with their roles in each. */
export async function meView(models: Models, actor: Actor): Promise<Me> {
  const [user, unit, alliances] = await Promise.all([
    models.User.findById(actor.id).lean(),
    actor.unit ? models.Unit.findById(actor.unit).lean() : null,
    models.Alliance.find(readableAllianceFilter(actor)).sort({ name: 1 }).lean(),
  ]);
  return {
    user: presentUser(user!),
    unit: unit ? presentUnit(unit) : null,
    alliances: alliances.map((a) => ({
      id: String(a._id),
      name: a.name,
      unitRole: unitRole(actor, a),
      isSecretary: isSecretary(actor, a),
      represents: representedUnits(actor, a),
    })),
  };
}
