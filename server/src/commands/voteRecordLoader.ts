import type { CommandContext } from './context.js';
import { notFound, objectId } from './errors.js';
import { readableMeeting } from './loaders.js';
import { AppError } from '../errors.js';

type Reader = Pick<CommandContext, 'models' | 'actor'>;

/**
 * A vote's record (表决记录) for whoever may read its meeting, once the vote has ended: the vote,
 * its chain entries in order, and the names of a named vote's voters (see presentVoteRecord).
 */
export async function readableVoteRecord(ctx: Reader, voteId: string) {
  const { Vote, VoteChainEntry, Unit, User } = ctx.models;
  const vote = await Vote.findById(objectId(voteId, 'vote')).lean();
  if (!vote) throw notFound('vote');
  await readableMeeting(ctx, String(vote.meeting));
  if (vote.status === 'open') throw new AppError('INVALID_STATE', 'a vote’s record is published when the vote ends');
  // A vote that ended before records were kept has no chain to show.
  if (!vote.chainHead) throw notFound('vote record');
  const entries = await VoteChainEntry.find({ vote: vote._id }).sort({ seq: 1 }).lean();
  const voterIds = [...new Set(entries.flatMap((e) => (e.voter ? [String(e.voter)] : [])))];
  const found: { _id: unknown; name: string }[] =
    vote.basis === 'member'
      ? await User.find({ _id: { $in: voterIds } }, { name: 1 }).lean()
      : await Unit.find({ _id: { $in: voterIds } }, { name: 1 }).lean();
  return { vote: { ...vote, chainHead: vote.chainHead }, entries, names: new Map(found.map((d) => [String(d._id), d.name])) };
}
