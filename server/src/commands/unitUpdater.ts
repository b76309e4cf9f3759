import type { UnitPatch } from '@tongxin/shared';
import { adminPolicy } from '../policies/admin.js';
import { recordAudit, summarize } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { conflictOnDuplicate, forbidden, notFound, objectId } from './errors.js';

export async function unitUpdater(ctx: CommandContext, id: string, patch: UnitPatch) {
  if (!adminPolicy.canManageUnits(ctx.actor)) throw forbidden('only admins manage units');
  const _id = objectId(id, 'unit');
  return conflictOnDuplicate('a unit with this name', () =>
    inTransaction(ctx, async (session) => {
      const before = await ctx.models.Unit.findById(_id).session(session);
      if (!before) throw notFound('unit');
      const pick = Object.fromEntries(Object.keys(patch).map((k) => [k, before.get(k)]));
      before.set(patch);
      await before.save({ session });
      await recordAudit(ctx, session, {
        action: 'unit.update',
        targetType: 'unit',
        targetId: _id,
        before: summarize(pick),
        after: summarize(patch),
      });
      return before;
    }),
  );
}
