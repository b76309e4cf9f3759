import { Schema, type InferSchemaType } from 'mongoose';

/**
 * 配合单位的分工: a cooperating unit's own part of an action item — its responsible person and how
 * far its part is. Its reports are ActionItemProgress rows with `part` set to the unit.
 */
export const actionItemPartSchema = new Schema({
  item: { type: Schema.Types.ObjectId, ref: 'ActionItem', required: true },
  unit: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
  responsiblePerson: { type: String, default: null },
  percent: { type: Number, required: true, default: 0 },
  lastReportAt: { type: Date, default: null },
});
actionItemPartSchema.index({ item: 1, unit: 1 }, { unique: true });
export type ActionItemPartDoc = InferSchemaType<typeof actionItemPartSchema>;
