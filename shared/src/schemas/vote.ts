import { z } from 'zod';
import { CHOICES, VOTE_THRESHOLDS } from '../domain/tally.js';
import { TallyVisibilitySchema } from './alliance.js';
import { IdSchema, multilineSchema, nameSchema, RefSchema } from './common.js';

export const ChoiceSchema = z.enum(CHOICES);
export const VoteBasisSchema = z.enum(['unit', 'member']);
export const ThresholdSchema = z.enum(VOTE_THRESHOLDS);
export const VoteOutcomeSchema = z.enum(['adopted', 'rejected', 'no_quorum']);
/** `cancelled`: the chair called off a vote opened by mistake; it counts nothing. */
export const VoteStatusSchema = z.enum(['open', 'closed', 'cancelled']);

/** Why a secret vote cannot let ballots change: nobody knows which choice to take back. */
export const BALLOT_CHANGE_NAMED_ONLY = 'only a named (记名) vote may let voters change their ballot';

/** The largest decision text a vote may carry (characters). */
export const MAX_DECISION_TEXT = 20_000;

export const VoteOpenSchema = z
  .object({
    meetingId: IdSchema,
    title: nameSchema(200),
    /** The exact text put to the vote, when it is not a frozen decision version. */
    text: multilineSchema(MAX_DECISION_TEXT).min(1).optional(),
    /** The decision voted on. With `version`, that frozen version's stored text is what is voted on. */
    decisionId: IdSchema.optional(),
    /** A frozen version (版本) of `decisionId`; the server takes its text and SHA-256. */
    version: z.number().int().min(1).optional(),
    /** Defaults to the alliance's voting defaults. */
    basis: VoteBasisSchema.optional(),
    threshold: ThresholdSchema.optional(),
    /** 无记名. Defaults to the alliance's voting defaults. */
    secret: z.boolean().optional(),
    /** `at_close`: only the turnout shows until the vote closes. Defaults to the alliance's. */
    tallyVisibility: TallyVisibilitySchema.optional(),
    /** Named votes only: voters may change their ballot while it is open. Defaults to the alliance's. */
    allowBallotChange: z.boolean().optional(),
    /** Closes by itself after this many seconds; the chair may close it earlier. */
    durationSeconds: z.number().int().min(1).max(24 * 3600).optional(),
  })
  .refine((v) => (v.text === undefined) !== (v.version === undefined), {
    message: 'give either the text or a frozen version of a decision',
    path: ['text'],
  })
  .refine((v) => v.version === undefined || v.decisionId !== undefined, {
    message: 'a version belongs to a decision: give decisionId',
    path: ['decisionId'],
  })
  .refine((v) => !(v.secret === true && v.allowBallotChange === true), {
    message: BALLOT_CHANGE_NAMED_ONLY,
    path: ['allowBallotChange'],
  });
export type VoteOpen = z.infer<typeof VoteOpenSchema>;

export const VoteCastSchema = z.object({
  voteId: IdSchema,
  choice: ChoiceSchema,
  /** Unit basis: the unit this ballot speaks for, when the voter holds more than one (委托). */
  unitId: IdSchema.optional(),
});
export type VoteCast = z.infer<typeof VoteCastSchema>;

/**
 * 举手/代投: the chair records the ballot of a present unit that has no device — a show of hands,
 * or a unit checked in on its behalf (代签). Named, unit-basis votes only; the record says the
 * chair entered it.
 */
export const VoteEnterForUnitSchema = z.object({
  voteId: IdSchema,
  /** The present voting unit whose ballot this is. */
  unitId: IdSchema,
  choice: ChoiceSchema,
});
export type VoteEnterForUnit = z.infer<typeof VoteEnterForUnitSchema>;

export const VoteRefSchema = z.object({ voteId: IdSchema });

/** The chair calls off a vote opened by mistake (取消表决), before or after ballots; it counts nothing. */
export const VoteCancelSchema = z.object({
  voteId: IdSchema,
  reason: multilineSchema(500).min(2),
});
export type VoteCancel = z.infer<typeof VoteCancelSchema>;

export const CountsSchema = z.object({ for: z.number().int(), against: z.number().int(), abstain: z.number().int() });

export const QuorumSchema = z.object({
  basis: VoteBasisSchema,
  fraction: z.number(),
  eligible: z.number().int(),
  present: z.number().int(),
  required: z.number().int(),
  reached: z.boolean(),
});
export type QuorumView = z.infer<typeof QuorumSchema>;

/** The live count. `counts` is absent while a secret vote, or one counted at close, is open: turnout only. */
export const TallySchema = z.object({
  voteId: IdSchema,
  turnout: z.number().int(),
  eligible: z.number().int(),
  counts: CountsSchema.optional(),
  /**
   * Voter keys (unit or user ids) that have cast a ballot: who took part, never how. With the
   * attendance it gives the chair the present units that have not voted yet (未投票单位).
   */
  voted: z.array(IdSchema).default([]),
});
export type Tally = z.infer<typeof TallySchema>;

export const VoteViewSchema = z.object({
  id: IdSchema,
  meeting: IdSchema,
  title: z.string(),
  text: z.string(),
  textSha256: z.string(),
  decision: IdSchema.nullable(),
  /** The frozen decision version voted on, when there is one. */
  decisionVersion: z.number().int().nullable(),
  basis: VoteBasisSchema,
  threshold: ThresholdSchema,
  secret: z.boolean(),
  tallyVisibility: TallyVisibilitySchema,
  allowBallotChange: z.boolean(),
  status: VoteStatusSchema,
  openedAt: z.string(),
  closesAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  quorumAtOpen: QuorumSchema,
  tally: TallySchema,
  /** Set once closed. */
  result: z
    .object({
      outcome: VoteOutcomeSchema,
      counts: CountsSchema,
      quorum: QuorumSchema,
      closedBy: z.enum(['chair', 'timer']),
      /** How many of the ballots counted the chair entered for a unit (举手/代投). */
      enteredByChair: z.number().int().default(0),
    })
    .nullable(),
  /** Set when the chair cancelled the vote: why, by whom, when. */
  cancellation: z.object({ reason: z.string(), by: RefSchema.nullable(), at: z.string() }).nullable(),
  /** Once the vote has ended: its hash chain's head and length, published with the result (核验). */
  record: z.object({ head: z.string(), length: z.number().int() }).nullable().optional(),
  /**
   * Named votes: who voted which way (unit or member name), once the count may be seen. Never
   * present for a secret vote.
   */
  ballots: z
    .array(
      z.object({
        voter: z.string(),
        voterName: z.string(),
        choice: ChoiceSchema,
        /** The chair entered this unit's ballot (举手/代投). */
        enteredByChair: z.boolean().optional(),
      }),
    )
    .optional(),
  /** Voter keys (unit or user ids) the viewer has cast a ballot for. */
  castByMe: z.array(IdSchema),
});
export type VoteView = z.infer<typeof VoteViewSchema>;

/**
 * What a voter keeps from casting (the "核验" detail of a ballot). `code` is what the verifier
 * takes: a named ballot's entry hash (64 hex), or a secret ballot's id followed by its nonce
 * (32 + 64 hex), which only the voter holds until the vote closes.
 */
export const ChainReceiptSchema = z.object({
  code: z.string(),
  /** Named votes: the entry's position and hash, known when the ballot is stored. */
  seq: z.number().int().optional(),
  hash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  /** Secret votes: the ballot id and the nonce of the commitment (the chain is sealed at close). */
  ballotId: z.string().regex(/^[0-9a-f]{32}$/).optional(),
  nonce: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  commitment: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type ChainReceipt = z.infer<typeof ChainReceiptSchema>;

export const BallotReceiptSchema = z.object({
  voteId: IdSchema,
  /**
   * A random value: an open vote's ballot id; for a secret vote, proof of taking part, kept with
   * the participation record and never with the choice.
   */
  receipt: z.string(),
  voter: IdSchema,
  choice: ChoiceSchema,
  /** The ballot's place in the vote's hash chain, to check against the record once it ends (核验). */
  record: ChainReceiptSchema.optional(),
});
export type BallotReceipt = z.infer<typeof BallotReceiptSchema>;
