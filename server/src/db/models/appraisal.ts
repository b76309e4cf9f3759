import { Schema, type InferSchemaType } from 'mongoose';
import { APPRAISAL_SCALES, APPRAISAL_SECRECY, APPRAISAL_STATUSES, EVALUATOR_GROUPS } from '@tongxin/shared';

const criterionSchema = new Schema(
  {
    key: { type: String, required: true },
    label: { type: String, required: true },
    weight: { type: Number, required: true },
  },
  { _id: false },
);

/** One report's result as computed at close (see shared domain/appraisalScore.ts). */
const resultSchema = new Schema(
  {
    reporter: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
    score: { type: Number, default: null },
    byGroup: { units: { type: Number, default: null }, public: { type: Number, default: null } },
    byCriterion: { type: Schema.Types.Mixed, default: {} },
    counts: { units: { type: Number, default: 0 }, public: { type: Number, default: 0 } },
    /** Named sessions only: who gave what (unit names and link labels as they were at close). */
    named: {
      type: [
        new Schema(
          {
            evaluator: String,
            group: { type: String, enum: EVALUATOR_GROUPS },
            score: Number,
            comment: { type: String, default: '' },
          },
          { _id: false },
        ),
      ],
      default: undefined,
    },
  },
  { _id: false },
);

/** 述职评议: a session where units report and member units and public representatives score. */
export const appraisalSchema = new Schema(
  {
    alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', required: true },
    title: { type: String, required: true, trim: true },
    /** The evaluation period it counts in (2026-Q4, 2026-10, 2026). */
    period: { type: String, required: true },
    meeting: { type: Schema.Types.ObjectId, ref: 'Meeting', default: null },
    /** The agenda item it became in that meeting, when the meeting was still being prepared. */
    agendaItemId: { type: String, default: null },
    scale: { type: String, required: true, enum: APPRAISAL_SCALES },
    secrecy: { type: String, required: true, enum: APPRAISAL_SECRECY },
    criteria: { type: [criterionSchema], required: true },
    aggregation: {
      method: { type: String, required: true, enum: ['mean', 'trimmedMean'] },
      trim: { type: Number, required: true, default: 0 },
      weights: { units: { type: Number, required: true }, public: { type: Number, required: true } },
    },
    /** The reporting units (述职单位), in order. */
    reporters: [{ type: Schema.Types.ObjectId, ref: 'Unit', required: true }],
    status: { type: String, required: true, enum: APPRAISAL_STATUSES, default: 'draft' },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    openedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    /** Scorings stored: each one writes here in its transaction, so it and the close cannot cross. */
    scorings: { type: Number, default: 0 },
    /** Snapshot at close: later edits of units or links do not move a closed session's figures. */
    results: { type: [resultSchema], default: null },
  },
  { timestamps: true },
);
appraisalSchema.index({ alliance: 1, createdAt: -1 });
appraisalSchema.index({ alliance: 1, period: 1, status: 1 });
export type AppraisalDoc = InferSchemaType<typeof appraisalSchema>;

/**
 * One evaluator's score of one report. A member unit scores once per report (its representative
 * acts for it); a public representative once per report per link. Secret sessions keep who
 * scored for that uniqueness only: no view shows it.
 */
export const appraisalScoreSchema = new Schema({
  appraisal: { type: Schema.Types.ObjectId, ref: 'Appraisal', required: true },
  reporter: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
  evaluator: {
    group: { type: String, required: true, enum: EVALUATOR_GROUPS },
    unit: { type: Schema.Types.ObjectId, ref: 'Unit', default: undefined },
    link: { type: Schema.Types.ObjectId, ref: 'AppraisalLink', default: undefined },
  },
  /** Criterion key → grade or 0–100. */
  scores: { type: Schema.Types.Mixed, required: true },
  comment: { type: String, default: '' },
  /** The representative who submitted for a unit; none for a link. */
  by: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  at: { type: Date, required: true },
});
appraisalScoreSchema.index(
  { appraisal: 1, reporter: 1, 'evaluator.unit': 1 },
  { unique: true, partialFilterExpression: { 'evaluator.group': 'units' } },
);
appraisalScoreSchema.index(
  { appraisal: 1, reporter: 1, 'evaluator.link': 1 },
  { unique: true, partialFilterExpression: { 'evaluator.group': 'public' } },
);
export type AppraisalScoreDoc = InferSchemaType<typeof appraisalScoreSchema>;

/**
 * A public representative's single-use link. Only the SHA-256 of the token is stored; the token
 * itself is shown once, in the answer that made it.
 */
export const appraisalLinkSchema = new Schema({
  appraisal: { type: Schema.Types.ObjectId, ref: 'Appraisal', required: true },
  label: { type: String, required: true },
  tokenHash: { type: String, required: true, unique: true },
  expiresAt: { type: Date, required: true },
  usedAt: { type: Date, default: null },
  revokedAt: { type: Date, default: null },
  createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  createdAt: { type: Date, required: true },
});
appraisalLinkSchema.index({ appraisal: 1, createdAt: 1 });
export type AppraisalLinkDoc = InferSchemaType<typeof appraisalLinkSchema>;
