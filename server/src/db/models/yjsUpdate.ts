import { Schema, type InferSchemaType } from 'mongoose';

/**
 * Stored Yjs updates of one document, in arrival order (`_id` order). A compaction replaces a
 * run of them with one merged update flagged `snapshot`; loading applies them all in order.
 */
export const yjsUpdateSchema = new Schema(
  {
    doc: { type: String, required: true },
    data: { type: Buffer, required: true },
    snapshot: { type: Boolean, default: false },
    /** A snapshot's state vector, so that a cold load can start the sync without parsing it. */
    vector: { type: Buffer },
    at: { type: Date, required: true, default: () => new Date() },
  },
  { collection: 'yjs_updates' },
);
yjsUpdateSchema.index({ doc: 1, _id: 1 });
export type YjsUpdateDoc = InferSchemaType<typeof yjsUpdateSchema>;
