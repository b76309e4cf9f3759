import type { RatingRules } from '../schemas/evaluation.js';

// 星级评定: an alliance's rules turn each unit's points and 述职评议 score into 1–5 stars. Pure:
// the server rates a period's units with it, the client explains the rules with the same figures.

/** One unit's figures for the period. */
export interface RatingInput {
  unit: string;
  points: number;
  /** The unit's 述职评议 score (0–100), or null when it did not report in the period. */
  appraisal: number | null;
}

export interface RatedUnit extends RatingInput {
  composite: number;
  /** 1-based; units with the same composite share a rank (1, 2, 2, 4). */
  rank: number;
  /** What the rules give (before any adjustment by a secretary). */
  computedStars: number;
}

/** Two decimals: weights such as 0.2 must not leave 17.999999 in a table or a letter. */
const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * 综合得分 = pointsWeight × points + appraisalWeight × 述职评议 score. A unit without an appraisal
 * (it did not report in the period) has an appraisal term of 0 — it is not averaged away nor
 * scored as if it had reported; the rules say so to the units, and the letter says it did not report.
 */
export function compositeScore(
  rules: Pick<RatingRules, 'pointsWeight' | 'appraisalWeight'>,
  points: number,
  appraisal: number | null,
): number {
  return round2(rules.pointsWeight * points + rules.appraisalWeight * (appraisal ?? 0));
}

/** Competition ranks (1, 2, 2, 4) of scores, higher first, in the order given. */
export function ranksOf(scores: number[]): number[] {
  return scores.map((s) => 1 + scores.filter((o) => o > s).length);
}

/** Stars by thresholds: 1 plus the number of thresholds (for 2★, 3★, 4★, 5★) the score reaches. */
export function starsByThresholds(composite: number, thresholds: RatingRules['thresholds']): number {
  return 1 + thresholds.filter((t) => composite >= t).length;
}

/**
 * How many of `count` units the rank shares (percent for 5★, 4★, 3★, 2★) place at each star level
 * or better, from 5★ down: the cumulative share of the units, rounded to the nearest unit.
 */
export function rankCutoffs(count: number, shares: RatingRules['rankShares']): [number, number, number, number] {
  let cumulative = 0;
  return shares.map((s) => {
    cumulative += s;
    // A hair over, so that 5 units × 10 % (0.5) rounds up as a person would, whatever the float.
    return Math.min(count, Math.round((count * cumulative) / 100 + 1e-9));
  }) as [number, number, number, number];
}

/**
 * Stars by rank shares: a unit of rank r gets 5★ if r is within the 5★ cutoff, else 4★ if within
 * the 4★ cutoff, … and 1★ past them all. Units that tie share a rank and so always share stars: a
 * tie that straddles a cutoff goes to the better stars, even if that level then holds more units
 * than its share.
 */
export function starsByRank(rank: number, cutoffs: [number, number, number, number]): number {
  const level = cutoffs.findIndex((c) => rank <= c);
  return level === -1 ? 1 : 5 - level;
}

/**
 * Rates a period's units under the rules: composite, rank and computed stars per unit, best first
 * (units that tie keep the order they were given in, e.g. by name).
 */
export function rateUnits(rules: RatingRules, units: RatingInput[]): RatedUnit[] {
  const composites = units.map((u) => compositeScore(rules, u.points, u.appraisal));
  const ranks = ranksOf(composites);
  const cutoffs = rankCutoffs(units.length, rules.rankShares);
  const rated = units.map((u, i) => ({
    ...u,
    composite: composites[i]!,
    rank: ranks[i]!,
    computedStars:
      rules.method === 'thresholds'
        ? starsByThresholds(composites[i]!, rules.thresholds)
        : starsByRank(ranks[i]!, cutoffs),
  }));
  return rated
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.rank - b.r.rank || a.i - b.i)
    .map(({ r }) => r);
}

/** ★★★☆☆: the stars as glyphs, for exports and letters (with the number beside them for screen readers). */
export function starGlyphs(stars: number): string {
  const n = Math.max(0, Math.min(5, Math.round(stars)));
  return '★'.repeat(n) + '☆'.repeat(5 - n);
}
