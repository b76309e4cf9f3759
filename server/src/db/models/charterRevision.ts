import { Schema, type InferSchemaType } from 'mongoose';

/**
 * One version of an alliance's charter (章程): the text as set, by whom, when. Kept in its own
 * collection so the alliance document stays small however often the charter is amended.
 */
export const charterRevisionSchema = new Schema({
  alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', required: true },
  text: { type: String, default: '' },
  /** Null for the text an alliance had before versions were kept. */
  by: { type: Schema.Types.ObjectId, ref: 'User' },
  byUnit: { type: Schema.Types.ObjectId, ref: 'Unit' },
  at: { type: Date, required: true },
});
charterRevisionSchema.index({ alliance: 1, at: -1, _id: -1 });
export type CharterRevisionDoc = InferSchemaType<typeof charterRevisionSchema>;
