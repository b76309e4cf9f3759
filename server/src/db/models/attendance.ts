import { Schema, type InferSchemaType } from 'mongoose';

/**
 * Check-in (签到): one record per representative present, or one per unit recorded present by a
 * secretary on its behalf (`user` null, `onBehalf` true). The unique index makes a repeated
 * check-in a no-op rather than a second presence.
 */
export const attendanceSchema = new Schema({
  meeting: { type: Schema.Types.ObjectId, ref: 'Meeting', required: true },
  unit: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
  user: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  recordedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  onBehalf: { type: Boolean, required: true, default: false },
  at: { type: Date, required: true, default: () => new Date() },
});
attendanceSchema.index({ meeting: 1, unit: 1, user: 1 }, { unique: true });
// A member-basis ballot asks whether its voter checked in.
attendanceSchema.index({ meeting: 1, user: 1 });
export type AttendanceDoc = InferSchemaType<typeof attendanceSchema>;

/** 委托: a unit gives its vote for one meeting to another unit's representative. One per unit. */
export const proxySchema = new Schema({
  meeting: { type: Schema.Types.ObjectId, ref: 'Meeting', required: true },
  fromUnit: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
  to: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  givenBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  at: { type: Date, required: true, default: () => new Date() },
});
proxySchema.index({ meeting: 1, fromUnit: 1 }, { unique: true });
export type ProxyDoc = InferSchemaType<typeof proxySchema>;
