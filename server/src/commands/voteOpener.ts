import { createHash } from 'node:crypto';
import type { VoteOpen } from '@tongxin/shared';
import { AppError } from '../http/errors.js';
import { roomPolicy, votingMembers, votingUnits } from '../policies/room.js';
import { currentQuorum, defaultBasis } from '../queries/room.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, objectId } from './errors.js';
import { readableMeeting } from './loaders.js';

/**
 * 表决: the chair puts an exact text to the meeting. The text and its SHA-256 are stored, so the
 * minutes can show precisely what was voted on. Quorum must hold when the vote opens.
 */
export async function voteOpener(ctx: CommandContext, props: VoteOpen) {
  const { meeting, alliance } = await readableMeeting(ctx, props.meetingId);
  if (!roomPolicy.canChair(ctx.actor, alliance, meeting)) throw forbidden('only the chair may open a vote');
  if (meeting.status !== 'in_session') throw new AppError('INVALID_STATE', `the meeting is ${meeting.status}, not in session`);
  const basis = props.basis ?? defaultBasis(alliance);
  const threshold = props.threshold ?? alliance.votingDefaults?.threshold ?? 'simple_majority';
  const quorum = await currentQuorum(ctx.models, meeting._id, alliance, basis);
  if (!quorum.reached) {
    throw new AppError('INVALID_STATE', `no quorum: ${quorum.present} of ${quorum.eligible} present, ${quorum.required} required`, {
      quorum,
    });
  }
  const eligible = basis === 'unit' ? votingUnits(alliance).length : votingMembers(alliance).length;
  const now = new Date();
  return inTransaction(ctx, async (session) => {
    const [vote] = await ctx.models.Vote.create(
      [
        {
          meeting: meeting._id,
          alliance: alliance._id,
          decision: props.decisionId ? objectId(props.decisionId, 'decision') : null,
          title: props.title,
          text: props.text,
          textSha256: createHash('sha256').update(props.text, 'utf8').digest('hex'),
          basis,
          threshold,
          secret: props.secret,
          eligible,
          openedBy: ctx.actor.id,
          openedAt: now,
          closesAt: props.durationSeconds ? new Date(now.getTime() + props.durationSeconds * 1000) : null,
          quorumAtOpen: quorum,
        },
      ],
      { session },
    );
    await recordAudit(ctx, session, {
      action: 'vote.open',
      targetType: 'vote',
      targetId: vote!._id,
      alliance: alliance._id,
      after: `title: ${props.title}; sha256: ${vote!.textSha256}; basis: ${basis}; threshold: ${threshold}; secret: ${props.secret}`,
    });
    return { vote: vote!, meeting, alliance };
  });
}
