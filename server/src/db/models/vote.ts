import { Schema, type InferSchemaType } from 'mongoose';
import { CHOICES, VOTE_THRESHOLDS } from '@tongxin/shared';

const quorumSchema = new Schema(
  {
    basis: { type: String, required: true },
    fraction: { type: Number, required: true },
    eligible: { type: Number, required: true },
    present: { type: Number, required: true },
    required: { type: Number, required: true },
    reached: { type: Boolean, required: true },
  },
  { _id: false },
);
const countsSchema = new Schema(
  { for: { type: Number, required: true }, against: { type: Number, required: true }, abstain: { type: Number, required: true } },
  { _id: false },
);

/** 表决: a question put to the meeting on an exact, hashed text. */
export const voteSchema = new Schema(
  {
    meeting: { type: Schema.Types.ObjectId, ref: 'Meeting', required: true },
    alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', required: true },
    decision: { type: Schema.Types.ObjectId, ref: 'Decision', default: null },
    /** The frozen DecisionVersion number voted on; its text and hash are copied into this vote. */
    decisionVersion: { type: Number, default: null },
    title: { type: String, required: true },
    text: { type: String, required: true },
    textSha256: { type: String, required: true },
    basis: { type: String, required: true, enum: ['unit', 'member'] },
    threshold: { type: String, required: true, enum: VOTE_THRESHOLDS },
    secret: { type: Boolean, required: true },
    /** `live`: counts show while open; `at_close`: turnout only until closed (like a secret vote). */
    tallyVisibility: { type: String, required: true, enum: ['live', 'at_close'], default: 'live' },
    /** Named votes only: a voter may change their ballot while the vote is open; the last one counts. */
    allowBallotChange: { type: Boolean, required: true, default: false },
    status: { type: String, required: true, enum: ['open', 'closed', 'cancelled'], default: 'open' },
    /** Who may vote, fixed at opening: unit ids or user ids depending on the basis. */
    eligible: { type: Number, required: true },
    openedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    openedAt: { type: Date, required: true },
    closesAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    quorumAtOpen: { type: quorumSchema, required: true },
    /**
     * A secret vote's running totals per choice, and the only place its choices are kept: no
     * ballot document exists that storage order, an index or a backup could pair with a voter.
     * Absent until the first ballot; open votes count their named ballots instead.
     */
    secretCounts: { type: countsSchema, default: undefined },
    /**
     * The hash chain of its ballots (see VoteChainEntry): how many entries and the last one's hash.
     * A named vote's grow with each ballot in the ballot's transaction; a secret vote's are written
     * at its close. Fixed once the vote is closed or cancelled, and published with the result.
     */
    chainLength: { type: Number, default: 0 },
    chainHead: { type: String, default: null },
    /**
     * A closed secret vote's openings (choice, nonce), sorted by choice then nonce — not in chain
     * order — so anyone can recount it and nobody can pair one with a voter.
     */
    secretOpenings: {
      type: [new Schema({ choice: { type: String, required: true, enum: CHOICES }, nonce: { type: String, required: true } }, { _id: false })],
      default: undefined,
    },
    /** The chair cancelled the vote (opened by mistake): it counts nothing. */
    cancellation: {
      type: new Schema(
        { reason: { type: String, required: true }, by: { type: Schema.Types.ObjectId, ref: 'User' }, at: { type: Date, required: true } },
        { _id: false },
      ),
      default: null,
    },
    result: {
      type: new Schema(
        {
          outcome: { type: String, required: true, enum: ['adopted', 'rejected', 'no_quorum'] },
          counts: { type: countsSchema, required: true },
          quorum: { type: quorumSchema, required: true },
          closedBy: { type: String, required: true, enum: ['chair', 'timer'] },
          /** Of the ballots counted, how many the chair entered for a unit (举手/代投). */
          enteredByChair: { type: Number, default: 0 },
        },
        { _id: false },
      ),
      default: null,
    },
  },
  { timestamps: true },
);
voteSchema.index({ meeting: 1, openedAt: 1 });
voteSchema.index({ status: 1, closesAt: 1 });
export type VoteDoc = InferSchemaType<typeof voteSchema>;

/**
 * That a voter took part, never how. The unique index on (vote, voter) is what makes a second
 * ballot impossible — from another tab, another device or through a proxy — without a
 * read-then-write race. `voter` is a unit id (unit basis) or a user id (member basis).
 */
export const voteParticipationSchema = new Schema({
  vote: { type: Schema.Types.ObjectId, ref: 'Vote', required: true },
  voter: { type: Schema.Types.ObjectId, required: true },
  castBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  viaProxy: { type: Boolean, required: true, default: false },
  /**
   * The chair recorded this unit's ballot (举手/代投): the unit was present without a device of its
   * own, and `castBy` is the chair.
   */
  enteredByChair: { type: Boolean },
  /** A secret vote's receipt: it proves that the voter took part, and says nothing of the choice. */
  receipt: { type: String },
});
voteParticipationSchema.index({ vote: 1, voter: 1 }, { unique: true });
export type VoteParticipationDoc = InferSchemaType<typeof voteParticipationSchema>;

/**
 * A named ballot of an open (recorded, 记名) vote: who chose what is the record itself. Its id is
 * the random receipt. A secret vote writes none (see `Vote.secretCounts`); ballots without a
 * voter are left from before, and `foldLegacySecretBallots` turns them into counts at start.
 */
export const ballotSchema = new Schema(
  {
    _id: { type: String, required: true },
    vote: { type: Schema.Types.ObjectId, ref: 'Vote', required: true },
    choice: { type: String, required: true, enum: CHOICES },
    voter: { type: Schema.Types.ObjectId, default: undefined },
    /** When the voter last changed it (改投); the audit keeps every choice it held. */
    changedAt: { type: Date, default: undefined },
  },
  { versionKey: false },
);
ballotSchema.index({ vote: 1, choice: 1 });
// An open vote's ballots are unique per voter too, a second line behind the participation index.
ballotSchema.index({ vote: 1, voter: 1 }, { unique: true, partialFilterExpression: { voter: { $exists: true } } });
export type BallotDoc = InferSchemaType<typeof ballotSchema>;
