import type { VoteCancel } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { roomPolicy } from '../policies/room.js';
import { recordAudit } from './audit.js';
import { fixChainAtEnd } from './ballotChain.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';
import { readableMeeting } from './loaders.js';
import { voteGateFor } from './voteGate.js';

/**
 * 取消表决: the chair calls off a vote opened by mistake — before or after ballots — saying why.
 * A cancelled vote counts nothing: its ballots stay stored (what happened is the record) but no
 * result is taken from them, and the minutes say it was cancelled. A decision put to it goes back
 * to drafting, so it can be put to the vote again; the version voted on stays frozen.
 */
export async function voteCanceller(ctx: CommandContext, props: VoteCancel) {
  const vote = await ctx.models.Vote.findById(objectId(props.voteId, 'vote'));
  if (!vote) throw notFound('vote');
  const { meeting, alliance } = await readableMeeting(ctx, String(vote.meeting));
  if (!roomPolicy.canChair(ctx.actor, alliance, meeting)) throw forbidden('only the chair may cancel a vote');
  if (vote.status !== 'open') throw new AppError('INVALID_STATE', `the vote is already ${vote.status}`);

  // Like closing: no ballot may be acknowledged while the vote is being cancelled.
  return voteGateFor(ctx.models).close(String(vote._id), () =>
    inTransaction(ctx, async (session) => {
      const cancelled = await ctx.models.Vote.findOneAndUpdate(
        { _id: vote._id, status: 'open' },
        { $set: { status: 'cancelled', closedAt: new Date(), cancellation: { reason: props.reason, by: ctx.actor.id, at: new Date() } } },
        { session, returnDocument: 'after' },
      );
      if (!cancelled) throw new AppError('INVALID_STATE', 'the vote is no longer open');
      // Its record says cancelled; a secret vote's chain is written so receipts still check, but
      // no openings are published: a vote that counts nothing shows nothing of how it went.
      await fixChainAtEnd(ctx.models, session, cancelled, { publishOpenings: false });
      if (vote.decision && vote.decisionVersion !== null) {
        await ctx.models.Decision.updateOne({ _id: vote.decision, status: 'voting' }, { $set: { status: 'drafting' } }, { session });
      }
      await recordAudit(ctx, session, {
        action: 'vote.cancel',
        targetType: 'vote',
        targetId: vote._id,
        event: {
          type: 'vote.cancelled',
          meetingId: String(vote.meeting),
          allianceId: String(alliance._id),
          voteId: String(vote._id),
          decisionId: vote.decision ? String(vote.decision) : null,
        },
        alliance: alliance._id,
        // Counted: nothing. The ballots cast stay stored, and say who took part.
        before: { status: 'open' },
        after: { status: 'cancelled', reason: props.reason },
      });
      return { vote: cancelled, meeting, alliance };
    }),
  );
}
