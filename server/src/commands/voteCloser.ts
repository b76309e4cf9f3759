import { voteOutcome, type VoteThreshold } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { roomPolicy } from '../policies/room.js';
import { countBallots } from '../queries/ballots.js';
import { currentQuorum } from '../queries/quorum.js';
import { recordAudit } from './audit.js';
import { fixChainAtEnd } from './ballotChain.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';
import { readableMeeting } from './loaders.js';
import { voteGateFor } from './voteGate.js';

export interface CloseProps {
  voteId: string;
  /** `timer` when the duration set at opening ran out; the chair otherwise. */
  by?: 'chair' | 'timer';
}

/**
 * Ends a vote: counts the stored ballots, checks quorum again, and stores the result (adopted /
 * rejected / no quorum) with the counts it came from.
 */
export async function voteCloser(ctx: CommandContext, props: CloseProps) {
  const by = props.by ?? 'chair';
  const vote = await ctx.models.Vote.findById(objectId(props.voteId, 'vote'));
  if (!vote) throw notFound('vote');
  const { meeting, alliance } = await readableMeeting(ctx, String(vote.meeting));
  if (by === 'chair' && !roomPolicy.canChair(ctx.actor, alliance, meeting)) throw forbidden('only the chair may close a vote');
  // The timer closes only a vote whose time is up; anyone else closing is the chair.
  if (by === 'timer' && !(vote.closesAt && vote.closesAt.getTime() <= Date.now() + 1_000)) {
    throw forbidden('this vote has no time limit that has run out');
  }
  if (vote.status !== 'open') throw new AppError('INVALID_STATE', 'the vote is already closed');

  return voteGateFor(ctx.models).close(String(vote._id), () =>
    inTransaction(ctx, async (session) => {
      const [{ counts }, quorum] = await Promise.all([
        // Read in the transaction: a secret ballot adds to the vote document, so on a real server
        // one committed after this read makes the result written below conflict, and the close
        // is retried and counts it.
        countBallots(ctx.models, { _id: vote._id, secret: vote.secret }, session),
        currentQuorum(ctx.models, meeting._id, alliance, vote.basis as 'unit' | 'member'),
      ]);
      // The result says how many ballots the chair entered for units (举手/代投). Read once the gate
      // has let every cast finish, so none is still on its way.
      const enteredByChair = await ctx.models.VoteParticipation.countDocuments({ vote: vote._id, enteredByChair: true });
      const outcome = voteOutcome({ threshold: vote.threshold as VoteThreshold, counts, quorum });
      const closed = await ctx.models.Vote.findOneAndUpdate(
        { _id: vote._id, status: 'open' },
        { $set: { status: 'closed', closedAt: new Date(), result: { outcome, counts, quorum, closedBy: by, enteredByChair } } },
        { session, returnDocument: 'after' },
      );
      if (!closed) throw new AppError('INVALID_STATE', 'the vote is already closed');
      // The chain's head is fixed now and published with the result (a secret vote's is written now).
      await fixChainAtEnd(ctx.models, session, closed, { publishOpenings: true });
      if (vote.decision && vote.decisionVersion !== null) {
        // Without quorum nothing was decided: the decision goes back to drafting, to be put again.
        const settled = outcome === 'no_quorum' ? 'drafting' : outcome;
        await ctx.models.Decision.updateOne({ _id: vote.decision, status: 'voting' }, { $set: { status: settled } }, { session });
      }
      await recordAudit(ctx, session, {
        action: 'vote.close',
        targetType: 'vote',
        targetId: vote._id,
        event: { type: 'vote.closed', meetingId: String(vote.meeting), allianceId: String(alliance._id), voteId: String(vote._id), decisionId: vote.decision ? String(vote.decision) : null },
        alliance: alliance._id,
        before: { status: 'open' },
        after: { status: 'closed', outcome, votesFor: counts.for, votesAgainst: counts.against, votesAbstain: counts.abstain, by },
      });
      return { vote: closed, meeting, alliance };
    }),
  );
}
