import { z } from 'zod';
import { IdSchema, multilineSchema, nameSchema, RefSchema } from './common.js';
import { PeriodKeySchema } from './evaluation.js';

// 述职评议: reporting units' secretaries report (a co-edited document each), and the evaluators —
// member units and public representatives (群众代表, no account: a single-use link) — score each
// report on the session's criteria. Aggregation is a pure function (domain/appraisalScore.ts),
// stated on the result.

/** 好 / 较好 / 一般 / 差, or a score of 0–100 per criterion. */
export const APPRAISAL_SCALES = ['grade', 'score'] as const;
export const APPRAISAL_GRADES = ['good', 'fairlyGood', 'average', 'poor'] as const;
/** What each grade counts for when grades are aggregated. */
export const GRADE_SCORES: Record<(typeof APPRAISAL_GRADES)[number], number> = { good: 100, fairlyGood: 80, average: 60, poor: 40 };
export const AppraisalGradeSchema = z.enum(APPRAISAL_GRADES);
export type AppraisalGrade = z.infer<typeof AppraisalGradeSchema>;

export const APPRAISAL_STATUSES = ['draft', 'scoring', 'closed'] as const;
export const AppraisalStatusSchema = z.enum(APPRAISAL_STATUSES);
export type AppraisalStatus = z.infer<typeof AppraisalStatusSchema>;

/** Secret: results show no evaluator's name; named: each score shows who gave it. */
export const APPRAISAL_SECRECY = ['secret', 'named'] as const;
export const EVALUATOR_GROUPS = ['units', 'public'] as const;
export type EvaluatorGroup = (typeof EVALUATOR_GROUPS)[number];

export const AppraisalCriterionSchema = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9]{0,29}$/),
  label: nameSchema(60),
  /** Relative weight of the criterion within a score. */
  weight: z.number().min(0.1).max(10),
});
export type AppraisalCriterion = z.infer<typeof AppraisalCriterionSchema>;

export const AppraisalAggregationSchema = z.object({
  method: z.enum(['mean', 'trimmedMean']),
  /** trimmedMean: drop this many highest and as many lowest scores per report and group. */
  trim: z.number().int().min(0).max(5),
  /** Weight of each evaluator group in a report's score (a group with no score drops out). */
  weights: z.object({ units: z.number().min(0).max(1), public: z.number().min(0).max(1) }),
});
export type AppraisalAggregation = z.infer<typeof AppraisalAggregationSchema>;

export const DEFAULT_APPRAISAL_CRITERIA: AppraisalCriterion[] = [
  { key: 'duty', label: '履行职责', weight: 1 },
  { key: 'results', label: '工作成效', weight: 1 },
  { key: 'cooperation', label: '共建参与', weight: 1 },
];

export const AppraisalInputSchema = z.object({
  title: nameSchema(200),
  /** The evaluation period it counts in (星级评定). */
  period: PeriodKeySchema,
  /** Held as an agenda item of this joint meeting, or on its own (null). */
  meetingId: IdSchema.nullable().default(null),
  scale: z.enum(APPRAISAL_SCALES).default('grade'),
  secrecy: z.enum(APPRAISAL_SECRECY).default('secret'),
  criteria: z
    .array(AppraisalCriterionSchema)
    .min(1)
    .max(10)
    .refine((c) => new Set(c.map((x) => x.key)).size === c.length, 'each criterion once')
    .default(DEFAULT_APPRAISAL_CRITERIA),
  aggregation: AppraisalAggregationSchema.default({ method: 'mean', trim: 0, weights: { units: 0.7, public: 0.3 } }),
  /** The units that report (述职单位). */
  reporters: z
    .array(IdSchema)
    .min(1)
    .max(60)
    .refine((r) => new Set(r).size === r.length, 'a unit is listed twice'),
});
export type AppraisalInput = z.input<typeof AppraisalInputSchema>;
export const AppraisalPatchSchema = AppraisalInputSchema.partial();

/** One evaluator's score of one report: a grade or a 0–100 score per criterion key. */
export const CriterionScoresSchema = z.record(z.string(), z.union([AppraisalGradeSchema, z.number().min(0).max(100)]));
export const ReportScoreSchema = z.object({ reporter: IdSchema, scores: CriterionScoresSchema, comment: multilineSchema(1000).default('') });
/** A unit's (or a link's) whole scoring: every report it may score, submitted together. */
export const AppraisalScoringSchema = z.object({
  /** Scoring on behalf of this member unit (when the viewer represents several). */
  unit: IdSchema.optional(),
  reports: z.array(ReportScoreSchema).min(1).max(60),
});
export type AppraisalScoring = z.input<typeof AppraisalScoringSchema>;

export const AppraisalLinkCreateSchema = z.object({
  /** How the secretary knows the representative (e.g. 居民代表 王大爷); never shown in secret results. */
  label: nameSchema(60),
  /** Hours until the link expires (default two days). */
  hours: z.number().int().min(1).max(24 * 30).default(48),
  count: z.number().int().min(1).max(50).default(1),
});

export const AppraisalLinkSchema = z.object({
  id: IdSchema,
  label: z.string(),
  expiresAt: z.string(),
  usedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** Only in the answer that created it: the token is stored hashed. */
  url: z.string().optional(),
});
export type AppraisalLink = z.infer<typeof AppraisalLinkSchema>;

export const ReportResultSchema = z.object({
  reporter: RefSchema,
  /** The report's score (0–100) by the stated aggregation, or null without scores. */
  score: z.number().nullable(),
  byGroup: z.object({ units: z.number().nullable(), public: z.number().nullable() }),
  byCriterion: z.record(z.string(), z.number().nullable()),
  counts: z.object({ units: z.number().int(), public: z.number().int() }),
  /** Named sessions only: who gave what. */
  named: z
    .array(z.object({ evaluator: z.string(), group: z.enum(EVALUATOR_GROUPS), score: z.number(), comment: z.string() }))
    .nullable(),
});
export type ReportResult = z.infer<typeof ReportResultSchema>;

export const AppraisalSchema = z.object({
  id: IdSchema,
  alliance: RefSchema,
  title: z.string(),
  period: PeriodKeySchema,
  meeting: RefSchema.nullable(),
  scale: z.enum(APPRAISAL_SCALES),
  secrecy: z.enum(APPRAISAL_SECRECY),
  criteria: z.array(AppraisalCriterionSchema),
  aggregation: AppraisalAggregationSchema,
  /** The aggregation in words, as the result states it. */
  aggregationText: z.string(),
  status: AppraisalStatusSchema,
  reporters: z.array(z.object({ unit: RefSchema, docName: z.string() })),
  /** Member units that have scored / may score. */
  evaluators: z.object({ scored: z.array(RefSchema), pending: z.array(RefSchema) }),
  links: z.array(AppraisalLinkSchema),
  results: z.array(ReportResultSchema).nullable(),
  can: z.object({ manage: z.boolean(), score: z.boolean(), scoreAs: z.array(RefSchema), editReportOf: z.array(IdSchema) }),
});
export type Appraisal = z.infer<typeof AppraisalSchema>;

/** What a public representative sees through a link: no ids of people, only what to score. */
export const PublicAppraisalSchema = z.object({
  title: z.string(),
  alliance: z.string(),
  scale: z.enum(APPRAISAL_SCALES),
  criteria: z.array(AppraisalCriterionSchema),
  reporters: z.array(z.object({ unit: RefSchema, report: z.string() })),
  expiresAt: z.string(),
});
export type PublicAppraisal = z.infer<typeof PublicAppraisalSchema>;
