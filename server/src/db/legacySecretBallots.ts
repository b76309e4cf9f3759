import type { Connection, Types } from 'mongoose';
import type { Choice } from '@tongxin/shared';
import type { Models } from './models/index.js';

/**
 * Secret votes once stored one ballot document per choice, and storage order paired those with
 * the participation records. Each such vote's ballots are folded into its per-choice totals
 * (`Vote.secretCounts`) and deleted, in one transaction per vote. Runs at every start; once done
 * it finds nothing, and two processes starting together count each ballot once (the second
 * transaction conflicts on the vote document, retries, and finds the ballots gone).
 * Returns how many ballots it folded.
 */
export async function foldLegacySecretBallots(models: Models, connection: Connection): Promise<number> {
  const { Ballot, Vote } = models;
  const unnamed = { voter: { $exists: false } };
  const voteIds = (await Ballot.distinct('vote', unnamed)) as Types.ObjectId[];
  if (voteIds.length === 0) return 0;
  const secret = await Vote.find({ _id: { $in: voteIds }, secret: true }, { _id: 1 }).lean();
  let folded = 0;
  for (const { _id: vote } of secret) {
    folded += await connection.transaction(async (session) => {
      const rows = await Ballot.aggregate<{ _id: Choice; n: number }>([
        { $match: { vote, ...unnamed } },
        { $group: { _id: '$choice', n: { $sum: 1 } } },
      ]).session(session);
      if (rows.length === 0) return 0;
      const inc = Object.fromEntries(rows.map((r) => [`secretCounts.${r._id}`, r.n]));
      await Vote.updateOne({ _id: vote }, { $inc: inc }, { session, timestamps: false });
      await Ballot.deleteMany({ vote, ...unnamed }, { session });
      return rows.reduce((sum, r) => sum + r.n, 0);
    });
  }
  return folded;
}
