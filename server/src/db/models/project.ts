import { Schema, type InferSchemaType } from 'mongoose';
import { PROJECT_STATUSES } from '@tongxin/shared';

/** 共建项目: a joint project a lead unit carries with participating units and what they commit. */
export const projectSchema = new Schema(
  {
    alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', required: true },
    title: { type: String, required: true, trim: true },
    description: { type: String, default: '' },
    category: { type: String, default: '' },
    leadUnit: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
    participants: {
      type: [
        new Schema(
          {
            unit: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
            commitment: { type: String, default: '' },
            resource: { type: Schema.Types.ObjectId, ref: 'Resource', default: null },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    milestones: {
      type: [
        new Schema({
          title: { type: String, required: true },
          dueDate: { type: String, required: true },
          done: { type: Boolean, default: false },
          doneAt: { type: Date, default: null },
        }),
      ],
      default: [],
    },
    progress: {
      type: [
        new Schema(
          {
            text: { type: String, required: true },
            by: { type: Schema.Types.ObjectId, ref: 'User', required: true },
            unit: { type: Schema.Types.ObjectId, ref: 'Unit', default: null },
            at: { type: Date, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    /** 预算, yuan. */
    budget: { type: Number, default: null },
    status: { type: String, required: true, enum: PROJECT_STATUSES, default: 'preparing' },
    demand: { type: Schema.Types.ObjectId, ref: 'Demand', default: null },
    decision: { type: Schema.Types.ObjectId, ref: 'Decision', default: null },
    /** 列入会议议程: the agenda items it became. */
    agenda: {
      type: [
        new Schema(
          {
            meeting: { type: Schema.Types.ObjectId, ref: 'Meeting', required: true },
            itemId: { type: String, required: true },
            at: { type: Date, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    searchKeys: { type: [String], default: [] },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true },
);
projectSchema.index({ alliance: 1, createdAt: -1 });
projectSchema.index({ alliance: 1, searchKeys: 1 });
projectSchema.index({ demand: 1 });
projectSchema.index({ leadUnit: 1 });
export type ProjectDoc = InferSchemaType<typeof projectSchema>;
