import { Schema, type InferSchemaType } from 'mongoose';
import { PERIOD_KINDS, RATING_METHODS, RATING_STATUSES } from '@tongxin/shared';

const user = { type: Schema.Types.ObjectId, ref: 'User', required: true };

/** The rules a publication was made under (see `RatingRulesSchema`). */
const rulesSchema = new Schema(
  {
    period: { type: String, enum: PERIOD_KINDS, required: true },
    method: { type: String, enum: RATING_METHODS, required: true },
    pointsWeight: { type: Number, required: true },
    appraisalWeight: { type: Number, required: true },
    thresholds: { type: [Number], required: true },
    rankShares: { type: [Number], required: true },
  },
  { _id: false },
);

/** A secretary's 调整: other stars than the rules give, with the reason the unit will read. */
const adjustmentSchema = new Schema(
  {
    unit: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
    stars: { type: Number, min: 1, max: 5, required: true },
    reason: { type: String, required: true },
    by: user,
    at: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * One unit's line as published: names and figures frozen, so the published result (and its
 * letters) never change when points, names or rules change afterwards.
 */
const rowSchema = new Schema(
  {
    unit: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
    unitName: { type: String, required: true },
    points: { type: Number, required: true },
    /** Points by criterion (after caps), for the letter's breakdown. */
    byCriterion: { type: Schema.Types.Mixed, default: {} },
    appraisal: { type: Number, default: null },
    composite: { type: Number, required: true },
    rank: { type: Number, required: true },
    computedStars: { type: Number, required: true },
    stars: { type: Number, required: true },
    adjustment: {
      type: new Schema(
        { stars: Number, reason: String, by: { type: Schema.Types.ObjectId, ref: 'User' }, byName: String, at: Date },
        { _id: false },
      ),
      default: null,
    },
  },
  { _id: false },
);

const publicationFields = {
  rows: { type: [rowSchema], required: true },
  rules: { type: rulesSchema, required: true },
  at: { type: Date, required: true },
  by: user,
  note: { type: String, default: '' },
};

/**
 * 星级评定 of one alliance for one period (2026-Q4). Created when a secretary first adjusts or
 * publishes; until then the period is open and computed live. A published period is locked: its
 * snapshot is what everyone sees until a secretary reopens it (with a reason), which keeps the
 * snapshot in `history` and makes the next publication version n + 1.
 */
export const ratingPeriodSchema = new Schema(
  {
    alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', required: true },
    period: { type: String, required: true },
    status: { type: String, enum: RATING_STATUSES, required: true, default: 'open' },
    /** The version the current (or next) publication carries: 1 until the first reopening. */
    version: { type: Number, required: true, default: 1 },
    /** Counts adjustments: a publication is refused when an adjustment landed after it read them. */
    revision: { type: Number, default: 0 },
    adjustments: { type: [adjustmentSchema], default: [] },
    published: { type: new Schema(publicationFields, { _id: false }), default: null },
    /** Earlier publications, oldest first, each with the reason it was reopened. */
    history: {
      type: [
        new Schema(
          {
            version: { type: Number, required: true },
            ...publicationFields,
            reopenReason: { type: String, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
  },
  { timestamps: true },
);
ratingPeriodSchema.index({ alliance: 1, period: 1 }, { unique: true });
export type RatingPeriodDoc = InferSchemaType<typeof ratingPeriodSchema>;
