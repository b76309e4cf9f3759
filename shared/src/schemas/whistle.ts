import { z } from 'zod';
import { WHISTLE_PERIODS, WHISTLE_RATINGS } from '../domain/whistleStats.js';
import { IdSchema, lineSchema, multilineSchema, nameSchema, RefSchema } from './common.js';
import { PageQuerySchema } from './pagination.js';

// 吹哨报到: a unit (street, community) blows the whistle on a problem it cannot solve alone; the
// departments it summons — one 主责 (lead), others 配合 (assisting) — 签收, contact it and 报到;
// the whistler closes it with a rating of each. One schema per concept, for server, client, tests.

export const WHISTLE_URGENCIES = ['normal', 'urgent'] as const;
export const WHISTLE_STATUSES = ['open', 'closed'] as const;
/** Where a whistle stands, derived: waiting for 签收, being handled, every department reported (待评价), closed. */
export const WHISTLE_STAGES = ['awaitingAck', 'inProgress', 'awaitingRating', 'closed'] as const;
export const WHISTLE_ROLES = ['lead', 'assisting'] as const;
export const WHISTLE_LIGHTS = ['green', 'yellow', 'red', 'none'] as const;

export const WhistleUrgencySchema = z.enum(WHISTLE_URGENCIES);
export const WhistleStatusSchema = z.enum(WHISTLE_STATUSES);
export const WhistleStageSchema = z.enum(WHISTLE_STAGES);
export const WhistleRoleSchema = z.enum(WHISTLE_ROLES);
export const WhistleRatingSchema = z.enum(WHISTLE_RATINGS);
export const WhistlePeriodSchema = z.enum(WHISTLE_PERIODS);
export const WhistleLightSchema = z.enum(WHISTLE_LIGHTS);
export type WhistleStage = z.infer<typeof WhistleStageSchema>;

export const WhistleCreateSchema = z
  .object({
    /** The whistling unit (吹哨单位). */
    unit: IdSchema,
    title: nameSchema(200),
    /** The problem, as the unit describes it. */
    description: multilineSchema(5000).min(1),
    location: lineSchema(200).default(''),
    /** One of the alliance's list categories (清单类别). */
    category: nameSchema(20),
    urgency: WhistleUrgencySchema.default('normal'),
    /** 主责: the department that leads the response. */
    leadUnit: IdSchema,
    /** 配合: the departments that assist. */
    assistingUnits: z.array(IdSchema).max(20).default([]),
  })
  .refine((w) => !w.assistingUnits.includes(w.leadUnit), {
    message: 'the lead department is not also an assisting one',
    path: ['assistingUnits'],
  })
  .refine((w) => new Set(w.assistingUnits).size === w.assistingUnits.length, {
    message: 'a department is listed twice',
    path: ['assistingUnits'],
  })
  .refine((w) => w.leadUnit !== w.unit && !w.assistingUnits.includes(w.unit), {
    message: 'the whistling unit does not summon itself',
    path: ['leadUnit'],
  });
export type WhistleCreate = z.input<typeof WhistleCreateSchema>;

/** 签收 or 联系对接: a short note is optional. */
export const WhistleStepSchema = z.object({ note: multilineSchema(1000).default('') });
export type WhistleStep = z.input<typeof WhistleStepSchema>;

/** 报到: what the department did, and when it did it (default: now). */
export const WhistleReportSchema = z.object({
  text: multilineSchema(5000).min(1),
  doneAt: z.iso.datetime({ offset: true }).optional(),
});
export type WhistleReport = z.input<typeof WhistleReportSchema>;

/** 办结评价: the whistler rates every summoned department. */
export const WhistleCloseSchema = z.object({
  ratings: z
    .array(z.object({ unit: IdSchema, rating: WhistleRatingSchema, comment: multilineSchema(1000).default('') }))
    .min(1)
    .max(21),
});
export type WhistleClose = z.input<typeof WhistleCloseSchema>;

export const WhistleReopenSchema = z.object({ reason: multilineSchema(1000).min(1) });
export const WhistleAgendaSchema = z.object({ meetingId: IdSchema, minutes: z.number().int().min(0).max(240).default(15) });

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm');

/** 吹哨时限: the alliance's clocks (defaults from practice, see DEFAULT_WHISTLE_CLOCKS). */
export const WhistleClocksSchema = z.object({
  ackWorkingHours: z.number().min(0.5).max(40),
  contactHours: z.number().int().min(1).max(240),
  reportWorkingDaysUrgent: z.number().int().min(1).max(30),
  reportWorkingDaysNormal: z.number().int().min(1).max(60),
  workingPeriods: z
    .array(z.object({ from: hhmm, to: hhmm }).refine((p) => p.from < p.to, { message: 'ends before it starts', path: ['to'] }))
    .min(1)
    .max(4)
    .refine((ps) => ps.every((p, i) => i === 0 || ps[i - 1]!.to <= p.from), { message: 'periods overlap or are out of order' }),
  reopenDays: z.number().int().min(0).max(60),
});
export type WhistleClocksInput = z.infer<typeof WhistleClocksSchema>;

const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const WhistleQuerySchema = PageQuerySchema.extend({
  status: WhistleStatusSchema.optional(),
  light: WhistleLightSchema.optional(),
  /** Raised by, or summoning, this unit. */
  unit: IdSchema.optional(),
  /** 本单位: raised by or summoning the units the caller represents. */
  mine: boolQuery.optional(),
  category: nameSchema(20).optional(),
});
export type WhistleQuery = z.infer<typeof WhistleQuerySchema>;

export const WhistleStatsQuerySchema = z.object({
  period: WhistlePeriodSchema.default('month'),
  /** Whistles raised on or after this day … */
  from: z.iso.date().optional(),
  /** … and on or before this one. */
  to: z.iso.date().optional(),
});
export const WhistleStatsExportQuerySchema = WhistleStatsQuerySchema.extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

const at = z.string();
const StepViewSchema = z.object({
  dueAt: at,
  doneAt: at.nullable(),
  by: RefSchema.nullable(),
  note: z.string(),
  state: z.enum(['onTime', 'late', 'pending', 'overdue']),
});

export const WhistleDepartmentSchema = z.object({
  unit: RefSchema,
  role: WhistleRoleSchema,
  light: z.enum(['green', 'yellow', 'red']),
  ack: StepViewSchema,
  contact: StepViewSchema,
  report: StepViewSchema,
  reports: z.array(z.object({ text: z.string(), doneAt: at, at, by: RefSchema })),
  rating: z.object({ value: WhistleRatingSchema, comment: z.string(), at }).nullable(),
});
export type WhistleDepartment = z.infer<typeof WhistleDepartmentSchema>;

export const WhistleSchema = z.object({
  id: IdSchema,
  alliance: IdSchema,
  unit: RefSchema,
  title: z.string(),
  description: z.string(),
  location: z.string(),
  category: z.string(),
  urgency: WhistleUrgencySchema,
  status: WhistleStatusSchema,
  stage: WhistleStageSchema,
  light: WhistleLightSchema,
  raisedAt: at,
  raisedBy: RefSchema,
  closedAt: at.nullable(),
  departments: z.array(WhistleDepartmentSchema),
  reopenings: z.array(z.object({ at, by: RefSchema, reason: z.string() })),
  agenda: z.array(z.object({ meeting: RefSchema, at })),
  project: RefSchema.nullable(),
});
export type Whistle = z.infer<typeof WhistleSchema>;

export const WhistleDetailSchema = WhistleSchema.extend({
  can: z.object({
    /** Units the viewer may 签收 / 联系 / 报到 for. */
    respondAs: z.array(IdSchema),
    close: z.boolean(),
    reopen: z.boolean(),
    /** Until when it may be reopened (closed whistles). */
    reopenUntil: at.nullable(),
    agenda: z.boolean(),
    project: z.boolean(),
  }),
});
export type WhistleDetail = z.infer<typeof WhistleDetailSchema>;

export const WhistleStatsRowSchema = z.object({
  period: z.string(),
  unit: RefSchema,
  received: z.number(),
  ackOnTime: z.number(),
  ackCounted: z.number(),
  ackOnTimeRate: z.number().nullable(),
  reportOnTime: z.number(),
  reportCounted: z.number(),
  reportOnTimeRate: z.number().nullable(),
  closed: z.number(),
  avgCloseHours: z.number().nullable(),
  satisfied: z.number(),
  basic: z.number(),
  unsatisfied: z.number(),
  satisfactionRate: z.number().nullable(),
});
export type WhistleStatsRowView = z.infer<typeof WhistleStatsRowSchema>;
export const WhistleStatsSchema = z.object({ period: WhistlePeriodSchema, rows: z.array(WhistleStatsRowSchema) });
export type WhistleStatsView = z.infer<typeof WhistleStatsSchema>;
