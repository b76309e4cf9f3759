import { Schema, type InferSchemaType } from 'mongoose';

/**
 * Check-in (签到): one record per representative present, or one per unit recorded present by a
 * secretary on its behalf (`user` null, `onBehalf` true). The unique index makes a repeated
 * check-in a no-op rather than a second presence.
 *
 * Corrections keep the record honest rather than deleting it: a leave (离会) sets `leftAt`, and a
 * return moves that stay into `earlier` and arrives again; an undo (撤销签到) sets `undone`. A
 * check-in counts while `leftAt` and `undone` are both null (records older than these fields
 * have neither, and count as they always did).
 */
export const attendanceSchema = new Schema({
  meeting: { type: Schema.Types.ObjectId, ref: 'Meeting', required: true },
  unit: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
  user: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  recordedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  onBehalf: { type: Boolean, required: true, default: false },
  at: { type: Date, required: true, default: () => new Date() },
  /** Arrived after the meeting had started (迟到). */
  late: { type: Boolean, default: false },
  leftAt: { type: Date, default: null },
  leftRecordedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  /** Earlier stays that ended with a leave, oldest first. */
  earlier: {
    type: [{ _id: false, at: { type: Date, required: true }, late: { type: Boolean, default: false }, leftAt: { type: Date, required: true } }],
    default: [],
  },
  undone: {
    type: new Schema(
      { at: { type: Date, required: true }, by: { type: Schema.Types.ObjectId, ref: 'User', required: true }, reason: { type: String, required: true } },
      { _id: false },
    ),
    default: null,
  },
});
/** The filter of check-ins that count now. */
export const COUNTING = { leftAt: null, undone: null } as const;
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
