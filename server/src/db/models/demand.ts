import { Schema, type InferSchemaType } from 'mongoose';
import { DEMAND_SOURCES, DEMAND_STATUSES, DEMAND_URGENCIES } from '@tongxin/shared';

/** 认领 (no resource) or 提供资源: one unit's offer to take a demand on; its raiser accepts one. */
const offerSchema = new Schema({
  unit: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
  resource: { type: Schema.Types.ObjectId, ref: 'Resource', default: null },
  note: { type: String, default: '' },
  status: { type: String, required: true, enum: ['pending', 'accepted', 'declined'], default: 'pending' },
  by: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  at: { type: Date, required: true },
});

/** 需求: what a unit (or a resident through it, or a meeting) needs, on the alliance's demand list. */
export const demandSchema = new Schema(
  {
    alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', required: true },
    title: { type: String, required: true, trim: true },
    description: { type: String, default: '' },
    category: { type: String, required: true },
    location: { type: String, default: '' },
    unit: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
    source: { type: String, required: true, enum: DEMAND_SOURCES, default: 'unit' },
    residentName: { type: String, default: '' },
    meeting: { type: Schema.Types.ObjectId, ref: 'Meeting', default: null },
    urgency: { type: String, required: true, enum: DEMAND_URGENCIES, default: 'normal' },
    tags: { type: [String], default: [] },
    status: { type: String, required: true, enum: DEMAND_STATUSES, default: 'open' },
    rejectReason: { type: String, default: '' },
    claimedBy: { type: Schema.Types.ObjectId, ref: 'Unit', default: null },
    resource: { type: Schema.Types.ObjectId, ref: 'Resource', default: null },
    offers: { type: [offerSchema], default: [] },
    /** Bigrams and words of the texts (see `documentKeys`): Chinese search without a segmenter. */
    searchKeys: { type: [String], default: [] },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  },
  { timestamps: true },
);
demandSchema.index({ alliance: 1, createdAt: -1 });
demandSchema.index({ alliance: 1, searchKeys: 1 });
demandSchema.index({ unit: 1 });
export type DemandDoc = InferSchemaType<typeof demandSchema>;
