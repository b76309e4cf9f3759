import { Schema, type InferSchemaType } from 'mongoose';
import { CHOICES } from '@tongxin/shared';

/**
 * One entry of a vote's hash chain (issue #17; the format is `shared/src/domain/voteRecord.ts`).
 * A named vote's entries are appended as ballots are cast and changed, each numbered by the vote's
 * own counter in the same transaction, so the unique (vote, seq) index can never see a fork. A
 * secret vote's entries are written once, at its close, in ballot-id order (see ballotChain.ts):
 * they hold a random ballot id and a commitment, never a voter, and their order and ids carry no
 * time.
 */
export const voteChainEntrySchema = new Schema(
  {
    vote: { type: Schema.Types.ObjectId, ref: 'Vote', required: true },
    seq: { type: Number, required: true },
    /** Named: the unit or user id the ballot counts for. */
    voter: { type: Schema.Types.ObjectId, default: undefined },
    choice: { type: String, enum: CHOICES, default: undefined },
    /** Named: the chair entered this ballot for the unit (举手/代投). */
    enteredByChair: { type: Boolean, default: undefined },
    /** Secret: a random id, unrelated to the participation receipt. */
    ballotId: { type: String, default: undefined },
    /** Secret: SHA-256 of the choice and a nonce only the voter holds until the close. */
    commitment: { type: String, default: undefined },
    prev: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { versionKey: false },
);
voteChainEntrySchema.index({ vote: 1, seq: 1 }, { unique: true });
export type VoteChainEntryDoc = InferSchemaType<typeof voteChainEntrySchema>;

/**
 * A secret ballot while its vote is open: its ballot id, choice and nonce, encrypted with the
 * server's key (AES-256-GCM, fixed length), stored in the ballot box's shuffled batch. Nothing in
 * the database can read it; at the close the server opens all of them, writes the chain in
 * ballot-id order with the openings published sorted, and deletes them.
 */
export const sealedBallotSchema = new Schema(
  {
    _id: { type: String, required: true },
    vote: { type: Schema.Types.ObjectId, ref: 'Vote', required: true },
    sealed: { type: Buffer, required: true },
  },
  { versionKey: false },
);
sealedBallotSchema.index({ vote: 1 });
export type SealedBallotDoc = InferSchemaType<typeof sealedBallotSchema>;
