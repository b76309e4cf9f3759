import type { Page, PageQuery, Person } from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Actor } from '../auth/actor.js';
import type { Models } from '../db/models/index.js';
import { presentPerson } from '../presenters/user.js';
import { readableAllianceFilter } from '../queries/alliances.js';
import { paginate } from '../queries/paginate.js';
import { peopleFilter, representationsOf } from '../queries/users.js';

/**
 * `GET /api/users`: one page of people the actor may list (see `listableUnits`), each with their
 * unit's name and the alliances they represent a unit in — among those the actor may read.
 */
export async function peopleView(
  models: Models,
  actor: Actor,
  listable: 'all' | string[],
  q: PageQuery & { q?: string | undefined; unit?: string | undefined; status: 'active' | 'inactive' | 'all' },
): Promise<Page<Person>> {
  type Row = Parameters<typeof presentPerson>[0] & { _id: Types.ObjectId; unit?: Types.ObjectId | null };
  const page = await paginate(models.User, peopleFilter(listable, q), { login: 1 }, q, (u) => u as unknown as Row);
  const ids = page.items.map((u) => u._id);
  const unitIds = [...new Set(page.items.flatMap((u) => (u.unit ? [String(u.unit)] : [])))];
  const reps = await representationsOf(models, ids, readableAllianceFilter(actor));
  const repUnits = [...reps.values()].flat().map((r) => String(r.unit));
  const units = await models.Unit.find({ _id: { $in: [...new Set([...unitIds, ...repUnits])] } }, { name: 1 }).lean();
  const unitName = new Map(units.map((u) => [String(u._id), u.name]));
  const named = (id: Types.ObjectId) => ({ _id: id, name: unitName.get(String(id)) ?? '—' });
  return {
    ...page,
    items: page.items.map((u) =>
      presentPerson(u, {
        withAdminFlag: actor.isAdmin,
        unitName: u.unit ? (unitName.get(String(u.unit)) ?? null) : null,
        represents: (reps.get(String(u._id)) ?? []).map((r) => ({ alliance: r.alliance, unit: named(r.unit) })),
      }),
    ),
  };
}
