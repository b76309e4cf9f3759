import type { Me } from '@tongxin/shared';
import type { Actor } from '../auth/actor.js';
import type { Models } from '../db/models/index.js';
import { adminPolicy } from '../policies/admin.js';
import { alliancePolicy, isSecretary, representedUnits, unitRole } from '../policies/alliance.js';
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
  const secretaryAnywhere = alliances.some((a) => isSecretary(actor, a));
  return {
    user: { ...presentUser(user!), mustChangePassword: user!.mustChangePassword === true },
    setup: {
      createUnits: adminPolicy.canCreateUnits(actor, secretaryAnywhere),
      manageUnits: adminPolicy.canManageUnits(actor),
      people: actor.isAdmin || secretaryAnywhere,
    },
    unit: unit ? presentUnit(unit) : null,
    alliances: alliances.map((a) => ({
      id: String(a._id),
      name: a.name,
      unitRole: unitRole(actor, a),
      isSecretary: isSecretary(actor, a),
      represents: representedUnits(actor, a),
    })),
    canCreateAlliance: alliancePolicy.canCreate(
      actor,
      alliances.some((a) => isSecretary(actor, a)),
    ),
  };
}
