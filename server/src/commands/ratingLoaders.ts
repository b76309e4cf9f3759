import { PeriodKeySchema } from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import { AppError } from '../errors.js';
import { ratingPolicy } from '../policies/ratings.js';
import type { CommandContext } from './context.js';
import { forbidden, isDuplicateKey } from './errors.js';
import { readableAlliance } from './loaders.js';

/** A period key from a URL (2026-Q4, 2026-10, 2026); anything else is a 400 naming the field. */
export function periodParam(period: string): string {
  const parsed = PeriodKeySchema.safeParse(period);
  if (!parsed.success)
    throw new AppError('VALIDATION', 'must be a period such as 2026-Q4, 2026-10 or 2026', { field: 'period' });
  return parsed.data;
}

/** The alliance, for a secretary (or admin) who manages its ratings: 404 / 403 otherwise. */
export async function ratingsManagedAlliance(
  ctx: Pick<CommandContext, 'models' | 'actor'>,
  allianceId: string,
  what: string,
) {
  const alliance = await readableAlliance(ctx, allianceId);
  if (!ratingPolicy.canManage(ctx.actor, alliance)) throw forbidden(`only the alliance's secretaries ${what}`);
  return alliance;
}

/**
 * The stored period, created (open, version 1) if this is its first change. Outside any
 * transaction: two secretaries creating it at once both find the one that won.
 */
export async function ensureRatingPeriod(models: Models, allianceId: Types.ObjectId, period: string) {
  try {
    await models.RatingPeriod.updateOne(
      { alliance: allianceId, period },
      {
        $setOnInsert: {
          alliance: allianceId,
          period,
          status: 'open',
          version: 1,
          revision: 0,
          adjustments: [],
          published: null,
          history: [],
        },
      },
      { upsert: true },
    );
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  return (await models.RatingPeriod.findOne({ alliance: allianceId, period }))!;
}
