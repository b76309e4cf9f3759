import { z } from 'zod';
import { ChoiceSchema, CountsSchema, ThresholdSchema, VoteBasisSchema, VoteOutcomeSchema } from './vote.js';

/** The record format's name and version; a verifier refuses any other. */
export const VOTE_RECORD_FORMAT = 'tongxin/vote-record/1';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex');
const Hex32 = z.string().regex(/^[0-9a-f]{32}$/, '16 random bytes in lowercase hex');

/** What a vote's chain starts from: its genesis hash is the SHA-256 of these fields (see voteRecord.ts). */
export const VoteRecordHeaderSchema = z.object({
  id: z.string().min(1),
  meetingId: z.string().min(1),
  title: z.string(),
  /** The exact text voted on; its SHA-256 is `textSha256`. */
  text: z.string(),
  textSha256: Hex64,
  threshold: ThresholdSchema,
  basis: VoteBasisSchema,
  secret: z.boolean(),
  /** ISO 8601 with milliseconds, UTC (`2026-03-05T06:30:00.000Z`). */
  openedAt: z.string(),
  status: z.enum(['closed', 'cancelled']),
  closedAt: z.string().nullable(),
});
export type VoteRecordHeader = z.infer<typeof VoteRecordHeaderSchema>;

/** A named (记名) ballot: who, what, and whether the chair entered it for the voter (代投). */
export const NamedEntrySchema = z.object({
  seq: z.number().int().min(1),
  /** The unit id (unit basis) or user id (member basis) the ballot counts for. */
  voter: z.string().min(1),
  /** For people reading the record; not hashed. */
  voterName: z.string().optional(),
  choice: ChoiceSchema,
  enteredByChair: z.boolean(),
  prev: Hex64,
  hash: Hex64,
});
export type NamedEntry = z.infer<typeof NamedEntrySchema>;

/** A secret (无记名) ballot: a random ballot id and a commitment to the choice, never a voter. */
export const SecretEntrySchema = z.object({
  seq: z.number().int().min(1),
  ballotId: Hex32,
  commitment: Hex64,
  prev: Hex64,
  hash: Hex64,
});
export type SecretEntry = z.infer<typeof SecretEntrySchema>;

/** What opens one commitment: SHA-256 of (choice, nonce) as encoded in voteRecord.ts. */
export const OpeningSchema = z.object({ choice: ChoiceSchema, nonce: Hex64 });
export type Opening = z.infer<typeof OpeningSchema>;

export const VoteRecordSchema = z.object({
  format: z.literal(VOTE_RECORD_FORMAT),
  vote: VoteRecordHeaderSchema,
  /** SHA-256 of the header: the `prev` of entry 1. */
  genesis: Hex64,
  entries: z.array(z.union([NamedEntrySchema, SecretEntrySchema])),
  /** The last entry's hash (the genesis when no ballot was cast), fixed when the vote ended. */
  head: Hex64,
  length: z.number().int().min(0),
  /**
   * A closed secret vote's openings, sorted by choice then nonce — not in chain order — so each
   * opens exactly one commitment and the count can be redone without pairing any with a voter.
   */
  openings: z.array(OpeningSchema).optional(),
  /** A closed vote's result as the server stored it; null when cancelled. */
  result: z
    .object({
      outcome: VoteOutcomeSchema,
      counts: CountsSchema,
      quorum: z.object({ eligible: z.number().int(), present: z.number().int(), required: z.number().int(), reached: z.boolean() }),
    })
    .nullable(),
  /** The chair cancelled the vote: it counts nothing. */
  cancellation: z.object({ reason: z.string(), at: z.string() }).nullable(),
});
export type VoteRecord = z.infer<typeof VoteRecordSchema>;
