import { describe, expect, it } from 'vitest';
import {
  compositeScore,
  DEFAULT_RATING_RULES,
  rankCutoffs,
  ranksOf,
  rateUnits,
  starGlyphs,
  starsByRank,
  starsByThresholds,
  type RatingRules,
} from '../src/index.js';

const rules = (over: Partial<RatingRules> = {}): RatingRules => ({ ...DEFAULT_RATING_RULES, ...over });

describe('星级评定: composite, ranks and stars', () => {
  it('the composite is points × weight plus the 述职评议 score × weight, in two decimals', () => {
    expect(compositeScore(rules(), 12, 85)).toBe(29);
    expect(compositeScore(rules({ pointsWeight: 0.3, appraisalWeight: 0.1 }), 7, 91.5)).toBe(11.25);
    // 0.1 + 0.2 style float noise never shows.
    expect(compositeScore(rules({ pointsWeight: 0.1, appraisalWeight: 0 }), 3, null)).toBe(0.3);
  });

  it('a unit that did not report has an appraisal term of 0, not the mean of the others', () => {
    expect(compositeScore(rules(), 12, null)).toBe(12);
  });

  it('units with the same composite share a rank, and the next rank skips', () => {
    expect(ranksOf([10, 20, 20, 5, 20])).toEqual([4, 1, 1, 5, 1]);
  });

  it('thresholds give 1 star below the first and 5 at or above the last', () => {
    const t = DEFAULT_RATING_RULES.thresholds; // 5, 10, 18, 25
    expect([0, 4.99, 5, 9.99, 10, 18, 24.99, 25, 100].map((c) => starsByThresholds(c, t))).toEqual([
      1, 1, 2, 2, 3, 4, 4, 5, 5,
    ]);
  });

  it('rank shares cut from 5 stars down, rounding each cumulative share to the nearest unit', () => {
    // 10 units, 10 / 20 / 40 / 20 %: 1 at 5★, 2 at 4★, 4 at 3★, 2 at 2★, the last at 1★.
    expect(rankCutoffs(10, [10, 20, 40, 20])).toEqual([1, 3, 7, 9]);
    // 5 units: 0.5 → 1, 1.5 → 2, 3.5 → 4, 4.5 → 5.
    expect(rankCutoffs(5, [10, 20, 40, 20])).toEqual([1, 2, 4, 5]);
    expect(rankCutoffs(0, [10, 20, 40, 20])).toEqual([0, 0, 0, 0]);
    const cut = rankCutoffs(10, [10, 20, 40, 20]);
    expect([1, 2, 3, 4, 7, 8, 9, 10].map((r) => starsByRank(r, cut))).toEqual([5, 4, 4, 3, 3, 2, 2, 1]);
  });

  it('a tie straddling a rank cutoff is never split: the tied units all get the better stars', () => {
    const rated = rateUnits(rules({ method: 'ranks', appraisalWeight: 0, rankShares: [20, 20, 20, 20] }), [
      { unit: 'a', points: 30, appraisal: null },
      { unit: 'b', points: 20, appraisal: null },
      { unit: 'c', points: 20, appraisal: null },
      { unit: 'd', points: 10, appraisal: null },
      { unit: 'e', points: 0, appraisal: null },
    ]);
    // Cutoffs 1, 2, 3, 4: b and c share rank 2 → both 4★; d is rank 4 → 2★; e 1★.
    expect(rated.map((r) => [r.unit, r.rank, r.computedStars])).toEqual([
      ['a', 1, 5],
      ['b', 2, 4],
      ['c', 2, 4],
      ['d', 4, 2],
      ['e', 5, 1],
    ]);
  });

  it('rates a small alliance by thresholds, best first, ties in the order given', () => {
    const rated = rateUnits(rules(), [
      { unit: '社区', points: 8, appraisal: 90 }, // 8 + 18 = 26 → 5★
      { unit: '街道', points: 14, appraisal: null }, // 14 → 3★
      { unit: '学校', points: 2, appraisal: 60 }, // 2 + 12 = 14 → 3★
      { unit: '企业', points: -3, appraisal: 20 }, // −3 + 4 = 1 → 1★
    ]);
    expect(rated.map((r) => [r.unit, r.composite, r.rank, r.computedStars])).toEqual([
      ['社区', 26, 1, 5],
      ['街道', 14, 2, 3],
      ['学校', 14, 2, 3],
      ['企业', 1, 4, 1],
    ]);
  });

  it('writes stars as glyphs', () => {
    expect(starGlyphs(3)).toBe('★★★☆☆');
    expect(starGlyphs(5)).toBe('★★★★★');
  });
});
