import { z } from 'zod';
import { IdSchema, NameSchema, multilineSchema, RefSchema } from './common.js';

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
  joinedAt: z.coerce.date(),
});
export type Membership = z.infer<typeof MembershipSchema>;

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
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export type AlliancePatch = z.infer<typeof AlliancePatchSchema>;

export const MembershipCreateSchema = z.object({
  unit: IdSchema,
  role: MemberRoleSchema.default('member'),
  representatives: z.array(IdSchema).max(20).default([]),
});
export type MembershipCreate = z.infer<typeof MembershipCreateSchema>;

export const MembershipPatchSchema = z
  .object({ role: MemberRoleSchema, representatives: z.array(IdSchema).max(20) })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export type MembershipPatch = z.infer<typeof MembershipPatchSchema>;

export const SecretariesSchema = z.object({ secretaries: z.array(IdSchema).max(20) });
export const RotationSchema = z.object({ rotation: z.array(IdSchema).max(200) });


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
      joinedAt: z.string(),
    }),
  ),
  secretaries: z.array(RefSchema),
  rotation: z.array(RefSchema),
  /** The unit whose turn it is to convene the next meeting (召集单位轮值). */
  nextConvener: RefSchema.nullable(),
  votingDefaults: VotingDefaultsSchema,
});
export type Alliance = z.infer<typeof AllianceSchema>;

export const AllianceSummarySchema = z.object({
  id: IdSchema,
  name: z.string(),
  kind: AllianceKindSchema,
  memberCount: z.number().int(),
});
export type AllianceSummary = z.infer<typeof AllianceSummarySchema>;
