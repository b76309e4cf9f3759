import { Schema, type InferSchemaType } from 'mongoose';
import { DEFAULT_WHISTLE_CLOCKS, WHISTLE_RATINGS, WHISTLE_ROLES, WHISTLE_STATUSES, WHISTLE_URGENCIES } from '@tongxin/shared';

const by = { type: Schema.Types.ObjectId, ref: 'User', default: null };

/** 报到: what a department did and when (the first one is what its clock counts). */
const reportSchema = new Schema({
  text: { type: String, required: true },
  doneAt: { type: Date, required: true },
  at: { type: Date, required: true },
  by: { type: Schema.Types.ObjectId, ref: 'User', required: true },
});

/** A summoned department (主责 or 配合) and its three clocks: 签收, 联系对接, 报到. */
const departmentSchema = new Schema(
  {
    unit: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
    role: { type: String, required: true, enum: WHISTLE_ROLES },
    ackDueAt: { type: Date, required: true },
    ackAt: { type: Date, default: null },
    ackBy: by,
    ackNote: { type: String, default: '' },
    contactDueAt: { type: Date, required: true },
    contactAt: { type: Date, default: null },
    contactBy: by,
    contactNote: { type: String, default: '' },
    reportDueAt: { type: Date, required: true },
    reportedAt: { type: Date, default: null },
    reports: { type: [reportSchema], default: [] },
    rating: {
      type: new Schema({ value: { type: String, enum: WHISTLE_RATINGS, required: true }, comment: { type: String, default: '' }, at: { type: Date, required: true } }, { _id: false }),
      default: null,
    },
  },
  { _id: false },
);

/** 吹哨: a unit summons departments to a problem it cannot solve alone. */
export const whistleSchema = new Schema(
  {
    alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', required: true },
    unit: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
    title: { type: String, required: true, trim: true },
    description: { type: String, default: '' },
    location: { type: String, default: '' },
    category: { type: String, required: true },
    urgency: { type: String, required: true, enum: WHISTLE_URGENCIES, default: 'normal' },
    status: { type: String, required: true, enum: WHISTLE_STATUSES, default: 'open' },
    raisedAt: { type: Date, required: true },
    raisedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    departments: { type: [departmentSchema], default: [] },
    closedAt: { type: Date, default: null },
    closedBy: by,
    reopenings: {
      type: [new Schema({ at: Date, by: { type: Schema.Types.ObjectId, ref: 'User' }, reason: String }, { _id: false })],
      default: [],
    },
    agenda: {
      type: [new Schema({ meeting: { type: Schema.Types.ObjectId, ref: 'Meeting' }, itemId: String, at: Date }, { _id: false })],
      default: [],
    },
    project: { type: Schema.Types.ObjectId, ref: 'Project', default: null },
  },
  { timestamps: true },
);
whistleSchema.index({ alliance: 1, raisedAt: -1 });
whistleSchema.index({ status: 1, 'departments.ackDueAt': 1 });
export type WhistleDoc = InferSchemaType<typeof whistleSchema>;

/** 吹哨时限 of an alliance; absent: the defaults. */
export const whistleSettingsSchema = new Schema(
  {
    alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', required: true, unique: true },
    ackWorkingHours: { type: Number, default: DEFAULT_WHISTLE_CLOCKS.ackWorkingHours },
    contactHours: { type: Number, default: DEFAULT_WHISTLE_CLOCKS.contactHours },
    reportWorkingDaysUrgent: { type: Number, default: DEFAULT_WHISTLE_CLOCKS.reportWorkingDaysUrgent },
    reportWorkingDaysNormal: { type: Number, default: DEFAULT_WHISTLE_CLOCKS.reportWorkingDaysNormal },
    workingPeriods: {
      type: [new Schema({ from: String, to: String }, { _id: false })],
      default: () => DEFAULT_WHISTLE_CLOCKS.workingPeriods.map((p) => ({ ...p })),
    },
    reopenDays: { type: Number, default: DEFAULT_WHISTLE_CLOCKS.reopenDays },
  },
  { timestamps: true },
);
