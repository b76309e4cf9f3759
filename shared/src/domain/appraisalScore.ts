import {
  GRADE_SCORES,
  type AppraisalAggregation,
  type AppraisalCriterion,
  type AppraisalGrade,
  type EvaluatorGroup,
} from '../schemas/appraisal.js';

// 述职评议 results: one evaluator's score of one report is the criterion-weighted mean of what they
// gave each criterion (a grade counts as GRADE_SCORES says); a report's score per evaluator group
// is the mean (or trimmed mean) of its evaluators' scores; the report's score weighs the groups
// that scored it. Full precision throughout: rounding is for display only (`roundScore`).

export type CriterionValue = AppraisalGrade | number;

/** One evaluator's scoring of one report. */
export interface EvaluatorScoring {
  reporter: string;
  group: EvaluatorGroup;
  /** Who gave it (a unit's name or a link's label); only shown in named sessions. */
  evaluator: string;
  scores: Record<string, CriterionValue>;
  comment?: string;
}

export interface ReportAggregate {
  reporter: string;
  score: number | null;
  byGroup: Record<EvaluatorGroup, number | null>;
  byCriterion: Record<string, number | null>;
  counts: Record<EvaluatorGroup, number>;
  /** Each evaluator's own score of the report, in the order given. */
  scores: { evaluator: string; group: EvaluatorGroup; score: number; comment: string }[];
}

const GROUPS: EvaluatorGroup[] = ['units', 'public'];

/** What a grade or a 0–100 score counts for. */
export function criterionValue(value: CriterionValue): number {
  return typeof value === 'number' ? value : GRADE_SCORES[value];
}

/** One evaluator's score of a report: criterion-weighted mean of the criteria they scored, or null. */
export function evaluatorScore(criteria: AppraisalCriterion[], scores: Record<string, CriterionValue>): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    const v = scores[c.key];
    if (v === undefined) continue;
    sum += criterionValue(v) * c.weight;
    weights += c.weight;
  }
  return weights > 0 ? sum / weights : null;
}

/**
 * The mean of one group's scores; with `trimmedMean`, the `trim` highest and as many lowest are
 * dropped first when there are more than 2×trim scores (fewer: the plain mean, nothing to drop).
 */
export function groupMean(values: number[], aggregation: Pick<AppraisalAggregation, 'method' | 'trim'>): number | null {
  if (values.length === 0) return null;
  let kept = values;
  const trim = aggregation.method === 'trimmedMean' ? aggregation.trim : 0;
  if (trim > 0 && values.length > 2 * trim) kept = [...values].sort((a, b) => a - b).slice(trim, values.length - trim);
  return kept.reduce((s, v) => s + v, 0) / kept.length;
}

/** The groups' shares of a report's score, renormalised over the groups that have a score. */
function weighGroups(byGroup: Record<EvaluatorGroup, number | null>, weights: AppraisalAggregation['weights']): number | null {
  const present = GROUPS.filter((g) => byGroup[g] !== null);
  if (present.length === 0) return null;
  const total = present.reduce((s, g) => s + weights[g], 0);
  // Weights of 0 for every group that scored: they count equally rather than not at all.
  const share = (g: EvaluatorGroup) => (total > 0 ? weights[g] / total : 1 / present.length);
  return present.reduce((s, g) => s + byGroup[g]! * share(g), 0);
}

/** Groups a list of values by evaluator group, aggregates each and weighs the groups. */
function aggregateValues(values: { group: EvaluatorGroup; value: number }[], aggregation: AppraisalAggregation) {
  const byGroup = Object.fromEntries(
    GROUPS.map((g) => [
      g,
      groupMean(
        values.filter((v) => v.group === g).map((v) => v.value),
        aggregation,
      ),
    ]),
  ) as Record<EvaluatorGroup, number | null>;
  return { byGroup, score: weighGroups(byGroup, aggregation.weights) };
}

/**
 * Every report's result. Per criterion the same aggregation is applied to that criterion's values
 * (groups, trimming and weights), so each figure on the result follows the one stated rule.
 */
export function aggregateAppraisal(input: {
  criteria: AppraisalCriterion[];
  aggregation: AppraisalAggregation;
  reporters: string[];
  scorings: EvaluatorScoring[];
}): ReportAggregate[] {
  const { criteria, aggregation } = input;
  return input.reporters.map((reporter) => {
    const mine = input.scorings.filter((s) => s.reporter === reporter);
    const scores = mine.flatMap((s) => {
      const score = evaluatorScore(criteria, s.scores);
      return score === null ? [] : [{ evaluator: s.evaluator, group: s.group, score, comment: s.comment ?? '' }];
    });
    const { byGroup, score } = aggregateValues(
      scores.map((s) => ({ group: s.group, value: s.score })),
      aggregation,
    );
    const byCriterion = Object.fromEntries(
      criteria.map((c) => [
        c.key,
        aggregateValues(
          mine.filter((s) => s.scores[c.key] !== undefined).map((s) => ({ group: s.group, value: criterionValue(s.scores[c.key]!) })),
          aggregation,
        ).score,
      ]),
    );
    const counts = Object.fromEntries(GROUPS.map((g) => [g, scores.filter((s) => s.group === g).length])) as Record<EvaluatorGroup, number>;
    return { reporter, score, byGroup, byCriterion, counts, scores };
  });
}

/** A score as shown: two decimals at most. */
export function roundScore(value: number): number {
  return Math.round(value * 100) / 100;
}

const GRADE_WORDS: Record<'zh-CN' | 'en', Record<AppraisalGrade, string>> = {
  'zh-CN': { good: '好', fairlyGood: '较好', average: '一般', poor: '差' },
  en: { good: 'good', fairlyGood: 'fairly good', average: 'average', poor: 'poor' },
};

/** A weight as a whole percentage of the groups' total (equal shares when every weight is 0). */
function percents(weights: AppraisalAggregation['weights']): Record<EvaluatorGroup, number> {
  const total = weights.units + weights.public;
  if (total <= 0) return { units: 50, public: 50 };
  const units = Math.round((weights.units / total) * 100);
  return { units, public: 100 - units };
}

/**
 * The aggregation in words, as the result states it, e.g. “各评议单位、群众代表测评分分别取平均值
 * （去掉1个最高分和1个最低分），评议单位占70%、群众代表占30%；好=100、较好=80、一般=60、差=40”.
 */
export function describeAggregation(aggregation: AppraisalAggregation, scale: 'grade' | 'score', locale: string): string {
  const en = locale.startsWith('en');
  const trim = aggregation.method === 'trimmedMean' && aggregation.trim > 0 ? aggregation.trim : 0;
  const p = percents(aggregation.weights);
  const grades = GRADE_WORDS[en ? 'en' : 'zh-CN'];
  const gradeList = (Object.keys(GRADE_SCORES) as AppraisalGrade[]).map((g) => `${grades[g]}${en ? ' = ' : '='}${GRADE_SCORES[g]}`);
  if (en) {
    const mean = trim
      ? `The scores of member units and of public representatives are each averaged, dropping the ${trim} highest and ${trim} lowest (when there are more than ${2 * trim})`
      : 'The scores of member units and of public representatives are each averaged';
    const weights =
      p.public === 0 ? 'member units count 100%' : p.units === 0 ? 'public representatives count 100%' : `member units count ${p.units}%, public representatives ${p.public}%`;
    const scale_ = scale === 'grade' ? gradeList.join(', ') : 'each criterion is scored 0–100';
    return `${mean}; ${weights}; ${scale_}`;
  }
  const mean = trim
    ? `各评议单位、群众代表测评分分别取平均值（去掉${trim}个最高分和${trim}个最低分，不足${2 * trim + 1}份时不去掉）`
    : '各评议单位、群众代表测评分分别取平均值';
  const weights = p.public === 0 ? '只计评议单位测评' : p.units === 0 ? '只计群众代表测评' : `评议单位占${p.units}%、群众代表占${p.public}%`;
  const scale_ = scale === 'grade' ? gradeList.join('、') : '每项指标按0–100分评分';
  return `${mean}，${weights}；${scale_}`;
}
