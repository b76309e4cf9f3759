import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { ClientSession, Types } from 'mongoose';
import {
  CHOICES,
  commitmentOf,
  genesisHash,
  namedEntryHash,
  secretEntryHash,
  secretReceiptCode,
  sortOpenings,
  type ChainReceipt,
  type Choice,
  type Opening,
  type VoteThreshold,
} from '@tongxin/shared';
import type { Models } from '../db/models/index.js';
import { AppError } from '../errors.js';

/*
 * 表决记录的哈希链 (issue #17). Each ballot of a vote becomes an entry of a hash chain whose
 * head is fixed when the vote ends and published with its result; `GET /api/votes/:id/record.json`
 * exports it, and the verifier (the `tongxin-verify` command, the /verify page) recomputes it.
 *
 * Named votes: an entry per ballot and per change (改投), appended in the transaction that stores
 * the ballot (ballots arriving together share one, see NamedBallotBox); the numbers come from
 * `$inc` on the vote's counter in that transaction, so two transactions at once conflict and one
 * is retried rather than both taking the same places.
 *
 * Secret votes keep the ballot box's promise that nothing stored pairs a voter with a choice. If
 * the chain were written as ballots arrive, its order would be their arrival order, and the
 * openings published at the close (needed so anyone can recount) would tell, for every entry,
 * how its ballot went — anyone who knows who voted when (the audit log) could pair them. So while
 * the vote is open a ballot is stored only sealed (encrypted with the server's key, fixed length,
 * in the shuffled batch): no choice, no commitment, nothing the database can read. At the close
 * the server opens the seals, writes the chain in the order of the ballots' random ids, publishes
 * the openings sorted by choice and nonce, and deletes the seals. The voter's receipt (ballot id
 * and nonce) is given at casting and checks out against the record after the close.
 */

interface VoteHeaderFacts {
  _id: Types.ObjectId;
  title: string;
  textSha256: string;
  threshold: string;
  basis: string;
  secret: boolean;
  openedAt: Date;
}

export function voteGenesis(v: VoteHeaderFacts): string {
  return genesisHash({
    id: String(v._id),
    title: v.title,
    textSha256: v.textSha256,
    threshold: v.threshold as VoteThreshold,
    basis: v.basis as 'unit' | 'member',
    secret: v.secret,
    openedAt: v.openedAt.toISOString(),
  });
}

const HEADER = { title: 1, textSha256: 1, threshold: 1, basis: 1, secret: 1, openedAt: 1, chainLength: 1, chainHead: 1 } as const;

/** A named ballot (or a change of one) to enter in its vote's chain. */
export interface NamedEntry {
  voter: Types.ObjectId;
  choice: Choice;
  enteredByChair: boolean;
}

/**
 * Appends named ballots (or changes of them) to their vote's chain, in the order given, inside the
 * caller's transaction; the vote must still be open. One `$inc` moves the counter by all of them,
 * so a batch of ballots costs the vote document two writes, not two per ballot. Returns each
 * voter's receipt, in the same order: the entry's place and hash.
 */
export async function appendNamedEntries(
  models: Models,
  session: ClientSession,
  vote: Types.ObjectId,
  entries: NamedEntry[],
): Promise<ChainReceipt[]> {
  if (entries.length === 0) return [];
  const before = await models.Vote.findOneAndUpdate(
    { _id: vote, status: 'open' },
    { $inc: { chainLength: entries.length } },
    { session, returnDocument: 'before', projection: HEADER, timestamps: false },
  ).lean();
  if (!before) throw new AppError('INVALID_STATE', 'the vote is closed');
  let seq = before.chainLength ?? 0;
  let prev = before.chainHead ?? voteGenesis(before);
  const rows = entries.map((entry) => {
    const fields = { seq: ++seq, prev, voter: String(entry.voter), choice: entry.choice, enteredByChair: entry.enteredByChair };
    const hash = namedEntryHash(String(vote), fields);
    prev = hash;
    return { vote, ...fields, voter: entry.voter, hash };
  });
  // Through the driver: plain rows built here, typed as stored; mongoose's casting and
  // validation of each one showed in the profile of a 500-ballot burst.
  await models.VoteChainEntry.collection.insertMany(rows, { session });
  await models.Vote.updateOne({ _id: vote }, { $set: { chainHead: prev } }, { session, timestamps: false });
  return rows.map((r) => ({ code: r.hash, seq: r.seq, hash: r.hash }));
}

/** Appends one named ballot (or a change of one): `appendNamedEntries` with one entry. */
export async function appendNamedEntry(
  models: Models,
  session: ClientSession,
  entry: NamedEntry & { vote: Types.ObjectId },
): Promise<ChainReceipt> {
  const [receipt] = await appendNamedEntries(models, session, entry.vote, [entry]);
  return receipt!;
}

/** What a secret voter takes away: a random ballot id and the nonce of the commitment. */
export function newSecretBallot(choice: Choice): { ballotId: string; nonce: string; receipt: ChainReceipt } {
  const ballotId = randomBytes(16).toString('hex');
  const nonce = randomBytes(32).toString('hex');
  return {
    ballotId,
    nonce,
    receipt: { code: secretReceiptCode(ballotId, nonce), ballotId, nonce, commitment: commitmentOf(choice, nonce) },
  };
}

const keys = new WeakMap<Models, Buffer>();

/**
 * The key secret ballots are sealed with while their vote is open, derived from the server's
 * SESSION_SECRET (never stored in the database). Without one configured a process makes its own:
 * ballots sealed by an earlier process then cannot be opened at the close, and the record shows
 * it (the verifier finds the count short) rather than hiding it.
 */
export function setBallotSealSecret(models: Models, secret: string): void {
  keys.set(models, createHmac('sha256', secret).update('tongxin/ballot-seal/1').digest());
}

function sealKey(models: Models): Buffer {
  let key = keys.get(models);
  if (!key) keys.set(models, (key = randomBytes(32)));
  return key;
}

/** ballot id (16 bytes) ‖ nonce (32 bytes) ‖ choice index (1 byte): the same length whatever the choice. */
export function sealBallot(models: Models, b: { ballotId: string; nonce: string; choice: Choice }): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(models), iv);
  const plain = Buffer.concat([Buffer.from(b.ballotId, 'hex'), Buffer.from(b.nonce, 'hex'), Buffer.from([CHOICES.indexOf(b.choice)])]);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function openSeal(models: Models, sealed: Buffer): { ballotId: string; nonce: string; choice: Choice } | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKey(models), sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
    const choice = CHOICES[plain[48] ?? -1];
    if (plain.length !== 49 || !choice) return null;
    return { ballotId: plain.subarray(0, 16).toString('hex'), nonce: plain.subarray(16, 48).toString('hex'), choice };
  } catch {
    return null;
  }
}

/**
 * At a secret vote's close (or cancellation), inside that transaction: opens the seals, writes
 * the chain in ballot-id order and deletes the seals. Returns what the vote document keeps: the
 * head, the length, the openings (sorted) — and how many seals could not be opened.
 */
export async function sealSecretChain(
  models: Models,
  session: ClientSession,
  vote: VoteHeaderFacts,
): Promise<{ chainHead: string; chainLength: number; openings: Opening[]; unreadable: number }> {
  const sealed = await models.SealedBallot.find({ vote: vote._id }, { sealed: 1 }, { session }).lean();
  const opened = sealed.map((s) => openSeal(models, Buffer.from(s.sealed.buffer ?? s.sealed)));
  const ballots = opened.filter((b) => b !== null).sort((a, b) => (a.ballotId < b.ballotId ? -1 : 1));
  const voteId = String(vote._id);
  let prev = voteGenesis(vote);
  const entries = ballots.map((b, i) => {
    const fields = { seq: i + 1, prev, ballotId: b.ballotId, commitment: commitmentOf(b.choice, b.nonce) };
    const hash = secretEntryHash(voteId, fields);
    prev = hash;
    return { vote: vote._id, ...fields, hash };
  });
  if (entries.length > 0) await models.VoteChainEntry.insertMany(entries, { session });
  await models.SealedBallot.deleteMany({ vote: vote._id }, { session });
  return {
    chainHead: prev,
    chainLength: entries.length,
    openings: sortOpenings(ballots.map((b) => ({ choice: b.choice, nonce: b.nonce }))),
    unreadable: opened.length - ballots.length,
  };
}

/** A named vote's head as it stands (the genesis before any ballot), to fix at its close. */
export function namedChainHead(vote: VoteHeaderFacts & { chainHead?: string | null; chainLength?: number | null }) {
  return { chainHead: vote.chainHead ?? voteGenesis(vote), chainLength: vote.chainLength ?? 0 };
}

/**
 * Fixes a vote's chain as it ends, inside the closing (or cancelling) transaction, on the vote
 * document just updated (which it keeps in step): a named vote's head as it stands, the genesis
 * if nobody voted; a secret vote's chain written from its seals, with its openings when closed.
 */
export async function fixChainAtEnd(
  models: Models,
  session: ClientSession,
  vote: VoteHeaderFacts & { chainHead?: string | null; chainLength?: number | null; set(path: string, value: unknown): unknown },
  options: { publishOpenings: boolean },
): Promise<void> {
  let $set: Record<string, unknown>;
  if (vote.secret) {
    const chain = await sealSecretChain(models, session, vote);
    $set = { chainHead: chain.chainHead, chainLength: chain.chainLength };
    if (options.publishOpenings) $set.secretOpenings = chain.openings;
  } else {
    $set = namedChainHead(vote);
  }
  await models.Vote.updateOne({ _id: vote._id }, { $set }, { session, timestamps: false });
  for (const [path, value] of Object.entries($set)) vote.set(path, value);
}
