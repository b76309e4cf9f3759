import { RatingReopenSchema } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { periodParam, ratingsManagedAlliance } from './ratingLoaders.js';

/**
 * 重新开启: a secretary reopens a published period, with a reason (a unit's appeal, a corrected
 * record). The published version moves to the history, untouched; the period is open again and
 * its next publication is version n + 1. Adjustments stay as they were.
 */
export async function ratingReopener(ctx: CommandContext, allianceId: string, periodKeyParam: string, input: unknown) {
  const period = periodParam(periodKeyParam);
  const props = RatingReopenSchema.parse(input);
  const alliance = await ratingsManagedAlliance(ctx, allianceId, 'reopen star ratings');
  const doc = await ctx.models.RatingPeriod.findOne({ alliance: alliance._id, period }).lean();
  if (!doc || doc.status !== 'published' || !doc.published)
    throw new AppError('INVALID_STATE', 'only a published period can be reopened');
  const earlier = doc.published;
  return inTransaction(ctx, async (session) => {
    const reopened = await ctx.models.RatingPeriod.findOneAndUpdate(
      { _id: doc._id, status: 'published', version: doc.version },
      {
        $set: { status: 'open', version: doc.version + 1, published: null },
        $push: { history: { version: doc.version, ...earlier, reopenReason: props.reason } },
      },
      { session, returnDocument: 'after' },
    );
    if (!reopened) throw new AppError('CONFLICT', 'this period was reopened or changed meanwhile; reload it');
    await recordAudit(ctx, session, {
      action: 'rating.reopen',
      targetType: 'rating',
      targetId: doc._id,
      alliance: alliance._id,
      event: { type: 'rating.reopened', allianceId: String(alliance._id), period },
      before: { period, version: doc.version },
      after: { period, version: doc.version + 1, reason: props.reason },
    });
    return period;
  });
}
