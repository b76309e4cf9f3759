import { Schema, type InferSchemaType } from 'mongoose';
import { DecisionStatusSchema } from '@tongxin/shared';

/** A decision record; its text lives in the Yjs document `decision:<id>`. */
export const decisionSchema = new Schema(
  {
    meeting: { type: Schema.Types.ObjectId, ref: 'Meeting', required: true },
    alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', required: true },
    agendaItem: { type: String },
    title: { type: String, required: true, trim: true },
    status: { type: String, required: true, enum: DecisionStatusSchema.options, default: 'drafting' },
    versionCount: { type: Number, required: true, default: 0 },
    /** The rejected or withdrawn decision this draft revises (修改自). */
    revises: { type: Schema.Types.ObjectId, ref: 'Decision', default: null },
    /** The draft this decision was revised into (已修改为); set once, so it is revised only once. */
    revisedBy: { type: Schema.Types.ObjectId, ref: 'Decision', default: null },
    /** Why, by whom and when a draft was withdrawn (撤回). */
    withdrawal: {
      type: new Schema(
        { reason: { type: String, required: true }, by: { type: Schema.Types.ObjectId, ref: 'User' }, at: { type: Date, required: true } },
        { _id: false },
      ),
      default: null,
    },
  },
  { timestamps: true },
);
decisionSchema.index({ meeting: 1, createdAt: 1 });
export type DecisionDoc = InferSchemaType<typeof decisionSchema>;

/** A frozen, immutable version of a decision: the exact text a vote is about. */
export const decisionVersionSchema = new Schema({
  decision: { type: Schema.Types.ObjectId, ref: 'Decision', required: true },
  number: { type: Number, required: true },
  text: { type: String, required: true },
  /** ProseMirror JSON, stored as a string so that MongoDB never reinterprets its keys. */
  docJson: { type: String, required: true },
  sha256: { type: String, required: true },
  /** The Yjs state at freezing time, to restore or diff against later. */
  ydocState: { type: Buffer, required: true },
  frozenBy: { type: Schema.Types.ObjectId, ref: 'User' },
  frozenAt: { type: Date, required: true, default: () => new Date() },
});
decisionVersionSchema.index({ decision: 1, number: 1 }, { unique: true });
export type DecisionVersionDoc = InferSchemaType<typeof decisionVersionSchema>;
