import { periodsWithin } from '@tongxin/shared';
import { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';

/**
 * 述职评议 scores for the star rating: unit id → its report score (0–100) in the closed sessions
 * of the alliance for that period or any period inside it (a year's rating reads the sessions
 * filed by quarter or month), the mean when it reported in several. Units without a scored
 * report are absent. Read from the results as each session's close fixed them.
 */
export async function appraisalScoresFor(models: Models, allianceId: string, period: string): Promise<Map<string, number>> {
  if (!Types.ObjectId.isValid(allianceId)) return new Map();
  const sessions = await models.Appraisal.find({ alliance: new Types.ObjectId(allianceId), period: { $in: periodsWithin(period) }, status: 'closed' }, { results: 1 }).lean();
  const sums = new Map<string, { sum: number; n: number }>();
  for (const s of sessions) {
    for (const r of s.results ?? []) {
      if (r.score === null || r.score === undefined) continue;
      const unit = String(r.reporter);
      const acc = sums.get(unit) ?? { sum: 0, n: 0 };
      acc.sum += r.score;
      acc.n += 1;
      sums.set(unit, acc);
    }
  }
  return new Map([...sums].map(([unit, { sum, n }]) => [unit, sum / n]));
}
