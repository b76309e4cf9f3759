import { z } from 'zod';
import {
  DEMAND_SOURCES,
  DEMAND_STATUSES,
  DEMAND_TRANSITIONS,
  DEMAND_URGENCIES,
  PROJECT_STATUSES,
  RESOURCE_KINDS,
  RESOURCE_STATUSES,
} from '../domain/listStatus.js';
import { ItemLightSchema, LightCountsSchema } from './actionItem.js';
import { IdSchema, lineSchema, multilineSchema, nameSchema, RefSchema } from './common.js';
import { PageQuerySchema } from './pagination.js';

// 三张清单: 需求 (demand), 资源 (resource), 项目 (joint project, 共建项目). One schema per concept,
// read by the server's routes, the client's forms and the tests.

export const DemandStatusSchema = z.enum(DEMAND_STATUSES);
export const DemandTransitionSchema = z.enum(DEMAND_TRANSITIONS);
export const DemandUrgencySchema = z.enum(DEMAND_URGENCIES);
export const DemandSourceSchema = z.enum(DEMAND_SOURCES);
export const ResourceKindSchema = z.enum(RESOURCE_KINDS);
export const ResourceStatusSchema = z.enum(RESOURCE_STATUSES);
export const ProjectStatusSchema = z.enum(PROJECT_STATUSES);

const ListDaySchema = z.iso.date();
/** A category of the alliance's list (the server checks it is one of them). */
export const ListCategorySchema = nameSchema(20);
const TagsSchema = z.array(nameSchema(20)).max(10).default([]);

/** The alliance's categories, edited by a secretary; order is the order shown. */
export const ListCategoriesSchema = z.object({
  categories: z
    .array(ListCategorySchema)
    .min(1)
    .max(40)
    .refine((c) => new Set(c).size === c.length, { message: 'a category is listed twice' }),
});
export type ListCategories = z.infer<typeof ListCategoriesSchema>;

const demandFields = {
  title: nameSchema(200),
  description: multilineSchema(5000).default(''),
  category: ListCategorySchema,
  location: lineSchema(200).default(''),
  /** The unit that raises it, or that recorded a resident's request. */
  unit: IdSchema,
  source: DemandSourceSchema.default('unit'),
  /** A resident's request: their name, if they gave it. */
  residentName: lineSchema(50).default(''),
  /** Raised at a meeting: which one. */
  meetingId: IdSchema.optional(),
  urgency: DemandUrgencySchema.default('normal'),
  tags: TagsSchema,
};

export const DemandCreateSchema = z
  .object(demandFields)
  .refine((d) => d.source !== 'meeting' || d.meetingId !== undefined, {
    message: 'a demand raised at a meeting names the meeting',
    path: ['meetingId'],
  });
export type DemandCreate = z.input<typeof DemandCreateSchema>;

/** Correcting a demand: only the fields given change. */
export const DemandPatchSchema = z
  .object({
    title: demandFields.title,
    description: multilineSchema(5000),
    category: ListCategorySchema,
    location: lineSchema(200),
    urgency: DemandUrgencySchema,
    residentName: lineSchema(50),
    tags: z.array(nameSchema(20)).max(10),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export type DemandPatch = z.infer<typeof DemandPatchSchema>;

/** `claim` is not a button: a demand is claimed when its raiser accepts an offer. */
export const DemandTransitionBodySchema = z
  .object({ transition: DemandTransitionSchema.exclude(['claim']), reason: multilineSchema(1000).default('') })
  .refine((b) => b.transition !== 'reject' || b.reason !== '', {
    message: '不予受理 needs a reason',
    path: ['reason'],
  });
export type DemandTransitionBody = z.input<typeof DemandTransitionBodySchema>;

/** 认领 (no resource) or 提供资源 (a resource of the offering unit): the raiser accepts one. */
export const DemandOfferSchema = z.object({
  unit: IdSchema,
  resource: IdSchema.optional(),
  note: multilineSchema(1000).default(''),
});
export type DemandOffer = z.input<typeof DemandOfferSchema>;

const resourceFields = {
  unit: IdSchema,
  kind: ResourceKindSchema,
  category: ListCategorySchema,
  title: nameSchema(200),
  description: multilineSchema(5000).default(''),
  /** 数量 / 容量, as the unit says it: "可容纳 60 人", "每周 2 次". */
  quantity: lineSchema(100).default(''),
  availableFrom: ListDaySchema.nullable().default(null),
  availableTo: ListDaySchema.nullable().default(null),
  contact: lineSchema(100).default(''),
  conditions: multilineSchema(1000).default(''),
  tags: TagsSchema,
};
const periodInOrder = (r: { availableFrom?: string | null | undefined; availableTo?: string | null | undefined }) =>
  !r.availableFrom || !r.availableTo || r.availableFrom <= r.availableTo;
const periodIssue = { message: 'the period ends before it starts', path: ['availableTo'] };

export const ResourceCreateSchema = z.object(resourceFields).refine(periodInOrder, periodIssue);
export type ResourceCreate = z.input<typeof ResourceCreateSchema>;

export const ResourcePatchSchema = z
  .object({
    kind: ResourceKindSchema,
    category: ListCategorySchema,
    title: resourceFields.title,
    description: multilineSchema(5000),
    quantity: lineSchema(100),
    availableFrom: ListDaySchema.nullable(),
    availableTo: ListDaySchema.nullable(),
    contact: lineSchema(100),
    conditions: multilineSchema(1000),
    tags: z.array(nameSchema(20)).max(10),
    status: ResourceStatusSchema,
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' })
  .refine(periodInOrder, periodIssue);
export type ResourcePatch = z.infer<typeof ResourcePatchSchema>;

export const MilestoneInputSchema = z.object({ title: nameSchema(200), dueDate: ListDaySchema });

export const ProjectCreateSchema = z
  .object({
    title: nameSchema(200),
    description: multilineSchema(5000).default(''),
    category: ListCategorySchema.optional(),
    leadUnit: IdSchema,
    /** Participating units and what each commits (a resource of theirs, or words). */
    participants: z
      .array(z.object({ unit: IdSchema, commitment: lineSchema(200).default(''), resource: IdSchema.optional() }))
      .max(50)
      .default([]),
    milestones: z.array(MilestoneInputSchema).max(50).default([]),
    /** 预算 in yuan. */
    budget: z.number().nonnegative().max(1e10).nullable().default(null),
    /** The matched demand it answers, or the decision it carries out. */
    demandId: IdSchema.optional(),
    decisionId: IdSchema.optional(),
  })
  .refine((p) => !p.participants.some((x) => x.unit === p.leadUnit), {
    message: 'the lead unit is not also a participating unit',
    path: ['participants'],
  })
  .refine((p) => new Set(p.participants.map((x) => x.unit)).size === p.participants.length, {
    message: 'a unit is listed twice',
    path: ['participants'],
  });
export type ProjectCreate = z.input<typeof ProjectCreateSchema>;

export const ProjectStatusBodySchema = z.object({ status: ProjectStatusSchema, note: multilineSchema(1000).default('') });
export const ProjectProgressSchema = z.object({ text: multilineSchema(5000).min(1) });
export const MilestonePatchSchema = z.object({ done: z.boolean() });
/** 列入会议议程: a scheduled meeting of the same alliance. */
export const ProjectAgendaSchema = z.object({ meetingId: IdSchema, minutes: z.number().int().min(0).max(240).default(15) });

const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Filters of every list: category, status, a unit ("本单位": the caller's own), a search. */
export const ListQuerySchema = PageQuerySchema.extend({
  category: ListCategorySchema.optional(),
  status: z.string().max(20).optional(),
  unit: IdSchema.optional(),
  mine: boolQuery.optional(),
  q: lineSchema(100).optional(),
});
export type ListQuery = z.infer<typeof ListQuerySchema>;

export const ListExportQuerySchema = ListQuerySchema.omit({ page: true, pageSize: true }).extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
});

const OfferSchema = z.object({
  id: IdSchema,
  unit: RefSchema,
  resource: RefSchema.nullable(),
  note: z.string(),
  status: z.enum(['pending', 'accepted', 'declined']),
  by: RefSchema,
  at: z.string(),
});

export const DemandSchema = z.object({
  id: IdSchema,
  alliance: IdSchema,
  title: z.string(),
  description: z.string(),
  category: z.string(),
  location: z.string(),
  unit: RefSchema,
  source: DemandSourceSchema,
  residentName: z.string(),
  meeting: RefSchema.nullable(),
  urgency: DemandUrgencySchema,
  tags: z.array(z.string()),
  status: DemandStatusSchema,
  rejectReason: z.string(),
  /** The unit that took it on and the resource it brought, once an offer was accepted. */
  claimedBy: RefSchema.nullable(),
  resource: RefSchema.nullable(),
  offers: z.array(OfferSchema),
  /** Joint projects made from it. */
  projects: z.array(RefSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Demand = z.infer<typeof DemandSchema>;

export const ResourceSchema = z.object({
  id: IdSchema,
  alliance: IdSchema,
  unit: RefSchema,
  kind: ResourceKindSchema,
  category: z.string(),
  title: z.string(),
  description: z.string(),
  quantity: z.string(),
  availableFrom: z.string().nullable(),
  availableTo: z.string().nullable(),
  contact: z.string(),
  conditions: z.string(),
  tags: z.array(z.string()),
  status: ResourceStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Resource = z.infer<typeof ResourceSchema>;

export const MatchReasonSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('category'), category: z.string() }),
  z.object({ kind: z.literal('keywords'), words: z.array(z.string()) }),
  z.object({ kind: z.literal('availableUntil'), date: z.string() }),
  z.object({ kind: z.literal('openEnded') }),
]);

/** A suggested resource for a demand, best first. */
export const SuggestionSchema = z.object({ resource: ResourceSchema, score: z.number(), reasons: z.array(MatchReasonSchema) });
export type Suggestion = z.infer<typeof SuggestionSchema>;

export const ProjectSchema = z.object({
  id: IdSchema,
  alliance: IdSchema,
  title: z.string(),
  description: z.string(),
  category: z.string(),
  leadUnit: RefSchema,
  participants: z.array(z.object({ unit: RefSchema, commitment: z.string(), resource: RefSchema.nullable() })),
  milestones: z.array(z.object({ id: IdSchema, title: z.string(), dueDate: z.string(), done: z.boolean(), doneAt: z.string().nullable() })),
  progress: z.array(z.object({ text: z.string(), by: RefSchema, unit: RefSchema.nullable(), at: z.string() })),
  budget: z.number().nullable(),
  status: ProjectStatusSchema,
  demand: RefSchema.nullable(),
  decision: RefSchema.nullable(),
  /** Meetings whose agenda it was put on (列入会议议程). */
  agenda: z.array(z.object({ meeting: RefSchema, itemId: z.string(), at: z.string() })),
  /** The earliest milestone not yet done: the date the project is held to (null: none left). */
  nextMilestone: z.object({ id: IdSchema, title: z.string(), dueDate: z.string() }).nullable(),
  /** 亮灯 from the next milestone and the last progress entry (`projectLightAt`), computed on read. */
  light: ItemLightSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof ProjectSchema>;

/** 工作台账 · 共建项目: the projects under way (筹备, 实施中), next milestone first, and their lights. */
export const ProjectLedgerSchema = z.object({ items: z.array(ProjectSchema), lights: LightCountsSchema });
export type ProjectLedger = z.infer<typeof ProjectLedgerSchema>;

/** What the viewer may do with a demand (the detail page shows these buttons and no others). */
export const DemandAbilitiesSchema = z.object({
  edit: z.boolean(),
  transitions: z.array(DemandTransitionSchema),
  /** Units the viewer may offer or claim for (their own, or any member for a secretary). */
  offerAs: z.array(IdSchema),
  accept: z.boolean(),
});
export const DemandDetailSchema = DemandSchema.extend({ can: DemandAbilitiesSchema });
export type DemandDetail = z.infer<typeof DemandDetailSchema>;

export const ProjectDetailSchema = ProjectSchema.extend({
  can: z.object({ edit: z.boolean(), statuses: z.array(ProjectStatusSchema), agenda: z.boolean() }),
});
export type ProjectDetail = z.infer<typeof ProjectDetailSchema>;
