import { RatingAdjustSchema } from '@tongxin/shared';
import { Types } from 'mongoose';
import { AppError } from '../errors.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { ensureRatingPeriod, periodParam, ratingsManagedAlliance } from './ratingLoaders.js';

const LOCKED = 'this period is published and locked; reopen it to adjust';

/**
 * 调整星级: a secretary gives a unit other stars than the rules do — or, with `stars: null`, takes
 * an adjustment back — always with a reason, which the unit's letter will carry. Only while the
 * period is open: a published result is locked.
 */
export async function ratingAdjuster(ctx: CommandContext, allianceId: string, periodKeyParam: string, input: unknown) {
  const period = periodParam(periodKeyParam);
  const props = RatingAdjustSchema.parse(input);
  const alliance = await ratingsManagedAlliance(ctx, allianceId, 'adjust star ratings');
  const member = alliance.memberships.find((m) => String(m.unit) === props.unit && m.role !== 'observer');
  if (!member) throw new AppError('VALIDATION', 'the unit is not a rated member of this alliance', { field: 'unit' });
  const existing = await ctx.models.RatingPeriod.findOne(
    { alliance: alliance._id, period },
    { status: 1, adjustments: 1 },
  ).lean();
  if (existing?.status === 'published') throw new AppError('INVALID_STATE', LOCKED);
  const was = existing?.adjustments.find((a) => String(a.unit) === props.unit) ?? null;
  if (!was && props.stars === null)
    throw new AppError('VALIDATION', 'this unit has no adjustment to remove', { field: 'stars' });
  const doc = await ensureRatingPeriod(ctx.models, alliance._id, period);
  const unit = new Types.ObjectId(props.unit);
  const now = ctx.clock.now();
  return inTransaction(ctx, async (session) => {
    // Two steps, both only while open: an array cannot be pulled from and pushed to in one update.
    const pulled = await ctx.models.RatingPeriod.updateOne(
      { _id: doc._id, status: 'open' },
      { $pull: { adjustments: { unit } }, $inc: { revision: 1 } },
      { session },
    );
    if (pulled.matchedCount === 0) throw new AppError('INVALID_STATE', LOCKED);
    if (props.stars !== null) {
      await ctx.models.RatingPeriod.updateOne(
        { _id: doc._id, status: 'open' },
        { $push: { adjustments: { unit, stars: props.stars, reason: props.reason, by: ctx.actor.id, at: now } } },
        { session },
      );
    }
    await recordAudit(ctx, session, {
      action: 'rating.adjust',
      targetType: 'unit',
      targetId: unit,
      alliance: alliance._id,
      event: { type: 'rating.adjusted', allianceId: String(alliance._id), period },
      before: { period, ...(was ? { stars: was.stars } : {}) },
      after: { period, ...(props.stars !== null ? { stars: props.stars } : {}), reason: props.reason },
    });
    return period;
  });
}
