import { z } from 'zod';
import { ACTION_ITEM_STATUSES, ACTION_ITEM_TRANSITIONS } from '../domain/actionItemStatus.js';
import { ACTION_ITEM_EDITABLE_FIELDS } from '../domain/actionItemCorrections.js';
import { EXTENSION_REQUEST_STATUSES, NUDGE_NOTE_MAX } from '../domain/supervisionCycle.js';
import { STATUS_LIGHTS, STATUS_LIGHT_REASONS } from '../domain/statusLight.js';
import { IdSchema, NameSchema, multilineSchema, nameSchema, RefSchema } from './common.js';
import { PageQuerySchema } from './pagination.js';
import { ActionItemPartSchema, PartAbilitiesSchema, ProgressEntrySchema } from './actionItemPart.js';
import { AttachmentIdsSchema } from './evidence.js';

export const ActionItemStatusSchema = z.enum(ACTION_ITEM_STATUSES);
export const ActionItemTransitionSchema = z.enum(ACTION_ITEM_TRANSITIONS);

/** A calendar day, `YYYY-MM-DD`: deadlines are days, not instants. */
export const DateOnlySchema = z.iso.date();

const fields = {
  title: nameSchema(200),
  description: multilineSchema(5000).default(''),
  /** 牵头单位 */
  leadUnit: IdSchema,
  /** 配合单位 */
  cooperatingUnits: z.array(IdSchema).max(50).default([]),
  /** 责任人: a name, because the responsible person is often not a user of Tongxin. */
  responsiblePerson: NameSchema,
  /** 推进措施 */
  measures: multilineSchema(5000).default(''),
  /** 完成时限 */
  dueDate: DateOnlySchema,
  /** The decision it implements, when there is one. */
  decisionId: IdSchema.optional(),
};

/** Created through REST (after or outside a meeting). */
export const ActionItemCreateSchema = z
  .object({ ...fields, meetingId: IdSchema.optional() })
  .refine((v) => !v.cooperatingUnits.includes(v.leadUnit), {
    message: 'the lead unit cannot also be a cooperating unit',
    path: ['cooperatingUnits'],
  });
export type ActionItemCreate = z.infer<typeof ActionItemCreateSchema>;

/** Created in the live room: the meeting is the source. */
export const RoomActionItemCreateSchema = z
  .object({ ...fields, meetingId: IdSchema })
  .refine((v) => !v.cooperatingUnits.includes(v.leadUnit), {
    message: 'the lead unit cannot also be a cooperating unit',
    path: ['cooperatingUnits'],
  });

export const ProgressReportSchema = z.object({
  text: multilineSchema(5000).min(1),
  percent: z.number().int().min(0).max(100),
  /** 佐证材料: ids of files uploaded for this report (POST /action-items/:id/evidence). */
  attachments: AttachmentIdsSchema.default([]),
});
export type ProgressReport = z.infer<typeof ProgressReportSchema>;

const transitionFields = {
  transition: ActionItemTransitionSchema,
  note: multilineSchema(1000).optional(),
};
/**
 * Cancelling settles an item for good, and 退回整改 tells the lead unit what is missing: for both
 * the note is part of the record.
 */
const cancelNeedsReason = (v: { transition: string; note?: string | undefined }) =>
  (v.transition !== 'cancel' && v.transition !== 'reopen') || (v.note ?? '') !== '';
const cancelReasonIssue = { message: 'a cancellation or a sending back needs a reason', path: ['note'] };

export const ActionItemTransitionBodySchema = z.object(transitionFields).refine(cancelNeedsReason, cancelReasonIssue);

/** The same operations over Socket.IO name the item in the payload. */
export const RoomProgressSchema = ProgressReportSchema.extend({ itemId: IdSchema });
export const RoomActionItemTransitionSchema = z
  .object({ ...transitionFields, itemId: IdSchema })
  .refine(cancelNeedsReason, cancelReasonIssue);

/** Why a record was corrected: required wherever a correction changes one, kept in the audit trail. */
export const CorrectionReasonSchema = multilineSchema(1000).min(1);

/**
 * Correcting an assigned item (PATCH): only the fields given change; the lead unit and the
 * deadline have their own paths (a new item; 延期). A patch that names no field is refused.
 */
export const ActionItemPatchSchema = z
  .object({
    title: fields.title.optional(),
    description: multilineSchema(5000).optional(),
    measures: multilineSchema(5000).optional(),
    responsiblePerson: NameSchema.optional(),
    cooperatingUnits: z.array(IdSchema).max(50).optional(),
    reason: CorrectionReasonSchema,
  })
  .refine((v) => ACTION_ITEM_EDITABLE_FIELDS.some((f) => v[f] !== undefined), {
    message: 'nothing to change',
  });
export type ActionItemPatch = z.infer<typeof ActionItemPatchSchema>;

/** 延期: a later deadline, and why. The date rules are `extensionProblem`'s. */
export const ActionItemExtendSchema = z.object({
  dueDate: DateOnlySchema,
  reason: CorrectionReasonSchema,
});
export type ActionItemExtend = z.infer<typeof ActionItemExtendSchema>;

/** 延期申请: the lead unit asks for a later deadline, and says why. The date rules are `extensionProblem`'s. */
export const ExtensionRequestCreateSchema = z.object({
  to: DateOnlySchema,
  reason: CorrectionReasonSchema,
});
export type ExtensionRequestCreate = z.infer<typeof ExtensionRequestCreateSchema>;

/** 审批: a supervisor approves or refuses a request; a refusal says why. */
export const ExtensionDecisionSchema = z
  .object({
    approve: z.boolean(),
    note: multilineSchema(1000).default(''),
  })
  .refine((v) => v.approve || v.note !== '', { message: 'a refusal needs a reason', path: ['note'] });
export type ExtensionDecision = z.infer<typeof ExtensionDecisionSchema>;

/** 催办: a reminder to the lead unit, with an optional note. */
export const NudgeCreateSchema = z.object({
  note: multilineSchema(NUDGE_NOTE_MAX).default(''),
});
export type NudgeCreate = z.infer<typeof NudgeCreateSchema>;

/** The ledger (工作台账) filters. Booleans arrive as query strings. */
export const LedgerQuerySchema = PageQuerySchema.extend({
  status: ActionItemStatusSchema.optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  leadUnit: IdSchema.optional(),
  dueFrom: DateOnlySchema.optional(),
  dueTo: DateOnlySchema.optional(),
  meeting: IdSchema.optional(),
  /** `true`: only items not yet closed or cancelled; `false`: only those that are. */
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Leave out the items of one meeting (e.g. the one being prepared: "earlier items"). */
  excludeMeeting: IdSchema.optional(),
  /** 亮灯: only the items showing this light now. */
  light: z.enum(STATUS_LIGHTS).optional(),
});
export type LedgerQuery = z.infer<typeof LedgerQuerySchema>;


/** 亮灯 as the server computed it now, with the alliance's rules and calendar: colour and why. */
export const ItemLightSchema = z.object({
  light: z.enum(STATUS_LIGHTS),
  reason: z.enum(STATUS_LIGHT_REASONS),
  /** Calendar days past the deadline, when red (shown as "已逾期 N 天"). */
  daysOverdue: z.number().int().nonnegative().optional(),
  /** The alliance's silence rule, when yellow for want of a report ("超过14天未报告"). */
  silentDays: z.number().int().positive().optional(),
});
export type ItemLight = z.infer<typeof ItemLightSchema>;

/** How many items of a ledger show each light (over every filter but the light). */
export const LightCountsSchema = z.object({
  red: z.number().int(),
  yellow: z.number().int(),
  green: z.number().int(),
  none: z.number().int(),
});
export type LightCounts = z.infer<typeof LightCountsSchema>;

export const ActionItemSchema = z.object({
  id: IdSchema,
  alliance: IdSchema,
  meeting: IdSchema.nullable(),
  decision: IdSchema.nullable(),
  title: z.string(),
  description: z.string(),
  leadUnit: RefSchema,
  cooperatingUnits: z.array(RefSchema),
  responsiblePerson: z.string(),
  measures: z.string(),
  /** The deadline now in force: overdue is reckoned from it. */
  dueDate: z.string(),
  /** The deadline first assigned; equal to `dueDate` unless it was extended. */
  originalDueDate: z.string(),
  /** Each extension (延期), oldest first: from which date to which, why, by whom. */
  deadlineHistory: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      reason: z.string(),
      by: RefSchema,
      unit: RefSchema.nullable(),
      at: z.string(),
    }),
  ),
  status: ActionItemStatusSchema,
  overdue: z.boolean(),
  /**
   * 签收: when and by whom the lead unit acknowledged the item, by when it should (`dueAt`), and
   * whether it is still waiting (`pending`, 待签收) or waiting past that time (`overdue`). Items
   * from before 签收 existed have neither date and count as acknowledged.
   */
  acknowledgement: z.object({
    at: z.string().nullable(),
    by: RefSchema.nullable(),
    dueAt: z.string().nullable(),
    pending: z.boolean(),
    overdue: z.boolean(),
  }),
  /** 延期申请, oldest first, each with its decision once taken. */
  extensionRequests: z.array(
    z.object({
      id: IdSchema,
      /** The deadline in force when it was asked. */
      from: z.string().nullable(),
      to: z.string(),
      reason: z.string(),
      by: RefSchema,
      unit: RefSchema.nullable(),
      at: z.string(),
      status: z.enum(EXTENSION_REQUEST_STATUSES),
      decidedBy: RefSchema.nullable(),
      decidedAt: z.string().nullable(),
      decisionNote: z.string().nullable(),
    }),
  ),
  /** 催办: how many reminders the supervisors sent, and each (oldest first). */
  nudgeCount: z.number().int(),
  nudges: z.array(z.object({ note: z.string(), by: RefSchema, at: z.string() })),
  /** 亮灯, computed on read: changing the alliance's rules or calendar changes it at once. */
  light: ItemLightSchema,
  percent: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The lead unit's reports (the item's summary), oldest first. */
  progress: z.array(ProgressEntrySchema),
  /** Each cooperating unit's part, in the order of `cooperatingUnits`. */
  parts: z.array(ActionItemPartSchema).default([]),
  /** Each move along the status machine, oldest first, with the note given (e.g. why it was sent back). */
  steps: z.array(
    z.object({
      transition: ActionItemTransitionSchema,
      to: ActionItemStatusSchema,
      note: z.string().nullable(),
      by: RefSchema,
      unit: RefSchema.nullable(),
      at: z.string(),
    }),
  ),
});
export type ActionItem = z.infer<typeof ActionItemSchema>;

/**
 * What the viewer may do with an item, decided by the server's policies (as `MeetingAbilities`):
 * the item's page shows these forms and buttons, and no others.
 */
export const ActionItemAbilitiesSchema = z.object({
  /** Status moves open to this viewer now (the lead unit's, or a supervisor's). */
  transitions: z.array(ActionItemTransitionSchema),
  /** Report progress (推进情况): the lead unit, while the work is open. */
  report: z.boolean(),
  /** The fields this viewer may correct now: all for a supervisor, the measures for the lead unit. */
  edit: z.array(z.enum(ACTION_ITEM_EDITABLE_FIELDS)),
  /** Extend the deadline (延期): a supervisor who does not speak for the lead unit. */
  extend: z.boolean(),
  /** Delete outright: a supervisor, while nothing has happened to the item yet. */
  delete: z.boolean(),
  /** 签收: the lead unit, while the item waits for it. */
  acknowledge: z.boolean(),
  /** 延期申请: the lead unit, while the work is open and no request waits for a decision. */
  requestExtension: z.boolean(),
  /** 审批 a pending request: a supervisor who does not speak for the lead unit. */
  decideExtension: z.boolean(),
  /** 催办: a supervisor who does not speak for the lead unit, while the work is open. */
  nudge: z.boolean(),
});
export type ActionItemAbilities = z.infer<typeof ActionItemAbilitiesSchema>;

/** One item as its own page reads it: the item and what the viewer may do with it. */
export const ActionItemDetailSchema = ActionItemSchema.extend({ can: ActionItemAbilitiesSchema.extend(PartAbilitiesSchema.shape) });
export type ActionItemDetail = z.infer<typeof ActionItemDetailSchema>;

/** A page of the ledger (工作台账), with the count of each light over all matching items. */
export const LedgerPageSchema = z.object({
  items: z.array(ActionItemSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  lights: LightCountsSchema,
});
export type LedgerPage = z.infer<typeof LedgerPageSchema>;
