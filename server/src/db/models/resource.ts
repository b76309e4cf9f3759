import { Schema, type InferSchemaType } from 'mongoose';
import { RESOURCE_KINDS, RESOURCE_STATUSES } from '@tongxin/shared';

/** 资源: what a unit offers the alliance — a venue, volunteers, funds, expertise, equipment. */
export const resourceSchema = new Schema(
  {
    alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', required: true },
    unit: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
    kind: { type: String, required: true, enum: RESOURCE_KINDS },
    category: { type: String, required: true },
    title: { type: String, required: true, trim: true },
    description: { type: String, default: '' },
    quantity: { type: String, default: '' },
    /** `YYYY-MM-DD`, either end open (null). */
    availableFrom: { type: String, default: null },
    availableTo: { type: String, default: null },
    contact: { type: String, default: '' },
    conditions: { type: String, default: '' },
    tags: { type: [String], default: [] },
    status: { type: String, required: true, enum: RESOURCE_STATUSES, default: 'available' },
    searchKeys: { type: [String], default: [] },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true },
);
resourceSchema.index({ alliance: 1, createdAt: -1 });
resourceSchema.index({ alliance: 1, searchKeys: 1 });
resourceSchema.index({ unit: 1 });
export type ResourceDoc = InferSchemaType<typeof resourceSchema>;
