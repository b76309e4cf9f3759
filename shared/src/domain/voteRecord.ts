import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import {
  VoteRecordSchema,
  type NamedEntry,
  type Opening,
  type SecretEntry,
  type VoteRecord,
  type VoteRecordHeader,
} from '../schemas/voteRecord.js';
import { CHOICES, emptyCounts, voteOutcome, type Choice, type Counts, type VoteThreshold } from './tally.js';

/*
 * The record of a vote as a hash chain (issue #17), pure so that the server, the browser and the
 * offline command compute it with the same code — and so that another implementation can follow
 * docs/api.md and get the same bytes:
 *
 *   every hash is SHA-256, written as 64 lowercase hex digits;
 *   what is hashed is the UTF-8 bytes of a JSON array, written as JSON.stringify writes it
 *   (no spaces; strings escape only `"`, `\` and control characters; numbers as integers;
 *   true/false), whose first element names what it is:
 *
 *   genesis    = H(["tongxin/vote-header/1", voteId, title, textSha256, threshold, basis, secret, openedAt])
 *   named      = H(["tongxin/vote-entry/1", voteId, seq, prev, voter, choice, enteredByChair])
 *   secret     = H(["tongxin/vote-secret-entry/1", voteId, seq, prev, ballotId, commitment])
 *   commitment = H(["tongxin/vote-commitment/1", choice, nonce])
 *
 * Entry 1's prev is the genesis; entry n's prev is entry n−1's hash; the head is the last hash
 * (the genesis when nobody voted).
 */

export function sha256Hex(input: string | Uint8Array): string {
  return bytesToHex(sha256(typeof input === 'string' ? utf8ToBytes(input) : input));
}

function hashOf(fields: readonly (string | number | boolean)[]): string {
  return sha256Hex(JSON.stringify(fields));
}

export type HeaderFields = Pick<VoteRecordHeader, 'id' | 'title' | 'textSha256' | 'threshold' | 'basis' | 'secret' | 'openedAt'>;

export function genesisHash(h: HeaderFields): string {
  return hashOf(['tongxin/vote-header/1', h.id, h.title, h.textSha256, h.threshold, h.basis, h.secret, h.openedAt]);
}

export function namedEntryHash(voteId: string, e: Pick<NamedEntry, 'seq' | 'prev' | 'voter' | 'choice' | 'enteredByChair'>): string {
  return hashOf(['tongxin/vote-entry/1', voteId, e.seq, e.prev, e.voter, e.choice, e.enteredByChair]);
}

export function secretEntryHash(voteId: string, e: Pick<SecretEntry, 'seq' | 'prev' | 'ballotId' | 'commitment'>): string {
  return hashOf(['tongxin/vote-secret-entry/1', voteId, e.seq, e.prev, e.ballotId, e.commitment]);
}

export function commitmentOf(choice: Choice, nonce: string): string {
  return hashOf(['tongxin/vote-commitment/1', choice, nonce]);
}

/** Openings are published in this order, which says nothing of the chain's. */
export function sortOpenings(openings: Opening[]): Opening[] {
  const rank = (c: Choice) => CHOICES.indexOf(c);
  return [...openings].sort((a, b) => rank(a.choice) - rank(b.choice) || (a.nonce < b.nonce ? -1 : a.nonce > b.nonce ? 1 : 0));
}

/** A secret ballot's receipt code: its ballot id, then its nonce. */
export function secretReceiptCode(ballotId: string, nonce: string): string {
  return `${ballotId}${nonce}`;
}

export const RECORD_CHECKS = ['format', 'text', 'genesis', 'chain', 'head', 'openings', 'tally', 'outcome', 'receipt'] as const;
export type RecordCheck = (typeof RECORD_CHECKS)[number];

/** What went wrong, as a key of the `verify.problems` catalogue. */
export type RecordProblem =
  | 'notRecord'
  | 'textHash'
  | 'genesis'
  | 'seq'
  | 'prev'
  | 'hash'
  | 'entryKind'
  | 'head'
  | 'length'
  | 'duplicateBallot'
  | 'openingUnmatched'
  | 'commitmentUnopened'
  | 'openingsCancelled'
  | 'counts'
  | 'resultCancelled'
  | 'outcome'
  | 'receiptFormat'
  | 'receiptNotFound'
  | 'receiptMismatch'
  | 'receiptNotOpened';

/** What passed, as a key of the `verify.passed` catalogue. */
export type RecordPass =
  | 'format'
  | 'text'
  | 'genesis'
  | 'chain'
  | 'head'
  | 'openings'
  | 'openingsCancelled'
  | 'tally'
  | 'tallyCancelled'
  | 'outcome'
  | 'outcomeCancelled'
  | 'receiptNamed'
  | 'receiptSuperseded'
  | 'receiptSecret';

export type CheckParams = Record<string, string | number>;

export type CheckResult =
  | { check: RecordCheck; ok: true; pass: RecordPass; params: CheckParams }
  | { check: RecordCheck; ok: false; problem: RecordProblem; params: CheckParams };

export interface RecordReport {
  /** Every check passed (and the receipt, when one was given). */
  ok: boolean;
  /** In order; the first failure ends the list: what follows it rests on what failed. */
  checks: CheckResult[];
  /** The first failure, named. */
  firstProblem: Extract<CheckResult, { ok: false }> | null;
  record: VoteRecord | null;
  /** The count redone from the entries (the last entry per voter; a secret vote's openings). */
  counts: Counts | null;
}

class Stop extends Error {
  constructor(readonly result: Extract<CheckResult, { ok: false }>) {
    super(result.problem);
  }
}

const fail = (check: RecordCheck, problem: RecordProblem, params: CheckParams = {}): never => {
  throw new Stop({ check, ok: false, problem, params });
};

const countParams = (prefix: string, c: Counts): CheckParams => ({
  [`${prefix}For`]: c.for,
  [`${prefix}Against`]: c.against,
  [`${prefix}Abstain`]: c.abstain,
});

const isSecretEntry = (e: NamedEntry | SecretEntry): e is SecretEntry => 'commitment' in e;

/**
 * Recomputes everything a vote record claims — the text's hash, the genesis, each entry's hash
 * and link, the sequence, the head, a secret vote's openings against its commitments, the count
 * and the rule's outcome — and, given one, checks a voter's receipt code. Fails on the first
 * problem, naming it.
 */
export function verifyVoteRecord(input: unknown, options: { receipt?: string | undefined } = {}): RecordReport {
  const checks: CheckResult[] = [];
  let record: VoteRecord | null = null;
  let counts: Counts | null = null;
  const pass = (check: RecordCheck, passed: RecordPass, params: CheckParams = {}) => checks.push({ check, ok: true, pass: passed, params });
  try {
    const parsed = VoteRecordSchema.safeParse(typeof input === 'string' ? parseJson(input) : input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fail('format', 'notRecord', { detail: issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : '' });
    }
    record = parsed.data!;
    const r = record;
    const v = r.vote;
    pass('format', 'format', { title: v.title, status: v.status });

    if (sha256Hex(v.text) !== v.textSha256) fail('text', 'textHash');
    pass('text', 'text', { sha: v.textSha256.slice(0, 12) });

    const genesis = genesisHash(v);
    if (genesis !== r.genesis) fail('genesis', 'genesis');
    pass('genesis', 'genesis');

    let prev = genesis;
    r.entries.forEach((e, i) => {
      const seq = i + 1;
      if (e.seq !== seq) fail('chain', 'seq', { seq, found: e.seq });
      if (isSecretEntry(e) !== v.secret) fail('chain', 'entryKind', { seq });
      if (e.prev !== prev) fail('chain', 'prev', { seq });
      const hash = isSecretEntry(e) ? secretEntryHash(v.id, e) : namedEntryHash(v.id, e);
      if (hash !== e.hash) fail('chain', 'hash', { seq });
      prev = hash;
    });
    pass('chain', 'chain', { n: r.entries.length });

    if (r.length !== r.entries.length) fail('head', 'length', { length: r.length, n: r.entries.length });
    if (r.head !== prev) fail('head', 'head', { head: r.head.slice(0, 12) });
    pass('head', 'head', { head: r.head.slice(0, 12) });

    const cancelled = v.status === 'cancelled';
    if (v.secret) {
      const entries = r.entries as SecretEntry[];
      const ballotIds = new Set<string>();
      for (const e of entries) {
        if (ballotIds.has(e.ballotId)) fail('openings', 'duplicateBallot', { seq: e.seq });
        ballotIds.add(e.ballotId);
      }
      if (cancelled) {
        if (r.openings && r.openings.length > 0) fail('openings', 'openingsCancelled');
        pass('openings', 'openingsCancelled');
      } else {
        // A bijection: each opening opens one commitment not opened before, and none is left over.
        const unopened = new Map<string, number[]>();
        for (const e of entries) unopened.set(e.commitment, [...(unopened.get(e.commitment) ?? []), e.seq]);
        counts = emptyCounts();
        (r.openings ?? []).forEach((o, i) => {
          const c = commitmentOf(o.choice, o.nonce);
          const seqs = unopened.get(c);
          if (!seqs || seqs.length === 0) fail('openings', 'openingUnmatched', { index: i + 1 });
          seqs!.pop();
          if (seqs!.length === 0) unopened.delete(c);
          counts![o.choice]++;
        });
        const left = [...unopened.values()].flat().sort((a, b) => a - b)[0];
        if (left !== undefined) fail('openings', 'commitmentUnopened', { seq: left });
        pass('openings', 'openings', { n: r.openings?.length ?? 0 });
      }
    } else if (!cancelled) {
      // 改投: a later entry of the same voter replaces the earlier one; the last counts.
      const last = new Map<string, Choice>();
      for (const e of r.entries as NamedEntry[]) last.set(e.voter, e.choice);
      counts = emptyCounts();
      for (const c of last.values()) counts[c]++;
    }

    if (cancelled) {
      if (r.result !== null) fail('tally', 'resultCancelled');
      pass('tally', 'tallyCancelled', { n: r.entries.length });
      pass('outcome', 'outcomeCancelled', { reason: r.cancellation?.reason ?? '' });
    } else {
      const stated = r.result;
      if (!stated) return fail('tally', 'counts', countParams('found', counts!));
      const found = counts!;
      if (CHOICES.some((c) => stated.counts[c] !== found[c])) {
        fail('tally', 'counts', { ...countParams('stated', stated.counts), ...countParams('found', found) });
      }
      pass('tally', 'tally', countParams('found', found));
      const outcome = voteOutcome({ threshold: v.threshold as VoteThreshold, counts: found, quorum: stated.quorum });
      if (outcome !== stated.outcome) fail('outcome', 'outcome', { stated: stated.outcome, found: outcome });
      pass('outcome', 'outcome', { outcome, threshold: v.threshold, present: stated.quorum.present });
    }

    if (options.receipt !== undefined && options.receipt.trim() !== '') checkReceipt(r, options.receipt, pass);
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    checks.push(err.result);
  }
  const firstProblem = checks.find((c): c is Extract<CheckResult, { ok: false }> => !c.ok) ?? null;
  return { ok: firstProblem === null, checks, firstProblem, record, counts };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    return fail('format', 'notRecord', { detail: err instanceof Error ? err.message : 'not JSON' });
  }
}

/**
 * A named ballot's receipt is its entry's hash: it is in the chain, and counted unless the voter
 * changed it later. A secret ballot's is its ballot id and nonce: the entry with that id commits
 * to exactly one choice under that nonce, and (closed) that opening is among those counted.
 */
function checkReceipt(r: VoteRecord, raw: string, pass: (check: RecordCheck, p: RecordPass, params?: CheckParams) => void): void {
  const code = raw.trim().toLowerCase();
  if (/^[0-9a-f]{64}$/.test(code) && !r.vote.secret) {
    const entries = r.entries as NamedEntry[];
    const entry = entries.find((e) => e.hash === code);
    if (!entry) fail('receipt', 'receiptNotFound');
    const later = entries.filter((e) => e.voter === entry!.voter && e.seq > entry!.seq).at(-1);
    const params = { seq: entry!.seq, choice: entry!.choice, voter: entry!.voterName ?? entry!.voter };
    if (later) return pass('receipt', 'receiptSuperseded', { ...params, laterSeq: later.seq, laterChoice: later.choice });
    return pass('receipt', 'receiptNamed', params);
  }
  if (/^[0-9a-f]{96}$/.test(code) && r.vote.secret) {
    const ballotId = code.slice(0, 32);
    const nonce = code.slice(32);
    const entry = (r.entries as SecretEntry[]).find((e) => e.ballotId === ballotId);
    if (!entry) fail('receipt', 'receiptNotFound');
    const choice = CHOICES.find((c) => commitmentOf(c, nonce) === entry!.commitment);
    if (!choice) fail('receipt', 'receiptMismatch', { seq: entry!.seq });
    if (r.vote.status === 'closed' && !(r.openings ?? []).some((o) => o.nonce === nonce && o.choice === choice)) {
      fail('receipt', 'receiptNotOpened', { seq: entry!.seq });
    }
    return pass('receipt', 'receiptSecret', { seq: entry!.seq, choice: choice! });
  }
  fail('receipt', 'receiptFormat', { expected: r.vote.secret ? 96 : 64 });
}

/**
 * A check in plain words, through a catalogue lookup (i18next's `t`, or the offline command's own):
 * `verify.passed.*` / `verify.problems.*`, with choices and outcomes put into words too.
 */
export function checkText(result: CheckResult, t: (key: string, params?: CheckParams) => string): string {
  const params: CheckParams = { ...result.params };
  for (const k of ['choice', 'laterChoice'] as const) {
    if (typeof params[k] === 'string') params[k] = t(`verify.choices.${params[k]}`);
  }
  const outcomeWords = result.ok ? result.pass === 'outcome' : result.problem === 'outcome';
  if (outcomeWords) {
    for (const k of ['outcome', 'found', 'stated'] as const) {
      if (typeof params[k] === 'string') params[k] = t(`verify.outcomes.${params[k]}`);
    }
  }
  return result.ok ? t(`verify.passed.${result.pass}`, params) : t(`verify.problems.${result.problem}`, params);
}
