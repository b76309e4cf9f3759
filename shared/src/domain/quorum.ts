/**
 * Quorum (法定人数): enough of those with voting rights must be present for the meeting to start
 * and for a vote to count. Counted in units by default (one member unit, one voice), or in
 * persons when the alliance or the vote decides per member.
 */
export type QuorumBasis = 'unit' | 'member';

export interface QuorumInput {
  basis: QuorumBasis;
  /** The fraction of those with voting rights that must be present, in (0, 1]. */
  fraction: number;
  /** Units (or members) with voting rights: observer units never count. */
  eligible: number;
  /** Of those, how many are present (checked in, or represented by a proxy). */
  present: number;
}

export interface Quorum {
  basis: QuorumBasis;
  fraction: number;
  eligible: number;
  present: number;
  /** The smallest number present that reaches the fraction. */
  required: number;
  reached: boolean;
}

/**
 * `present / eligible >= fraction`, computed on integers: with 15 units and one half, 8 are
 * required (7.5 rounds up); with 8 units, 4. A body with nobody entitled to vote has no quorum.
 */
export function computeQuorum({ basis, fraction, eligible, present }: QuorumInput): Quorum {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`quorum fraction must be in (0, 1], got ${fraction}`);
  // The epsilon keeps 0.6 × 10 from becoming 6.000000000000001 and requiring 7.
  const required = Math.max(1, Math.ceil(fraction * eligible - 1e-9));
  const counted = Math.min(present, eligible);
  return { basis, fraction, eligible, present: counted, required, reached: eligible > 0 && counted >= required };
}
