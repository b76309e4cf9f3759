import { z } from 'zod';
import { IdSchema, NameSchema } from './common.js';

/** 区域, 行业, 专项, 跨域 */
export const AllianceKindSchema = z.enum(['regional', 'sector', 'thematic', 'cross_domain']);
export type AllianceKind = z.infer<typeof AllianceKindSchema>;

/** A member unit's role in one alliance; never its line of authority at home. */
export const MemberRoleSchema = z.enum(['lead', 'member', 'observer']);
export type MemberRole = z.infer<typeof MemberRoleSchema>;

export const VotingBasisSchema = z.enum(['unit', 'member']);
export const VoteThresholdSchema = z.enum(['simple_majority', 'majority_of_present', 'two_thirds', 'unanimous']);

export const VotingDefaultsSchema = z.object({
  basis: VotingBasisSchema.default('unit'),
  /** Fraction of member units with voting rights that must be present. */
  quorum: z.number().gt(0).max(1).default(0.5),
  threshold: VoteThresholdSchema.default('simple_majority'),
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
  description: z.string().trim().max(2000).default(''),
  charter: z.string().max(50_000).default(''),
  votingDefaults: VotingDefaultsSchema.default({ basis: 'unit', quorum: 0.5, threshold: 'simple_majority' }),
});
export type AllianceInput = z.infer<typeof AllianceInputSchema>;
