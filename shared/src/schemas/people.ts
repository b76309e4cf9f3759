import { z } from 'zod';
import { IdSchema, lineSchema, multilineSchema, nameSchema, RefSchema } from './common.js';

// The people of an alliance beyond its units' representatives: the committee of a 大工委 (书记,
// 副书记, 委员, 兼职委员 from resident units), and in-service party members who register with a
// residential community and serve there (在职党员双报到).

export const COMMITTEE_POSTS = ['secretary', 'deputySecretary', 'member', 'partTimeMember'] as const;
export const CommitteePostSchema = z.enum(COMMITTEE_POSTS);
export type CommitteePost = z.infer<typeof CommitteePostSchema>;

export const CommitteeMemberInputSchema = z.object({
  name: nameSchema(60),
  /** The account, when the member has one (their attendance then shows their post). */
  user: IdSchema.nullable().default(null),
  post: CommitteePostSchema,
  /** Home unit (所在单位): for a 兼职委员, the resident unit they come from. */
  homeUnit: IdSchema,
  /** E.g. 区卫健委副主任 — their own job, shown beside the post. */
  title: lineSchema(100).default(''),
});
export const CommitteeSchema = z.object({ members: z.array(CommitteeMemberInputSchema).max(60) });
export type CommitteeInput = z.input<typeof CommitteeSchema>;

export const CommitteeMemberSchema = z.object({
  name: z.string(),
  user: RefSchema.nullable(),
  post: CommitteePostSchema,
  homeUnit: RefSchema,
  title: z.string(),
});
export type CommitteeMember = z.infer<typeof CommitteeMemberSchema>;

// 双报到

export const ServiceRegistrationInputSchema = z.object({
  /** The residential community (a member unit of kind community) the member registers with. */
  community: IdSchema,
  skills: z.array(nameSchema(20)).max(10).default([]),
  phone: lineSchema(30).default(''),
  note: multilineSchema(500).default(''),
});
export type ServiceRegistrationInput = z.input<typeof ServiceRegistrationInputSchema>;

export const ServiceRegistrationSchema = z.object({
  id: IdSchema,
  member: RefSchema,
  workUnit: RefSchema.nullable(),
  community: RefSchema,
  skills: z.array(z.string()),
  registeredAt: z.string(),
  endedAt: z.string().nullable(),
  hours: z.number(),
});
export type ServiceRegistration = z.infer<typeof ServiceRegistrationSchema>;

export const SERVICE_ACTIVITY_STATUSES = ['open', 'completed', 'cancelled'] as const;
export const ServiceActivityStatusSchema = z.enum(SERVICE_ACTIVITY_STATUSES);

export const ServiceActivityInputSchema = z.object({
  community: IdSchema,
  title: nameSchema(200),
  description: multilineSchema(3000).default(''),
  startsAt: z.iso.datetime({ offset: true }),
  /** Planned length in hours; a check-in records this unless the organizer enters the actual. */
  hours: z.number().min(0.5).max(24).multipleOf(0.5),
  place: lineSchema(200).min(1),
  /** 需要人数. */
  needed: z.number().int().min(1).max(500),
  skills: z.array(nameSchema(20)).max(10).default([]),
});
export type ServiceActivityInput = z.input<typeof ServiceActivityInputSchema>;
export const ServiceActivityPatchSchema = ServiceActivityInputSchema.omit({ community: true }).partial();

export const ServiceCheckInSchema = z.object({
  member: IdSchema,
  /** Hours actually served; default the activity's hours. */
  hours: z.number().min(0).max(24).multipleOf(0.5).optional(),
});
export const ServiceCancelSchema = z.object({ reason: multilineSchema(500).min(1) });

export const ServiceSignupSchema = z.object({
  member: RefSchema,
  workUnit: RefSchema.nullable(),
  signedUpAt: z.string(),
  checkedInAt: z.string().nullable(),
  hours: z.number().nullable(),
});

export const ServiceActivitySchema = z.object({
  id: IdSchema,
  alliance: RefSchema,
  community: RefSchema,
  title: z.string(),
  description: z.string(),
  startsAt: z.string(),
  hours: z.number(),
  place: z.string(),
  needed: z.number().int(),
  skills: z.array(z.string()),
  status: ServiceActivityStatusSchema,
  /** Why it was cancelled (取消原因); empty unless cancelled. */
  cancelReason: z.string().optional(),
  signups: z.array(ServiceSignupSchema),
  can: z.object({ manage: z.boolean(), signUp: z.boolean(), withdraw: z.boolean() }),
});
export type ServiceActivity = z.infer<typeof ServiceActivitySchema>;
