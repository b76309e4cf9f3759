import { z } from 'zod';
import { IdSchema, lineSchema, NameSchema, multilineSchema, RefSchema } from './common.js';
import { DiffPartSchema } from './decision.js';
import { PageQuerySchema } from './pagination.js';
import { ACK_WORKING_DAYS_MAX, ACK_WORKING_DAYS_MIN } from '../domain/supervisionCycle.js';

/** 区域, 行业, 专项, 跨域 */
export const AllianceKindSchema = z.enum(['regional', 'sector', 'thematic', 'cross_domain']);
export type AllianceKind = z.infer<typeof AllianceKindSchema>;

/** A member unit's role in one alliance; never its line of authority at home. */
export const MemberRoleSchema = z.enum(['lead', 'member', 'observer']);
export type MemberRole = z.infer<typeof MemberRoleSchema>;

export const VotingBasisSchema = z.enum(['unit', 'member']);
export const VoteThresholdSchema = z.enum(['simple_majority', 'majority_of_present', 'two_thirds', 'unanimous']);

export const TallyVisibilitySchema = z.enum(['live', 'at_close']);
export type TallyVisibility = z.infer<typeof TallyVisibilitySchema>;

/** An alliance's voting rules; every vote starts from them and the chair may change one per vote. */
export const VotingDefaultsSchema = z.object({
  basis: VotingBasisSchema.default('unit'),
  /** Fraction of member units with voting rights that must be present. */
  quorum: z.number().gt(0).max(1).default(0.5),
  threshold: VoteThresholdSchema.default('simple_majority'),
  /** Votes are secret (无记名) unless the chair says otherwise when opening one. */
  secret: z.boolean().default(false),
  /** `live`: the count shows while the vote is open; `at_close`: turnout only until it closes. */
  tallyVisibility: TallyVisibilitySchema.default('live'),
  /** Named votes only: a voter may change their ballot while the vote is open; the last one counts. */
  allowBallotChange: z.boolean().default(false),
});
export type VotingDefaults = z.infer<typeof VotingDefaultsSchema>;

export const MembershipSchema = z.object({
  unit: IdSchema,
  role: MemberRoleSchema,
  representatives: z.array(IdSchema).default([]),
  /** The one who speaks for the unit first (主要代表); one of `representatives`, the first by default. */
  primaryRepresentative: IdSchema.optional(),
  joinedAt: z.coerce.date(),
});
export type Membership = z.infer<typeof MembershipSchema>;

/**
 * 纪要版头 (GB/T 9704): the issuing body's name printed at the head of the minutes, and whether
 * it is printed red (红头). An empty name prints the alliance's own name.
 */
export const MinutesLetterheadSchema = z.object({
  issuer: lineSchema(40).default(''),
  red: z.boolean().default(true),
});
export type MinutesLetterhead = z.infer<typeof MinutesLetterheadSchema>;

/**
 * 亮灯规则: yellow within `dueSoonWorkingDays` working days of the deadline, or when the lead unit
 * has not reported for `silentDays` calendar days (see `statusLight`).
 */
export const StatusLightRulesSchema = z.object({
  dueSoonWorkingDays: z.number().int().min(1).max(10).default(3),
  silentDays: z.number().int().min(3).max(60).default(14),
});
export type StatusLightRulesInput = z.infer<typeof StatusLightRulesSchema>;

const CalendarDaySchema = z.iso.date();
const calendarDays = z
  .array(CalendarDaySchema)
  .max(200)
  .default([])
  // Kept sorted and without repeats, so the list reads like a calendar and compares as text.
  .transform((days) => [...new Set(days)].sort());

/**
 * The alliance's own calendar entries (节假日调整): the holidays and weekend working days of a year
 * the bundled official calendar does not know yet (it covers up to 2026). A day cannot be both.
 */
export const CalendarOverridesSchema = z
  .object({ holidays: calendarDays, workdays: calendarDays })
  .refine((c) => !c.holidays.some((d) => c.workdays.includes(d)), {
    message: 'a day cannot be both a holiday and a working day',
    path: ['workdays'],
  });
export type CalendarOverridesInput = z.infer<typeof CalendarOverridesSchema>;

/** 签收时限 in working days after the day an item is assigned (see `acknowledgementDueAt`). */
export const AckWorkingDaysSchema = z.number().int().min(ACK_WORKING_DAYS_MIN).max(ACK_WORKING_DAYS_MAX);

export const AllianceInputSchema = z.object({
  name: NameSchema,
  kind: AllianceKindSchema,
  description: multilineSchema(2000).default(''),
  charter: multilineSchema(50_000).default(''),
  votingDefaults: VotingDefaultsSchema.prefault({}),
});
export type AllianceInput = z.infer<typeof AllianceInputSchema>;

export const AlliancePatchSchema = z
  .object({
    name: NameSchema,
    kind: AllianceKindSchema,
    description: multilineSchema(2000),
    charter: multilineSchema(50_000),
    votingDefaults: VotingDefaultsSchema,
    minutesLetterhead: MinutesLetterheadSchema,
    ackWorkingDays: AckWorkingDaysSchema,
    statusLightRules: StatusLightRulesSchema,
    calendar: CalendarOverridesSchema,
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export type AlliancePatch = z.infer<typeof AlliancePatchSchema>;

/** The primary representative, when named with the representatives, must be one of them. */
const primaryAmongRepresentatives = {
  check: (m: { representatives?: string[] | undefined; primaryRepresentative?: string | undefined }) =>
    m.primaryRepresentative === undefined ||
    m.representatives === undefined ||
    m.representatives.includes(m.primaryRepresentative),
  params: { message: 'the primary representative must be one of the representatives', path: ['primaryRepresentative'] },
};

export const MembershipCreateSchema = z
  .object({
    unit: IdSchema,
    role: MemberRoleSchema.default('member'),
    representatives: z.array(IdSchema).max(20).default([]),
    primaryRepresentative: IdSchema.optional(),
  })
  .refine(primaryAmongRepresentatives.check, primaryAmongRepresentatives.params);
export type MembershipCreate = z.infer<typeof MembershipCreateSchema>;

export const MembershipPatchSchema = z
  .object({ role: MemberRoleSchema, representatives: z.array(IdSchema).max(20), primaryRepresentative: IdSchema })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' })
  .refine(primaryAmongRepresentatives.check, primaryAmongRepresentatives.params);
export type MembershipPatch = z.infer<typeof MembershipPatchSchema>;

/** `POST /api/alliances`: the alliance and its founding member units (more can join later). */
export const AllianceCreateSchema = AllianceInputSchema.extend({
  memberships: z
    .array(MembershipCreateSchema)
    .max(200)
    .default([])
    .refine((ms) => new Set(ms.map((m) => m.unit)).size === ms.length, { message: 'a unit is listed twice' }),
});
export type AllianceCreate = z.input<typeof AllianceCreateSchema>;

export const SecretariesSchema = z.object({
  secretaries: z.array(IdSchema).min(1, 'an alliance needs at least one secretary').max(20),
});

/**
 * The convening order (召集轮值) and the units passed over for now (暂不轮值: a unit under
 * reorganisation, or one that cannot host for a while): they keep their place in the order and
 * take their turns again once the secretary lifts the skip.
 */
export const RotationSchema = z
  .object({ rotation: z.array(IdSchema).max(200), skipped: z.array(IdSchema).max(200).default([]) })
  .refine((r) => r.skipped.every((u) => r.rotation.includes(u)), {
    message: 'a skipped unit must be in the rotation',
    path: ['skipped'],
  });
export type RotationInput = z.input<typeof RotationSchema>;


/** An alliance as the API shows it to someone allowed to read it. */
export const AllianceSchema = z.object({
  id: IdSchema,
  name: z.string(),
  kind: AllianceKindSchema,
  description: z.string(),
  charter: z.string(),
  memberships: z.array(
    z.object({
      unit: RefSchema,
      role: MemberRoleSchema,
      representatives: z.array(RefSchema),
      /** One of `representatives`; null when the unit has none. */
      primaryRepresentative: RefSchema.nullable(),
      joinedAt: z.string(),
    }),
  ),
  /** Units that left the alliance, most recent first: the membership history is kept. */
  formerMembers: z.array(
    z.object({ unit: RefSchema, role: MemberRoleSchema, joinedAt: z.string(), leftAt: z.string() }),
  ),
  secretaries: z.array(RefSchema),
  rotation: z.array(RefSchema),
  /** Ids of units in `rotation` passed over for now. */
  rotationSkipped: z.array(IdSchema),
  /** The unit whose turn it is to convene the next meeting (召集单位轮值). */
  nextConvener: RefSchema.nullable(),
  votingDefaults: VotingDefaultsSchema,
  /** The minutes' 版头 as stored (an empty issuer prints the alliance's name). */
  minutesLetterhead: z.object({ issuer: z.string(), red: z.boolean() }),
  /** 签收时限: working days the lead unit has to acknowledge a new action item. */
  ackWorkingDays: z.number().int(),
  /** 亮灯规则 in force (the defaults until a secretary changes them). */
  statusLightRules: z.object({ dueSoonWorkingDays: z.number().int(), silentDays: z.number().int() }),
  /** The alliance's own holidays and working days, sorted. */
  calendar: z.object({ holidays: z.array(z.string()), workdays: z.array(z.string()) }),
  /** What the viewer may do, decided by the server's policy. */
  can: z.object({ manage: z.boolean() }),
});
export type Alliance = z.infer<typeof AllianceSchema>;

/**
 * `GET /api/alliances/:id/charter-history`: one version of the charter (章程), newest first —
 * its text, who set it and when, and what changed from the version before (`parts`, as in a
 * decision's comparison; empty for the first version).
 */
/**
 * A page of the charter's history: each version is compared with the one before (each comparison
 * bounded to 200 ms), so a page holds at most 10 and one request cannot hold the server for long.
 */
export const CharterHistoryQuerySchema = PageQuerySchema.extend({
  pageSize: z.coerce.number().int().min(1).max(10).default(10),
});

export const CharterRevisionSchema = z.object({
  id: IdSchema,
  text: z.string(),
  by: RefSchema.nullable(),
  byUnit: RefSchema.nullable(),
  at: z.string(),
  parts: z.array(DiffPartSchema),
  coarse: z.boolean(),
  first: z.boolean(),
});
export type CharterRevision = z.infer<typeof CharterRevisionSchema>;

export const AllianceSummarySchema = z.object({
  id: IdSchema,
  name: z.string(),
  kind: AllianceKindSchema,
  memberCount: z.number().int(),
});
export type AllianceSummary = z.infer<typeof AllianceSummarySchema>;
