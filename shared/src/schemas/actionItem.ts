import { z } from 'zod';
import { ACTION_ITEM_STATUSES, ACTION_ITEM_TRANSITIONS } from '../domain/actionItemStatus.js';
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

export const ActionItemTransitionBodySchema = z.object({
  transition: ActionItemTransitionSchema,
  note: multilineSchema(1000).optional(),
});

/** The same operations over Socket.IO name the item in the payload. */
export const RoomProgressSchema = ProgressReportSchema.extend({ itemId: IdSchema });
export const RoomActionItemTransitionSchema = ActionItemTransitionBodySchema.extend({ itemId: IdSchema });

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
  dueDate: z.string(),
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
