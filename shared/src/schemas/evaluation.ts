import { z } from 'zod';
import { PERIOD_KEY_PATTERN, PERIOD_KINDS } from '../domain/periods.js';
import { EvidenceSchema } from './evidence.js';
import { IdSchema, multilineSchema, RefSchema } from './common.js';
import { PageQuerySchema } from './pagination.js';

// 积分制 and 星级评定: an alliance's scheme turns what units and members did — recorded by the
// meeting, 督办, lists, whistle and 双报到 records — into points, and points plus the 述职评议 score
// into 1–5 stars per period. One schema per concept, for server, client and tests.

export const PeriodKindSchema = z.enum(PERIOD_KINDS);
/** `2026-10` (month), `2026-Q4` (quarter) or `2026` (year). */
export const PeriodKeySchema = z.string().regex(PERIOD_KEY_PATTERN, 'must be a period such as 2026-Q4, 2026-10 or 2026');

/**
 * What earns or costs points automatically, each derived from a record (never typed in):
 * - `meeting.attended` / `meeting.absent`: a member unit present at an adjourned joint meeting
 *   (签到 or 委托), or absent without leave (缺席, not 请假) — to the unit;
 * - `item.closedOnTime` / `item.closedLate`: an action item verified (销号) by its deadline (as
 *   extended) or after it — to the lead unit;
 * - `whistle.ackOnTime`: a summoned department 签收 within the whistle clock; `whistle.unsatisfied`:
 *   rated 不满意 when the whistle closed — to the department;
 * - `demand.claimed`: a unit whose offer on a demand was accepted (认领);
 * - `resource.used`: a unit's resource used by a 共建项目;
 * - `service.hours`: each hour of 双报到 service checked in — to the member and their work unit.
 */
export const AUTO_CRITERIA = [
  'meeting.attended',
  'meeting.absent',
  'item.closedOnTime',
  'item.closedLate',
  'whistle.ackOnTime',
  'whistle.unsatisfied',
  'demand.claimed',
  'resource.used',
  'service.hours',
] as const;
/** Every criterion, with `manual` for entries a secretary makes (加分 / 扣分 with a reason). */
export const POINT_CRITERIA = [...AUTO_CRITERIA, 'manual'] as const;
export const AutoCriterionSchema = z.enum(AUTO_CRITERIA);
export const PointCriterionSchema = z.enum(POINT_CRITERIA);
export type AutoCriterion = z.infer<typeof AutoCriterionSchema>;
export type PointCriterion = z.infer<typeof PointCriterionSchema>;

/** Where points came from; the screens link each to its record. */
export const POINT_SOURCE_KINDS = ['meeting', 'actionItem', 'whistle', 'demand', 'project', 'service', 'manual'] as const;
export const PointSourceKindSchema = z.enum(POINT_SOURCE_KINDS);
export type PointSourceKind = z.infer<typeof PointSourceKindSchema>;

const points = z.number().min(-100).max(100).multipleOf(0.5);

export const PointRuleSchema = z.object({
  criterion: AutoCriterionSchema,
  enabled: z.boolean(),
  /** Points per occurrence (per hour for `service.hours`); negative for a deduction. */
  points,
  /** At most this many points (in absolute value) from this criterion per unit or member and `capPeriod`; null: no cap. */
  cap: z.number().positive().max(10_000).nullable(),
  capPeriod: PeriodKindSchema,
});
export type PointRule = z.infer<typeof PointRuleSchema>;

export const PointSchemeSchema = z.object({
  rules: z
    .array(PointRuleSchema)
    .length(AUTO_CRITERIA.length)
    .refine((rules) => new Set(rules.map((r) => r.criterion)).size === rules.length, 'each criterion once'),
});
export type PointScheme = z.infer<typeof PointSchemeSchema>;

/** The scheme a new alliance starts with: the figures practice quotes most often. */
export const DEFAULT_POINT_SCHEME: PointScheme = {
  rules: [
    { criterion: 'meeting.attended', enabled: true, points: 2, cap: null, capPeriod: 'quarter' },
    { criterion: 'meeting.absent', enabled: true, points: -1, cap: null, capPeriod: 'quarter' },
    { criterion: 'item.closedOnTime', enabled: true, points: 5, cap: null, capPeriod: 'quarter' },
    { criterion: 'item.closedLate', enabled: true, points: -2, cap: null, capPeriod: 'quarter' },
    { criterion: 'whistle.ackOnTime', enabled: true, points: 1, cap: 10, capPeriod: 'quarter' },
    { criterion: 'whistle.unsatisfied', enabled: true, points: -3, cap: null, capPeriod: 'quarter' },
    { criterion: 'demand.claimed', enabled: true, points: 3, cap: 15, capPeriod: 'quarter' },
    { criterion: 'resource.used', enabled: true, points: 2, cap: 10, capPeriod: 'quarter' },
    { criterion: 'service.hours', enabled: true, points: 1, cap: 20, capPeriod: 'quarter' },
  ],
};

/** One line of the points ledger (积分明细). */
export const PointEntrySchema = z.object({
  id: IdSchema,
  criterion: PointCriterionSchema,
  /** As recorded, before any cap. */
  points: z.number(),
  /** The unit credited; for service hours, the member's work unit. */
  unit: RefSchema.nullable(),
  /** The member credited (双报到 service, or a manual entry for a person). */
  member: RefSchema.nullable(),
  /** When it was earned (ISO): the meeting's adjournment, the 销号, the check-in … */
  at: z.string(),
  source: z.object({ kind: PointSourceKindSchema, id: IdSchema.nullable(), title: z.string(), link: z.string().nullable() }),
  /** Why (manual entries), or a short note on the occurrence. */
  reason: z.string(),
  evidence: z.array(EvidenceSchema),
  /** Who entered it (manual) — null for automatic points. */
  by: RefSchema.nullable(),
  /** A manual entry withdrawn (撤销) keeps its line, struck through, with the reason. */
  voided: z.object({ at: z.string(), by: RefSchema, reason: z.string() }).nullable(),
});
export type PointEntry = z.infer<typeof PointEntrySchema>;

export const PointEntriesQuerySchema = PageQuerySchema.extend({
  period: PeriodKeySchema,
  unit: IdSchema.optional(),
  member: IdSchema.optional(),
  criterion: PointCriterionSchema.optional(),
});

/** 加分 / 扣分 by a secretary: for a unit or a member, with a reason; evidence optional. */
export const ManualPointsSchema = z
  .object({
    unit: IdSchema.optional(),
    member: IdSchema.optional(),
    points: points.refine((p) => p !== 0, 'must not be zero'),
    reason: multilineSchema(500).min(1),
    /** When it counts (YYYY-MM-DD, Beijing); default today. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    evidence: z.array(IdSchema).max(6).default([]),
  })
  .refine((m) => Boolean(m.unit) !== Boolean(m.member), { message: 'a unit or a member, one of them', path: ['unit'] });
export type ManualPoints = z.input<typeof ManualPointsSchema>;

export const VoidPointsSchema = z.object({ reason: multilineSchema(500).min(1) });

/** A period's totals: per unit and per member, by criterion, after caps. */
export const PointTotalsSchema = z.object({
  period: PeriodKeySchema,
  start: z.string(),
  end: z.string(),
  units: z.array(
    z.object({
      unit: RefSchema,
      total: z.number(),
      /** Points the caps kept out of the total. */
      capped: z.number(),
      byCriterion: z.record(z.string(), z.number()),
      /** Hours of 双报到 service its members gave. */
      serviceHours: z.number(),
    }),
  ),
  members: z.array(z.object({ member: RefSchema, workUnit: RefSchema.nullable(), total: z.number(), serviceHours: z.number() })),
  can: z.object({ manage: z.boolean() }),
});
export type PointTotals = z.infer<typeof PointTotalsSchema>;

// 星级评定

export const RATING_METHODS = ['thresholds', 'ranks'] as const;
export const RatingRulesSchema = z.object({
  period: PeriodKindSchema,
  method: z.enum(RATING_METHODS),
  /** Composite score = pointsWeight × points + appraisalWeight × 述职评议 score (0–100). */
  pointsWeight: z.number().min(0).max(10),
  appraisalWeight: z.number().min(0).max(10),
  /** thresholds: the least composite score for 2, 3, 4 and 5 stars, ascending. */
  thresholds: z
    .tuple([z.number(), z.number(), z.number(), z.number()])
    .refine((t) => t[0] <= t[1] && t[1] <= t[2] && t[2] <= t[3], 'ascending: 2★ ≤ 3★ ≤ 4★ ≤ 5★'),
  /** ranks: the share of units (percent, from the top) given 5, 4, 3 and 2 stars; the rest get 1. */
  rankShares: z
    .tuple([z.number().min(0).max(100), z.number().min(0).max(100), z.number().min(0).max(100), z.number().min(0).max(100)])
    .refine((s) => s.reduce((a, b) => a + b, 0) <= 100, 'the shares add up to at most 100 %'),
});
export type RatingRules = z.infer<typeof RatingRulesSchema>;

export const DEFAULT_RATING_RULES: RatingRules = {
  period: 'quarter',
  method: 'thresholds',
  pointsWeight: 1,
  appraisalWeight: 0.2,
  thresholds: [5, 10, 18, 25],
  rankShares: [10, 20, 40, 20],
};

export const STARS = [1, 2, 3, 4, 5] as const;
export const StarsSchema = z.number().int().min(1).max(5);

export const RATING_STATUSES = ['open', 'published'] as const;
export const RatingStatusSchema = z.enum(RATING_STATUSES);

export const UnitRatingSchema = z.object({
  unit: RefSchema,
  points: z.number(),
  /** The unit's 述职评议 score in the period (0–100), or null when it did not report. */
  appraisal: z.number().nullable(),
  composite: z.number(),
  /** 1-based, ties share a rank. */
  rank: z.number().int(),
  /** What the rules give. */
  computedStars: StarsSchema,
  /** What is (or will be) published: the computed stars, or a secretary's adjustment. */
  stars: StarsSchema,
  adjustment: z.object({ stars: StarsSchema, reason: z.string(), by: RefSchema, at: z.string() }).nullable(),
});
export type UnitRating = z.infer<typeof UnitRatingSchema>;

export const RatingPeriodSchema = z.object({
  period: PeriodKeySchema,
  start: z.string(),
  end: z.string(),
  status: RatingStatusSchema,
  /** 1 for the first publication; each reopening and republication adds one. */
  version: z.number().int().min(1),
  rules: RatingRulesSchema,
  rows: z.array(UnitRatingSchema),
  published: z.object({ at: z.string(), by: RefSchema, note: z.string() }).nullable(),
  /** Earlier published versions, newest first. */
  history: z.array(z.object({ version: z.number().int(), at: z.string(), by: RefSchema, note: z.string(), reopenReason: z.string() })),
  can: z.object({ manage: z.boolean() }),
});
export type RatingPeriod = z.infer<typeof RatingPeriodSchema>;

export const RatingAdjustSchema = z.object({ unit: IdSchema, stars: StarsSchema.nullable(), reason: multilineSchema(500).min(1) });
export const RatingPublishSchema = z.object({ note: multilineSchema(500).default('') });
export const RatingReopenSchema = z.object({ reason: multilineSchema(500).min(1) });

export const RatingTrendSchema = z.object({
  periods: z.array(PeriodKeySchema),
  units: z.array(z.object({ unit: RefSchema, points: z.array(z.number().nullable()), stars: z.array(StarsSchema.nullable()) })),
});
export type RatingTrend = z.infer<typeof RatingTrendSchema>;
