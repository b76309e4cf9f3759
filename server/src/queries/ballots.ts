import type { ClientSession, Types } from 'mongoose';
import { CHOICES, emptyCounts, type Choice } from '@tongxin/shared';
import type { Models } from '../db/models/index.js';

type Id = Types.ObjectId;

/**
 * The tally is whatever MongoDB holds: an open vote's named ballots counted from their collection,
 * a secret vote's totals as its document keeps them (it has no ballots to count).
 */
export async function countBallots(
  models: Models,
  vote: { _id: Id; secret: boolean },
  session: ClientSession | null = null,
): Promise<{ turnout: number; counts: Record<Choice, number> }> {
  const counts = emptyCounts();
  if (vote.secret) {
    const stored = await models.Vote.findById(vote._id, { secretCounts: 1 }, { session }).lean();
    for (const c of CHOICES) counts[c] = stored?.secretCounts?.[c] ?? 0;
  } else {
    const rows = await models.Ballot.aggregate<{ _id: Choice; n: number }>([
      { $match: { vote: vote._id } },
      { $group: { _id: '$choice', n: { $sum: 1 } } },
    ]).session(session);
    for (const r of rows) counts[r._id] = r.n;
  }
  return { turnout: counts.for + counts.against + counts.abstain, counts };
}
