import type { UnitInput } from '@tongxin/shared';
import { adminPolicy } from '../policies/admin.js';
import { recordAudit, summarize } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { conflictOnDuplicate, forbidden } from './errors.js';

export async function unitCreator(ctx: CommandContext, input: UnitInput) {
  if (!adminPolicy.canManageUnits(ctx.actor)) throw forbidden('only admins manage units');
  return conflictOnDuplicate('a unit with this name', () =>
    inTransaction(ctx, async (session) => {
      const [unit] = await ctx.models.Unit.create([input], { session });
      await recordAudit(ctx, session, { action: 'unit.create', targetType: 'unit', targetId: unit!._id, after: summarize(input) });
      return unit!;
    }),
  );
}
