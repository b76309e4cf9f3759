import { Schema, type InferSchemaType } from 'mongoose';

export const userSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    login: { type: String, required: true, unique: true, lowercase: true, trim: true },
    passwordHash: { type: String, required: true, select: false },
    unit: { type: Schema.Types.ObjectId, ref: 'Unit' },
    phone: { type: String },
    email: { type: String },
    isAdmin: { type: Boolean, default: false },
  },
  { timestamps: true },
);
export type UserDoc = InferSchemaType<typeof userSchema>;
