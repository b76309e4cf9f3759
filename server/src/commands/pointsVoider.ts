import { localDate, VoidPointsSchema } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { pointsPolicy } from '../policies/points.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { notFound, objectId } from './errors.js';
import { readableAlliance } from './loaders.js';

/**
 * 撤销: a secretary withdraws a manual entry, with the reason. The line stays in the ledger,
 * struck through; it no longer counts. Automatic lines are never withdrawn by hand — their record
 * decides them (correct the record, or the scheme).
 */
export async function pointsVoider(ctx: CommandContext, entryId: string, input: unknown) {
  const props = VoidPointsSchema.parse(input);
  const entry = await ctx.models.PointEntry.findById(objectId(entryId, 'points entry')).lean();
  if (!entry) throw notFound('points entry');
  const alliance = await readableAlliance(ctx, String(entry.alliance));
  if (!pointsPolicy.canManage(ctx.actor, alliance)) throw new AppError('FORBIDDEN', 'only a secretary withdraws a manual entry');
  if (entry.criterion !== 'manual') {
    throw new AppError('UNPROCESSABLE', 'automatic points follow their record; only manual entries are withdrawn', { field: 'entryId' });
  }
  if (entry.voided) throw new AppError('INVALID_STATE', 'this entry has already been withdrawn');
  const now = ctx.clock.now();
  return inTransaction(ctx, async (session) => {
    const updated = await ctx.models.PointEntry.findOneAndUpdate(
      { _id: entry._id, voided: null },
      { $set: { voided: { at: now, by: ctx.actor.id, reason: props.reason } } },
      { session, returnDocument: 'after' },
    ).lean();
    if (!updated) throw new AppError('INVALID_STATE', 'this entry has already been withdrawn');
    await recordAudit(ctx, session, {
      action: 'points.void',
      targetType: entry.unit ? 'unit' : 'user',
      targetId: (entry.unit ?? entry.member)!,
      alliance: alliance._id,
      event: { type: 'points.changed', allianceId: String(alliance._id) },
      before: { points: entry.points, date: localDate(entry.at) },
      after: { reason: props.reason },
    });
    return updated;
  });
}
