import { Schema, type InferSchemaType } from 'mongoose';
import { SERVICE_ACTIVITY_STATUSES } from '@tongxin/shared';

/**
 * One member's place in a service activity (双报到): signed up, then checked in by the organizer
 * with the hours served. The points engine reads checked-in signups (`checkedInAt` set, `hours`).
 */
const serviceSignupSchema = new Schema(
  {
    member: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    /** The member's work unit (在职单位) when they signed up. */
    workUnit: { type: Schema.Types.ObjectId, ref: 'Unit', default: null },
    signedUpAt: { type: Date, required: true },
    checkedInAt: { type: Date, default: null },
    hours: { type: Number, default: null },
  },
  { _id: false },
);

/** A service activity a residential community publishes for registered in-service members. */
export const serviceActivitySchema = new Schema(
  {
    alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', required: true },
    community: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
    title: { type: String, required: true, trim: true },
    description: { type: String, default: '' },
    startsAt: { type: Date, required: true },
    /** Planned hours; a check-in records these unless the organizer enters the actual. */
    hours: { type: Number, required: true },
    place: { type: String, required: true },
    /** 需要人数. */
    needed: { type: Number, required: true },
    skills: { type: [String], default: [] },
    status: { type: String, required: true, enum: SERVICE_ACTIVITY_STATUSES, default: 'open' },
    cancelReason: { type: String, default: '' },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    completedAt: { type: Date, default: null },
    cancelledAt: { type: Date, default: null },
    signups: { type: [serviceSignupSchema], default: [] },
  },
  { timestamps: true },
);
serviceActivitySchema.index({ alliance: 1, startsAt: -1 });
serviceActivitySchema.index({ 'signups.member': 1 });
serviceActivitySchema.index({ 'signups.workUnit': 1, startsAt: 1 });
export type ServiceActivityDoc = InferSchemaType<typeof serviceActivitySchema>;
