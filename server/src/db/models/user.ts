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
    /** A one-time password (first admin, created or reset by an admin): change it before anything else. */
    mustChangePassword: { type: Boolean, default: false },
    /** Deactivated (停用) people keep their history but cannot log in. */
    active: { type: Boolean, default: true },
    deactivatedAt: { type: Date },
    deactivatedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);
export type UserDoc = InferSchemaType<typeof userSchema>;
