import { Schema, type InferSchemaType } from 'mongoose';
import { UnitKindSchema, UnitLevelSchema } from '@tongxin/shared';

export const unitSchema = new Schema(
  {
    name: { type: String, required: true, unique: true, trim: true },
    kind: { type: String, required: true, enum: UnitKindSchema.options },
    level: { type: String, required: true, enum: UnitLevelSchema.options },
    region: { type: String, default: '' },
    /** Deactivated (停用) units stay in history and existing memberships; not offered for new ones. */
    active: { type: Boolean, default: true },
    deactivatedAt: { type: Date },
    deactivatedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);
export type UnitDoc = InferSchemaType<typeof unitSchema>;
