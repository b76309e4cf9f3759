import type { Choice, QuorumView, Tally, VoteView } from '@tongxin/shared';
import type { Id } from './refs.js';

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
  status: string;
  eligible: number;
  openedAt: Date;
  closesAt?: Date | null;
  closedAt?: Date | null;
  quorumAtOpen: QuorumView;
  result?: { outcome: string; counts: Record<Choice, number>; quorum: QuorumView; closedBy: string } | null;
}

/**
 * What a participant sees of a vote. While a secret vote is open only the turnout shows; an open
 * vote shows counts and, name by name, who chose what (记名表决).
 */
export function presentVote(
  v: VoteLean,
  live: { turnout: number; counts: Record<Choice, number> },
  ballots: { voter: string; voterName: string; choice: Choice }[] | null,
  castByMe: string[],
): VoteView {
  const countsVisible = !v.secret || v.status === 'closed';
  const tally: Tally = {
    voteId: String(v._id),
    turnout: live.turnout,
    eligible: v.eligible,
    ...(countsVisible ? { counts: live.counts } : {}),
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
        }
      : null,
    ...(!v.secret && ballots ? { ballots } : {}),
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
