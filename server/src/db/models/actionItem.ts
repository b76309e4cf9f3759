import { Schema, type InferSchemaType } from 'mongoose';
import { ACTION_ITEM_STATUSES, ACTION_ITEM_TRANSITIONS } from '@tongxin/shared';

/** 督办事项: one line of the work ledger (工作台账). */
export const actionItemSchema = new Schema(
  {
    alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', required: true },
    meeting: { type: Schema.Types.ObjectId, ref: 'Meeting', default: null },
    decision: { type: Schema.Types.ObjectId, ref: 'Decision', default: null },
    title: { type: String, required: true, trim: true },
    description: { type: String, default: '' },
    leadUnit: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
    cooperatingUnits: [{ type: Schema.Types.ObjectId, ref: 'Unit' }],
    responsiblePerson: { type: String, required: true },
    measures: { type: String, default: '' },
    /** `YYYY-MM-DD`: sorts and compares as text. The deadline in force, after any extension. */
    dueDate: { type: String, required: true },
    /** 延期: each extension of the deadline, oldest first; the first `from` is the original deadline. */
    deadlineHistory: {
      type: [
        new Schema(
          {
            from: { type: String, required: true },
            to: { type: String, required: true },
            reason: { type: String, required: true },
            by: { type: Schema.Types.ObjectId, ref: 'User', required: true },
            unit: { type: Schema.Types.ObjectId, ref: 'Unit', default: null },
            at: { type: Date, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    /** 签收: when the lead unit acknowledged the item, and who; null while it waits (待签收). */
    acknowledgedAt: { type: Date, default: null },
    acknowledgedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    /** 签收时限: the lead unit should acknowledge by then (end of the Nth working day); null for items from before 签收 existed. */
    ackDueAt: { type: Date, default: null },
    /** 延期申请: the lead unit's requests for a new deadline and a secretary's decision on each. */
    extensionRequests: {
      type: [
        new Schema({
          /** The deadline in force when it was asked (`YYYY-MM-DD`). */
          from: { type: String, default: null },
          to: { type: String, required: true },
          reason: { type: String, required: true },
          by: { type: Schema.Types.ObjectId, ref: 'User', required: true },
          unit: { type: Schema.Types.ObjectId, ref: 'Unit', default: null },
          at: { type: Date, required: true },
          status: { type: String, required: true, enum: ['pending', 'approved', 'refused'], default: 'pending' },
          decidedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
          decidedAt: { type: Date, default: null },
          decisionNote: { type: String, default: null },
        }),
      ],
      default: [],
    },
    /** 催办: each reminder a secretary sent the lead unit, with its note. */
    nudges: {
      type: [
        new Schema(
          {
            note: { type: String, default: '' },
            by: { type: Schema.Types.ObjectId, ref: 'User', required: true },
            at: { type: Date, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    /** When the lead unit last reported progress (the status light's "no report for 14 days"); creation until then. */
    lastReportAt: { type: Date, default: null },
    status: { type: String, required: true, enum: ACTION_ITEM_STATUSES, default: 'todo' },
    percent: { type: Number, required: true, default: 0 },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true },
);
actionItemSchema.index({ alliance: 1, dueDate: 1 });
actionItemSchema.index({ leadUnit: 1, dueDate: 1 });
actionItemSchema.index({ meeting: 1 });
export type ActionItemDoc = InferSchemaType<typeof actionItemSchema>;

/** 推进情况: what the lead unit reported, when, and who wrote it. Append-only. */
export const actionItemProgressSchema = new Schema({
  item: { type: Schema.Types.ObjectId, ref: 'ActionItem', required: true },
  text: { type: String, required: true },
  percent: { type: Number, required: true },
  author: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  unit: { type: Schema.Types.ObjectId, ref: 'Unit', default: null },
  at: { type: Date, required: true, default: () => new Date() },
  /** The cooperating unit whose part (配合单位的分工) this reports on; null for the lead unit's report. */
  part: { type: Schema.Types.ObjectId, ref: 'Unit', default: null },
  /** 佐证材料: GridFS ids in the `evidence` bucket. */
  attachments: { type: [Schema.Types.ObjectId], default: [] },
});
actionItemProgressSchema.index({ item: 1, at: 1 });
export type ActionItemProgressDoc = InferSchemaType<typeof actionItemProgressSchema>;

/** A step along the status machine (提请验收, 验收销号, 退回整改 …) with its note: who, when, why. Append-only. */
export const actionItemStepSchema = new Schema({
  item: { type: Schema.Types.ObjectId, ref: 'ActionItem', required: true },
  transition: { type: String, required: true, enum: ACTION_ITEM_TRANSITIONS },
  from: { type: String, required: true, enum: ACTION_ITEM_STATUSES },
  to: { type: String, required: true, enum: ACTION_ITEM_STATUSES },
  note: { type: String, default: null },
  by: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  unit: { type: Schema.Types.ObjectId, ref: 'Unit', default: null },
  at: { type: Date, required: true, default: () => new Date() },
});
actionItemStepSchema.index({ item: 1, at: 1 });
