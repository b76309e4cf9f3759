import { RatingPublishSchema } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { liveRatingRows, ratingRulesOf } from '../queries/ratingRows.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { ensureRatingPeriod, periodParam, ratingsManagedAlliance } from './ratingLoaders.js';

/**
 * 发布: a secretary publishes the period's stars as they stand — figures, names, rules and
 * adjustments frozen into a snapshot that no later change of points or rules touches. The update
 * is conditional on the period still being open at the version read, so two secretaries pressing
 * 发布 at once give one publication: the second is told it is already published.
 */
export async function ratingPublisher(ctx: CommandContext, allianceId: string, periodKeyParam: string, input: unknown) {
  const period = periodParam(periodKeyParam);
  const props = RatingPublishSchema.parse(input ?? {});
  const alliance = await ratingsManagedAlliance(ctx, allianceId, 'publish star ratings');
  const doc = await ensureRatingPeriod(ctx.models, alliance._id, period);
  if (doc.status === 'published')
    throw new AppError('CONFLICT', `this period is already published (version ${doc.version})`);
  const rules = ratingRulesOf(alliance);
  const rows = await liveRatingRows(ctx.models, alliance, period, rules, doc.adjustments);
  const now = ctx.clock.now();
  return inTransaction(ctx, async (session) => {
    const published = await ctx.models.RatingPeriod.findOneAndUpdate(
      // …and at the adjustments read: one made meanwhile would be missing from the snapshot.
      { _id: doc._id, status: 'open', version: doc.version, revision: doc.revision ?? 0 },
      { $set: { status: 'published', published: { rows, rules, at: now, by: ctx.actor.id, note: props.note } } },
      { session, returnDocument: 'after' },
    );
    if (!published) throw new AppError('CONFLICT', 'this period was published or changed meanwhile; reload it');
    await recordAudit(ctx, session, {
      action: 'rating.publish',
      targetType: 'rating',
      targetId: doc._id,
      alliance: alliance._id,
      event: { type: 'rating.published', allianceId: String(alliance._id), period },
      after: { period, version: doc.version, units: rows.length, note: props.note || undefined },
    });
    return period;
  });
}
