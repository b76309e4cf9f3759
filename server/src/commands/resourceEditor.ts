import type { ResourcePatch } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { listPolicy } from '../policies/lists.js';
import { recordAudit, summarize } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { assertCategory, keysOf, readableResource } from './listLoaders.js';

/** The offering unit corrects its resource or marks it 已用完 / 停用. */
export async function resourceEditor(ctx: CommandContext, resourceId: string, patch: ResourcePatch) {
  const { resource, alliance } = await readableResource(ctx, resourceId);
  if (!listPolicy.canWriteFor(ctx.actor, alliance, String(resource.unit))) throw forbidden('only the offering unit edits a resource');
  assertCategory(alliance, patch.category);
  const next = { ...resource.toObject(), ...patch };
  if (next.availableFrom && next.availableTo && next.availableFrom > next.availableTo) {
    throw new AppError('VALIDATION', 'the period ends before it starts', { field: 'availableTo' });
  }
  return inTransaction(ctx, async (session) => {
    const updated = await ctx.models.Resource.findOneAndUpdate(
      { _id: resource._id },
      { $set: { ...patch, searchKeys: keysOf(next.title, next.description, next.category, next.quantity, next.tags.join(' ')) } },
      { session, returnDocument: 'after' },
    );
    await recordAudit(ctx, session, {
      action: 'resource.edit',
      targetType: 'resource',
      targetId: resource._id,
      alliance: alliance._id,
      event: { type: 'resource.edited', allianceId: String(alliance._id), resourceId: String(resource._id) },
      before: summarize({ title: patch.title && resource.title, status: patch.status && resource.status }),
      after: summarize({ title: patch.title, status: patch.status }),
    });
    return updated!;
  });
}
