import type { UnitInput } from '@tongxin/shared';
import { adminPolicy } from '../policies/admin.js';
import { recordAudit, summarize } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { conflictOnDuplicate, forbidden } from './errors.js';

/** Adds a unit (成员单位): admins, and secretaries, who form and grow alliances with new units. */
export async function unitCreator(ctx: CommandContext, input: UnitInput) {
  const secretaryAnywhere =
    !ctx.actor.isAdmin && (await ctx.models.Alliance.exists({ secretaries: ctx.actor.id })) !== null;
  if (!adminPolicy.canCreateUnits(ctx.actor, secretaryAnywhere))
    throw forbidden('only admins and secretaries add units');
  return conflictOnDuplicate('a unit with this name', () =>
    inTransaction(ctx, async (session) => {
      const [unit] = await ctx.models.Unit.create([input], { session });
      await recordAudit(ctx, session, {
        action: 'unit.create',
        targetType: 'unit',
        targetId: unit!._id,
        after: summarize(input),
      });
      return unit!;
    }),
  );
}
