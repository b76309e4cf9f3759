import type { BallotReceipt, VoteCast } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { whoVotes } from './ballotCaster.js';
import { recordAudit } from './audit.js';
import { appendNamedEntry } from './ballotChain.js';
import { inTransaction, type CommandContext } from './context.js';
import { notFound, objectId } from './errors.js';
import { readableMeetingFacts } from './loaders.js';
import { voteGateFor } from './voteGate.js';

/**
 * 改投: while a named vote that allows it is open, whoever may cast a voter's ballot may change it;
 * the last ballot counts. The ballot is changed in place (the unique index keeps one per voter),
 * and the audit keeps both the choice it held and the new one. A secret vote never allows it:
 * its choices are kept nowhere a change could find them.
 */
export async function ballotChanger(ctx: CommandContext, props: VoteCast): Promise<BallotReceipt & { meetingId: string }> {
  const vote = await ctx.models.Vote.findById(objectId(props.voteId, 'vote'), {
    meeting: 1,
    basis: 1,
    secret: 1,
    allowBallotChange: 1,
  }).lean();
  if (!vote) throw notFound('vote');
  const { meeting, alliance } = await readableMeetingFacts(ctx, String(vote.meeting));
  if (vote.secret) throw new AppError('INVALID_STATE', 'a secret vote’s ballots cannot be changed');
  if (!vote.allowBallotChange) throw new AppError('INVALID_STATE', 'this vote does not allow changing a ballot');
  const { voter, viaProxy } = await whoVotes(ctx, vote, alliance, props.unitId);

  const change = () =>
    inTransaction(ctx, async (session) => {
      const current = await ctx.models.Vote.findById(vote._id, { status: 1, closesAt: 1 }, { session }).lean();
      if (current?.status !== 'open') throw new AppError('INVALID_STATE', 'the vote is closed');
      if (current.closesAt && current.closesAt.getTime() <= Date.now()) throw new AppError('INVALID_STATE', 'the vote’s time is up');
      const ballot = await ctx.models.Ballot.findOne({ vote: vote._id, voter }, { choice: 1 }, { session }).lean();
      if (!ballot) throw new AppError('INVALID_STATE', 'there is no ballot to change: vote first');
      const answer = { voteId: String(vote._id), receipt: ballot._id, voter: String(voter), choice: props.choice, meetingId: String(meeting._id) };
      // The same choice again changes nothing, and leaves no audit line nor chain entry.
      if (ballot.choice === props.choice) {
        const last = await ctx.models.VoteChainEntry.findOne({ vote: vote._id, voter }, { seq: 1, hash: 1 }, { session }).sort({ seq: -1 }).lean();
        return last ? { ...answer, record: { code: last.hash, seq: last.seq, hash: last.hash } } : answer;
      }
      await ctx.models.Ballot.updateOne(
        { _id: ballot._id, choice: ballot.choice },
        { $set: { choice: props.choice, changedAt: new Date() } },
        { session },
      );
      await ctx.models.VoteParticipation.updateOne({ vote: vote._id, voter }, { $set: { castBy: ctx.actor.id, viaProxy } }, { session });
      // The chain keeps both: a new entry for the voter, which the count takes over the earlier one.
      const record = await appendNamedEntry(ctx.models, session, { vote: vote._id, voter, choice: props.choice, enteredByChair: false });
      await recordAudit(ctx, session, {
        action: 'vote.changeBallot',
        targetType: 'vote',
        targetId: vote._id,
        event: { type: 'ballot.changed', meetingId: String(meeting._id), allianceId: String(alliance._id), voteId: String(vote._id) },
        alliance: alliance._id,
        // A named vote: both choices are the record.
        before: { voter, choice: ballot.choice },
        after: { voter, viaProxy: viaProxy || undefined, choice: props.choice },
      });
      return { ...answer, record };
    });
  // Held like a cast: a change acknowledged after the count would be acknowledged and not counted.
  return voteGateFor(ctx.models).castInTurn(String(vote._id), change);
}
