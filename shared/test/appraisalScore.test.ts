import { describe, expect, it } from 'vitest';
import {
  aggregateAppraisal,
  describeAggregation,
  evaluatorScore,
  groupMean,
  roundScore,
  type AppraisalAggregation,
  type AppraisalCriterion,
  type EvaluatorScoring,
} from '../src/index.js';

const criteria: AppraisalCriterion[] = [
  { key: 'duty', label: '履行职责', weight: 2 },
  { key: 'results', label: '工作成效', weight: 1 },
];
const mean: AppraisalAggregation = { method: 'mean', trim: 0, weights: { units: 0.7, public: 0.3 } };
const trimmed: AppraisalAggregation = { method: 'trimmedMean', trim: 1, weights: { units: 0.7, public: 0.3 } };

describe('述职评议 aggregation', () => {
  it('an evaluator’s score is the criterion-weighted mean, grades counting 好=100 较好=80 一般=60 差=40', () => {
    expect(evaluatorScore(criteria, { duty: 'good', results: 'average' })).toBe((100 * 2 + 60) / 3);
    expect(evaluatorScore(criteria, { duty: 90, results: 60 })).toBe(80);
    expect(evaluatorScore(criteria, { results: 'poor' })).toBe(40);
    expect(evaluatorScore(criteria, {})).toBeNull();
  });

  it('a trimmed mean drops the highest and lowest only when more than 2×trim scores are there', () => {
    expect(groupMean([100, 80, 60, 40], trimmed)).toBe(70);
    expect(groupMean([100, 0, 50], trimmed)).toBe(50);
    expect(groupMean([100, 60], trimmed)).toBe(80);
    expect(groupMean([100, 60, 20], mean)).toBe(60);
    expect(groupMean([], mean)).toBeNull();
  });

  it('a report’s score weighs the groups that scored it, renormalising when one group is missing', () => {
    const scorings: EvaluatorScoring[] = [
      { reporter: 'a', group: 'units', evaluator: 'B', scores: { duty: 'good', results: 'good' } },
      { reporter: 'a', group: 'units', evaluator: 'C', scores: { duty: 'average', results: 'average' } },
      { reporter: 'a', group: 'public', evaluator: '王', scores: { duty: 'fairlyGood', results: 'poor' } },
      { reporter: 'b', group: 'units', evaluator: 'A', scores: { duty: 'fairlyGood', results: 'good' } },
    ];
    const [a, b, c] = aggregateAppraisal({ criteria, aggregation: mean, reporters: ['a', 'b', 'c'], scorings });
    // units: (100 + 60) / 2 = 80; public: (80·2 + 40) / 3 = 66.67; 0.7·80 + 0.3·66.67 = 76
    expect(a!.byGroup.units).toBe(80);
    expect(a!.byGroup.public).toBeCloseTo(200 / 3, 10);
    expect(a!.score).toBeCloseTo(76, 10);
    expect(a!.counts).toEqual({ units: 2, public: 1 });
    // 履行职责: units (100 + 60) / 2 = 80, public 80 → 80; 工作成效: units 80, public 40 → 68
    expect(a!.byCriterion).toEqual({ duty: 80, results: expect.closeTo(68, 10) });
    expect(a!.scores.map((s) => [s.evaluator, roundScore(s.score)])).toEqual([
      ['B', 100],
      ['C', 60],
      ['王', 66.67],
    ]);
    // Only units scored b: their mean is its score, whatever the weights.
    expect(b!.score).toBeCloseTo((80 * 2 + 100) / 3, 10);
    expect(b!.byGroup.public).toBeNull();
    expect(c).toMatchObject({ score: null, counts: { units: 0, public: 0 }, byCriterion: { duty: null, results: null } });
  });

  it('trims per report and group before weighing', () => {
    const scorings: EvaluatorScoring[] = [100, 90, 80, 10].map((v, i) => ({
      reporter: 'a',
      group: 'units' as const,
      evaluator: `u${i}`,
      scores: { duty: v, results: v },
    }));
    const [a] = aggregateAppraisal({ criteria, aggregation: trimmed, reporters: ['a'], scorings });
    expect(a!.score).toBe(85);
  });

  it('states the aggregation in words, in both languages', () => {
    expect(describeAggregation(trimmed, 'grade', 'zh-CN')).toBe(
      '各评议单位、群众代表测评分分别取平均值（去掉1个最高分和1个最低分，不足3份时不去掉），评议单位占70%、群众代表占30%；好=100、较好=80、一般=60、差=40',
    );
    expect(describeAggregation(mean, 'score', 'zh-CN')).toBe('各评议单位、群众代表测评分分别取平均值，评议单位占70%、群众代表占30%；每项指标按0–100分评分');
    expect(describeAggregation({ ...mean, weights: { units: 1, public: 0 } }, 'grade', 'zh-CN')).toContain('只计评议单位测评');
    expect(describeAggregation(trimmed, 'grade', 'en')).toBe(
      'The scores of member units and of public representatives are each averaged, dropping the 1 highest and 1 lowest (when there are more than 2); member units count 70%, public representatives 30%; good = 100, fairly good = 80, average = 60, poor = 40',
    );
  });
});
