import { Schema, type InferSchemaType } from 'mongoose';
import { MinutesStatusSchema } from '@tongxin/shared';

/** A member unit's answer to the draft (确认 or 意见); one per unit, replaced when it answers again. */
const confirmationSchema = new Schema(
  {
    unit: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
    state: { type: String, required: true, enum: ['confirmed', 'commented'] },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    comment: { type: String, default: null },
    at: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * 会议纪要: one per meeting, generated when it is adjourned. The text lives in the Yjs document
 * `meeting:<id>:minutes` while it is a draft; publishing stores the final text, its ProseMirror
 * JSON, the SHA-256 of the text and the Yjs state, and locks the document.
 */
export const minutesSchema = new Schema(
  {
    meeting: { type: Schema.Types.ObjectId, ref: 'Meeting', required: true },
    alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', required: true },
    status: { type: String, required: true, enum: MinutesStatusSchema.options, default: 'draft' },
    generatedAt: { type: Date, required: true },
    /** Whether the generated content is in the Yjs document (set once it has been stored). */
    seeded: { type: Boolean, required: true, default: false },
    /** Until when one process holds the right to seed; a crashed attempt is retried after it. */
    seedLease: { type: Date, default: null },
    confirmations: { type: [confirmationSchema], default: [] },
    publishedAt: { type: Date, default: null },
    publishedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    text: { type: String, default: null },
    /** ProseMirror JSON, stored as a string so that MongoDB never reinterprets its keys. */
    docJson: { type: String, default: null },
    sha256: { type: String, default: null },
    ydocState: { type: Buffer, default: null },
    /** 发文字号: the alliance's Nth minutes of the year (China time), taken from the counter at publication. */
    docNumber: { type: new Schema({ year: Number, seq: Number }, { _id: false }), default: null },
    /** The 版头 as published: later changes to the alliance's settings do not reach a published record. */
    letterhead: { type: new Schema({ issuer: String, red: Boolean }, { _id: false }), default: null },
    /** 分送: the member units' names at publication, for the 版记. */
    distribution: { type: [String], default: undefined },
  },
  { timestamps: true },
);
// One set of minutes per meeting: the index, not a read-then-write check, makes generation idempotent.
minutesSchema.index({ meeting: 1 }, { unique: true });
export type MinutesDoc = InferSchemaType<typeof minutesSchema>;

/**
 * The 文号 counter: one document per alliance and year; publishing takes the next number with an
 * atomic `$inc` inside its transaction, so two publications never share a number and an aborted
 * one gives its number back.
 */
export const docNumberCounterSchema = new Schema({
  alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', required: true },
  year: { type: Number, required: true },
  seq: { type: Number, required: true, default: 0 },
});
docNumberCounterSchema.index({ alliance: 1, year: 1 }, { unique: true });
