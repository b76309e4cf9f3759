import { Schema, type InferSchemaType } from 'mongoose';
import { MEETING_STATUSES } from '@tongxin/shared';

export const meetingSchema = new Schema(
  {
    alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', required: true },
    seq: { type: Number, required: true },
    title: { type: String, required: true, trim: true },
    scheduledAt: { type: Date, required: true },
    durationMinutes: { type: Number, required: true, default: 90 },
    place: { type: String, default: '' },
    onlineLink: { type: String },
    convenerUnit: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
    status: { type: String, required: true, enum: MEETING_STATUSES, default: 'draft' },
    observers: [{ type: Schema.Types.ObjectId, ref: 'Unit' }],
  },
  { timestamps: true },
);
// 第 N 次 is unique per alliance; the index, not a read-then-write check, guarantees it.
meetingSchema.index({ alliance: 1, seq: 1 }, { unique: true });
meetingSchema.index({ alliance: 1, scheduledAt: -1 });
export type MeetingDoc = InferSchemaType<typeof meetingSchema>;
