import { createHash } from 'node:crypto';
import { BALLOT_CHANGE_NAMED_ONLY, type VoteOpen } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { roomPolicy, votingMembers, votingUnits } from '../policies/room.js';
import { currentQuorum, defaultBasis } from '../queries/quorum.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, objectId } from './errors.js';
import { readableMeeting } from './loaders.js';

/**
 * 表决: the chair puts an exact text to the meeting — typed in, or a frozen version of a decision
 * co-drafted live. The text and its SHA-256 are stored with the vote, so the minutes can show
 * precisely what was voted on. Quorum must hold when the vote opens. A decision put to the vote
 * moves from drafting to voting, which also locks its live draft.
 */
export async function voteOpener(ctx: CommandContext, props: VoteOpen) {
  const { meeting, alliance } = await readableMeeting(ctx, props.meetingId);
  if (!roomPolicy.canChair(ctx.actor, alliance, meeting)) throw forbidden('only the chair may open a vote');
  if (meeting.status !== 'in_session') throw new AppError('INVALID_STATE', `the meeting is ${meeting.status}, not in session`);
  const basis = props.basis ?? defaultBasis(alliance);
  const threshold = props.threshold ?? alliance.votingDefaults?.threshold ?? 'simple_majority';
  // Whatever the chair leaves unsaid, the alliance's voting defaults say.
  const secret = props.secret ?? alliance.votingDefaults?.secret ?? false;
  const tallyVisibility = props.tallyVisibility ?? alliance.votingDefaults?.tallyVisibility ?? 'live';
  const allowBallotChange = props.allowBallotChange ?? (secret ? false : (alliance.votingDefaults?.allowBallotChange ?? false));
  if (secret && allowBallotChange) {
    throw new AppError('VALIDATION', BALLOT_CHANGE_NAMED_ONLY, [
      { code: 'custom', path: ['allowBallotChange'], message: BALLOT_CHANGE_NAMED_ONLY },
    ]);
  }
  const quorum = await currentQuorum(ctx.models, meeting._id, alliance, basis);
  if (!quorum.reached) {
    throw new AppError('INVALID_STATE', `no quorum: ${quorum.present} of ${quorum.eligible} present, ${quorum.required} required`, {
      quorum,
    });
  }
  const subject = await subjectOf(ctx, props, String(meeting._id));
  const eligible = basis === 'unit' ? votingUnits(alliance).length : votingMembers(alliance).length;
  const now = new Date();
  return inTransaction(ctx, async (session) => {
    const [vote] = await ctx.models.Vote.create(
      [
        {
          meeting: meeting._id,
          alliance: alliance._id,
          decision: props.decisionId ? objectId(props.decisionId, 'decision') : null,
          decisionVersion: subject.version,
          title: props.title,
          text: subject.text,
          textSha256: createHash('sha256').update(subject.text, 'utf8').digest('hex'),
          basis,
          threshold,
          secret,
          tallyVisibility,
          allowBallotChange,
          eligible,
          openedBy: ctx.actor.id,
          openedAt: now,
          closesAt: props.durationSeconds ? new Date(now.getTime() + props.durationSeconds * 1000) : null,
          quorumAtOpen: quorum,
        },
      ],
      { session },
    );
    if (subject.version !== null) {
      const moved = await ctx.models.Decision.findOneAndUpdate(
        { _id: props.decisionId, status: 'drafting' },
        { $set: { status: 'voting' } },
        { session, returnDocument: 'after' },
      );
      if (!moved) throw new AppError('INVALID_STATE', 'the decision is not being drafted; it cannot be put to a vote');
    }
    await recordAudit(ctx, session, {
      action: 'vote.open',
      targetType: 'vote',
      targetId: vote!._id,
      event: { type: 'vote.opened', meetingId: String(meeting._id), allianceId: String(alliance._id), voteId: String(vote!._id), decisionId: vote!.decision ? String(vote!.decision) : null, closesAt: vote!.closesAt ? vote!.closesAt.toISOString() : null },
      alliance: alliance._id,
      after: {
        title: props.title,
        decision: subject.version ? props.decisionId : undefined,
        version: subject.version || undefined,
        sha256: vote!.textSha256,
        basis,
        threshold,
        secret,
        tallyVisibility,
        allowBallotChange,
      },
    });
    return { vote: vote!, meeting, alliance };
  });
}

/** What is voted on: the text given, or the stored text of the named frozen decision version. */
async function subjectOf(ctx: CommandContext, props: VoteOpen, meetingId: string): Promise<{ text: string; version: number | null }> {
  if (props.decisionId) {
    const decision = await ctx.models.Decision.findById(objectId(props.decisionId, 'decision'), { meeting: 1 }).lean();
    if (!decision || String(decision.meeting) !== meetingId) throw new AppError('NOT_FOUND', 'decision not found in this meeting');
  }
  if (props.version === undefined) return { text: props.text!, version: null };
  const version = await ctx.models.DecisionVersion.findOne({ decision: props.decisionId, number: props.version }, { text: 1 }).lean();
  if (!version) throw new AppError('NOT_FOUND', `version ${props.version} of the decision not found`);
  return { text: version.text, version: props.version };
}
