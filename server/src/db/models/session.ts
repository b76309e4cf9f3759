import { Schema, type InferSchemaType } from 'mongoose';

/**
 * A login session. Only the SHA-256 of the token is stored, so a leaked database dump does not
 * hand out live sessions. Cookie sessions serve browsers; bearer tokens serve other clients.
 */
export const sessionSchema = new Schema({
  tokenHash: { type: String, required: true, unique: true },
  user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  kind: { type: String, enum: ['cookie', 'bearer'], required: true },
  createdAt: { type: Date, required: true, default: () => new Date() },
  expiresAt: { type: Date, required: true },
});
// MongoDB removes expired sessions by itself (TTL index); lookups also check expiresAt.
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
sessionSchema.index({ user: 1 });
export type SessionDoc = InferSchemaType<typeof sessionSchema>;
