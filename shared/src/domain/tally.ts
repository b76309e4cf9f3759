import type { Quorum } from './quorum.js';

/** 同意 / 反对 / 弃权 */
export const CHOICES = ['for', 'against', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];

export const VOTE_THRESHOLDS = ['simple_majority', 'majority_of_present', 'two_thirds', 'unanimous'] as const;
export type VoteThreshold = (typeof VOTE_THRESHOLDS)[number];

export type Counts = Record<Choice, number>;
export type VoteOutcome = 'adopted' | 'rejected' | 'no_quorum';

/**
 * How each threshold reads and how it treats abstentions, stated once so the UI, the minutes
 * and the code say the same thing.
 */
export const THRESHOLD_RULES: Record<VoteThreshold, { rule: string; abstentions: string }> = {
  simple_majority: {
    rule: 'more 同意 than 反对 among the ballots cast',
    abstentions: 'not counted: an abstention neither helps nor hinders',
  },
  majority_of_present: {
    rule: '同意 from more than half of those present when the vote closes',
    abstentions: 'count as not in favour, as does being present without voting',
  },
  two_thirds: {
    rule: '同意 from at least two thirds of the ballots cast',
    abstentions: 'count as ballots cast, so they weigh against adoption',
  },
  unanimous: {
    rule: 'every ballot cast is 同意 (一致同意), and at least one was cast',
    abstentions: 'break unanimity, as a 反对 does',
  },
};

export function emptyCounts(): Counts {
  return { for: 0, against: 0, abstain: 0 };
}

export function ballotsCast(c: Counts): number {
  return c.for + c.against + c.abstain;
}

export interface ResultInput {
  threshold: VoteThreshold;
  counts: Counts;
  /** Quorum as it stands when the vote closes. */
  quorum: Pick<Quorum, 'reached' | 'present'>;
}

/** The outcome of a closed vote. Without quorum nothing is decided, whatever the counts. */
export function voteOutcome({ threshold, counts, quorum }: ResultInput): VoteOutcome {
  if (!quorum.reached) return 'no_quorum';
  const cast = ballotsCast(counts);
  let adopted: boolean;
  switch (threshold) {
    case 'simple_majority':
      adopted = counts.for > counts.against;
      break;
    case 'majority_of_present':
      adopted = counts.for * 2 > quorum.present;
      break;
    case 'two_thirds':
      adopted = cast > 0 && counts.for * 3 >= cast * 2;
      break;
    case 'unanimous':
      adopted = cast > 0 && counts.for === cast;
      break;
  }
  return adopted ? 'adopted' : 'rejected';
}
