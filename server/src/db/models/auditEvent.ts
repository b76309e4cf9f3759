import { Schema, type InferSchemaType } from 'mongoose';

export const auditEventSchema = new Schema({
  actor: { type: Schema.Types.ObjectId, ref: 'User' },
  actorUnit: { type: Schema.Types.ObjectId, ref: 'Unit' },
  action: { type: String, required: true },
  targetType: { type: String, required: true },
  // A failed login that names no account has nothing else to point at.
  targetId: {
    type: Schema.Types.ObjectId,
    required(this: { targetType?: string }) {
      return this.targetType !== 'login';
    },
  },
  alliance: { type: Schema.Types.ObjectId, ref: 'Alliance' },
  // Fields a change touched, as raw values (ids, codes, dates); the presenter puts them in words.
  changes: {
    type: [new Schema({ field: String, before: Schema.Types.Mixed, after: Schema.Types.Mixed }, { _id: false })],
    default: undefined,
  },
  // Older events carry `key: value` summaries instead.
  before: { type: String },
  after: { type: String },
  ip: { type: String },
  at: { type: Date, required: true, default: () => new Date() },
});
auditEventSchema.index({ alliance: 1, at: -1 });
auditEventSchema.index({ at: -1 });
export type AuditEventDoc = InferSchemaType<typeof auditEventSchema>;
