import type { Choice, QuorumView, Tally, VoteView } from '@tongxin/shared';
import type { Id } from './refs.js';

/**
 * Whether the count may be seen: always once closed; while open, only for a named vote counted
 * live. A secret vote, or one set to be counted at close, shows the turnout only. A cancelled
 * vote counts nothing, and shows nothing of how its ballots went.
 */
export function countsVisible(v: { secret: boolean; status: string; tallyVisibility?: string | null }): boolean {
  if (v.status === 'closed') return true;
  if (v.status === 'cancelled') return false;
  return !v.secret && v.tallyVisibility !== 'at_close';
}

export interface VoteLean {
  _id: Id;
  meeting: Id;
  decision?: Id | null;
  decisionVersion?: number | null;
  title: string;
  text: string;
  textSha256: string;
  basis: string;
  threshold: string;
  secret: boolean;
  tallyVisibility?: string | null;
  allowBallotChange?: boolean | null;
  status: string;
  cancellation?: { reason: string; by?: { _id: Id; name: string } | Id | null; at: Date } | null;
  eligible: number;
  openedAt: Date;
  closesAt?: Date | null;
  closedAt?: Date | null;
  quorumAtOpen: QuorumView;
  /** The hash chain's head and length (fixed once the vote has ended). */
  chainHead?: string | null;
  chainLength?: number | null;
  result?: {
    outcome: string;
    counts: Record<Choice, number>;
    quorum: QuorumView;
    closedBy: string;
    enteredByChair?: number | null;
  } | null;
}

/**
 * What a participant sees of a vote. While a secret vote (or one counted at close) is open only
 * the turnout shows; a named vote shows counts and, name by name, who chose what (记名表决).
 */
export function presentVote(
  v: VoteLean,
  live: { turnout: number; counts: Record<Choice, number>; voted: string[] },
  ballots: { voter: string; voterName: string; choice: Choice; enteredByChair?: boolean }[] | null,
  castByMe: string[],
): VoteView {
  const visible = countsVisible(v);
  const by = v.cancellation?.by && typeof v.cancellation.by === 'object' && 'name' in v.cancellation.by ? v.cancellation.by : null;
  const tally: Tally = {
    voteId: String(v._id),
    turnout: live.turnout,
    eligible: v.eligible,
    ...(visible ? { counts: live.counts } : {}),
    voted: live.voted,
  };
  return {
    id: String(v._id),
    meeting: String(v.meeting),
    title: v.title,
    text: v.text,
    textSha256: v.textSha256,
    decision: v.decision ? String(v.decision) : null,
    decisionVersion: v.decisionVersion ?? null,
    basis: v.basis as VoteView['basis'],
    threshold: v.threshold as VoteView['threshold'],
    secret: v.secret,
    tallyVisibility: v.tallyVisibility === 'at_close' ? 'at_close' : 'live',
    allowBallotChange: v.allowBallotChange === true,
    status: v.status as VoteView['status'],
    openedAt: v.openedAt.toISOString(),
    closesAt: v.closesAt ? v.closesAt.toISOString() : null,
    closedAt: v.closedAt ? v.closedAt.toISOString() : null,
    quorumAtOpen: stripQuorum(v.quorumAtOpen),
    tally,
    result: v.result
      ? {
          outcome: v.result.outcome as NonNullable<VoteView['result']>['outcome'],
          counts: { for: v.result.counts.for, against: v.result.counts.against, abstain: v.result.counts.abstain },
          quorum: stripQuorum(v.result.quorum),
          closedBy: v.result.closedBy as 'chair' | 'timer',
          enteredByChair: v.result.enteredByChair ?? 0,
        }
      : null,
    cancellation: v.cancellation
      ? { reason: v.cancellation.reason, by: by ? { id: String(by._id), name: by.name } : null, at: v.cancellation.at.toISOString() }
      : null,
    // Published with the result: what a downloaded record.json must end in (核验).
    record: v.status !== 'open' && v.chainHead ? { head: v.chainHead, length: v.chainLength ?? 0 } : null,
    ...(!v.secret && visible && ballots ? { ballots } : {}),
    castByMe,
  };
}

function stripQuorum(q: QuorumView): QuorumView {
  return {
    basis: q.basis,
    fraction: q.fraction,
    eligible: q.eligible,
    present: q.present,
    required: q.required,
    reached: q.reached,
  };
}
