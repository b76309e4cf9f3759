import { z } from 'zod';
import { ACTION_ITEM_STATUSES, ACTION_ITEM_TRANSITIONS } from '../domain/actionItemStatus.js';
import { ACTION_ITEM_EDITABLE_FIELDS } from '../domain/actionItemCorrections.js';
import { IdSchema, NameSchema, multilineSchema, nameSchema, RefSchema } from './common.js';
import { PageQuerySchema } from './pagination.js';

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
});
export type ProgressReport = z.infer<typeof ProgressReportSchema>;

const transitionFields = {
  transition: ActionItemTransitionSchema,
  note: multilineSchema(1000).optional(),
};
/** Cancelling settles an item for good: the reason is part of the record. */
const cancelNeedsReason = (v: { transition: string; note?: string | undefined }) =>
  v.transition !== 'cancel' || (v.note ?? '') !== '';
const cancelReasonIssue = { message: 'a cancellation needs a reason', path: ['note'] };

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
});
export type LedgerQuery = z.infer<typeof LedgerQuerySchema>;


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
  percent: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  progress: z.array(
    z.object({
      text: z.string(),
      percent: z.number().int(),
      author: RefSchema,
      unit: RefSchema.nullable(),
      at: z.string(),
    }),
  ),
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
});
export type ActionItemAbilities = z.infer<typeof ActionItemAbilitiesSchema>;

/** One item as its own page reads it: the item and what the viewer may do with it. */
export const ActionItemDetailSchema = ActionItemSchema.extend({ can: ActionItemAbilitiesSchema });
export type ActionItemDetail = z.infer<typeof ActionItemDetailSchema>;
