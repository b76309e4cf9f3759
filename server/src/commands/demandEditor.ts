import type { DemandPatch } from '@tongxin/shared';
import { listPolicy } from '../policies/lists.js';
import { recordAudit, summarize } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { assertCategory, keysOf, readableDemand } from './listLoaders.js';

/** The raiser corrects its demand; the search keys follow the new texts. */
export async function demandEditor(ctx: CommandContext, demandId: string, patch: DemandPatch) {
  const { demand, alliance } = await readableDemand(ctx, demandId);
  if (!listPolicy.canEditDemand(ctx.actor, alliance, demand)) throw forbidden('only the raising unit corrects a demand');
  assertCategory(alliance, patch.category);
  const next = { ...demand.toObject(), ...patch };
  return inTransaction(ctx, async (session) => {
    const updated = await ctx.models.Demand.findOneAndUpdate(
      { _id: demand._id },
      { $set: { ...patch, searchKeys: keysOf(next.title, next.description, next.category, next.location, next.tags.join(' ')) } },
      { session, returnDocument: 'after' },
    );
    await recordAudit(ctx, session, {
      action: 'demand.edit',
      targetType: 'demand',
      targetId: demand._id,
      alliance: alliance._id,
      event: { type: 'demand.edited', allianceId: String(alliance._id), demandId: String(demand._id) },
      before: summarize({ title: patch.title && demand.title, category: patch.category && demand.category, location: patch.location !== undefined ? demand.location : undefined }),
      after: summarize({ title: patch.title, category: patch.category, location: patch.location }),
    });
    return updated!;
  });
}
