import { describe, expect, it } from 'vitest';
import {
  commitmentOf,
  genesisHash,
  namedEntryHash,
  secretEntryHash,
  secretReceiptCode,
  sha256Hex,
  sortOpenings,
  verifyVoteRecord,
  type RecordReport,
} from '../src/domain/voteRecord.js';
import type { Choice } from '../src/domain/tally.js';
import { VOTE_RECORD_FORMAT, type NamedEntry, type SecretEntry, type VoteRecord } from '../src/schemas/voteRecord.js';

const TEXT = '同意将青年湖社区纳入共建项目。';
const hex = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ((seed * 7 + i * 13) % 16).toString(16)).join('');

function header(secret: boolean): VoteRecord['vote'] {
  return {
    id: secret ? '65f000000000000000000002' : '65f000000000000000000001',
    meetingId: '65f0000000000000000000aa',
    title: '关于共建项目的决定',
    text: TEXT,
    textSha256: sha256Hex(TEXT),
    threshold: 'simple_majority',
    basis: 'unit',
    secret,
    openedAt: '2026-03-05T06:30:00.000Z',
    status: 'closed',
    closedAt: '2026-03-05T06:40:00.000Z',
  };
}

/** Units A, B, C vote for, against, for; then B changes to for (改投): 3 for. */
function namedRecord(): VoteRecord {
  const vote = header(false);
  const genesis = genesisHash(vote);
  const cast: [string, Choice, boolean][] = [
    ['unitA', 'for', false],
    ['unitB', 'against', false],
    ['unitC', 'for', true],
    ['unitB', 'for', false],
  ];
  const entries: NamedEntry[] = [];
  let prev = genesis;
  cast.forEach(([voter, choice, enteredByChair], i) => {
    const e = { seq: i + 1, voter, choice, enteredByChair, prev };
    const hash = namedEntryHash(vote.id, e);
    entries.push({ ...e, voterName: voter.toUpperCase(), hash });
    prev = hash;
  });
  return {
    format: VOTE_RECORD_FORMAT,
    vote,
    genesis,
    entries,
    head: prev,
    length: entries.length,
    result: { outcome: 'adopted', counts: { for: 3, against: 0, abstain: 0 }, quorum: { eligible: 3, present: 3, required: 2, reached: true } },
    cancellation: null,
  };
}

const SECRET_CHOICES: Choice[] = ['for', 'against', 'for', 'abstain'];
const nonceOf = (i: number) => hex(64, i + 3);
const ballotOf = (i: number) => hex(32, i + 11);

function secretRecord(): VoteRecord {
  const vote = header(true);
  const genesis = genesisHash(vote);
  const entries: SecretEntry[] = [];
  let prev = genesis;
  SECRET_CHOICES.forEach((choice, i) => {
    const e = { seq: i + 1, ballotId: ballotOf(i), commitment: commitmentOf(choice, nonceOf(i)), prev };
    const hash = secretEntryHash(vote.id, e);
    entries.push({ ...e, hash });
    prev = hash;
  });
  return {
    format: VOTE_RECORD_FORMAT,
    vote,
    genesis,
    entries,
    head: prev,
    length: entries.length,
    openings: sortOpenings(SECRET_CHOICES.map((choice, i) => ({ choice, nonce: nonceOf(i) }))),
    result: { outcome: 'adopted', counts: { for: 2, against: 1, abstain: 1 }, quorum: { eligible: 5, present: 4, required: 3, reached: true } },
    cancellation: null,
  };
}

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const problem = (r: RecordReport) => (r.firstProblem ? `${r.firstProblem.check}:${r.firstProblem.problem}` : 'ok');

describe('a vote record (表决记录) any unit can check', () => {
  it('the hashes are SHA-256 over the UTF-8 JSON array the docs state: the same as `printf %s … | sha256sum`', () => {
    // Computed with coreutils, not with this code, from the bytes docs/api.md spells out:
    //   printf %s '["tongxin/vote-header/1","65f000000000000000000001","关于共建项目的决定","b24a…90c1","simple_majority","unit",false,"2026-03-05T06:30:00.000Z"]' | sha256sum
    //   printf %s '["tongxin/vote-entry/1","65f000000000000000000001",1,"65db…d1d9","unitA","for",false]' | sha256sum
    const r = namedRecord();
    expect(r.vote.textSha256).toBe('b24af9a4bb1daa7c15150a25454f7dd9591ae102a19d4e25f624478faa1790c1');
    expect(r.genesis).toBe('65dbfe0ff95132a01b95b46a9b6561f9b84fb09be5bf939710677adaecc1d1d9');
    expect(r.entries[0]!.hash).toBe('307876a48fa165e3c63f5ed1f35c501a41ec9c9f41b3755e4d4cbad6be181d75');
  });

  it('an untouched export is accepted: chain, head, the last ballot per voter, the rule’s outcome', () => {
    const report = verifyVoteRecord(JSON.stringify(namedRecord()));
    expect(problem(report)).toBe('ok');
    expect(report.counts).toEqual({ for: 3, against: 0, abstain: 0 });
    expect(report.checks.map((c) => c.check)).toEqual(['format', 'text', 'genesis', 'chain', 'head', 'tally', 'outcome']);
    expect(problem(verifyVoteRecord(secretRecord()))).toBe('ok');
  });

  it('a changed choice is caught at its entry', () => {
    const r = copy(namedRecord());
    (r.entries[1] as NamedEntry).choice = 'for';
    expect(problem(verifyVoteRecord(r))).toBe('chain:hash');
    expect(verifyVoteRecord(r).firstProblem?.params).toEqual({ seq: 2 });
  });

  it('a changed choice whose hash was recomputed breaks the next link; rehashed to the end it breaks the head', () => {
    const r = copy(namedRecord());
    const e = r.entries[1] as NamedEntry;
    e.choice = 'for';
    e.hash = namedEntryHash(r.vote.id, e);
    expect(problem(verifyVoteRecord(r))).toBe('chain:prev');
    let prev = r.genesis;
    for (const x of r.entries as NamedEntry[]) {
      x.prev = prev;
      x.hash = prev = namedEntryHash(r.vote.id, x);
    }
    expect(problem(verifyVoteRecord(r))).toBe('head:head');
  });

  it('a removed ballot is caught', () => {
    const r = copy(namedRecord());
    r.entries.splice(2, 1);
    expect(problem(verifyVoteRecord(r))).toBe('chain:seq');
    const last = copy(namedRecord());
    last.entries.pop();
    expect(problem(verifyVoteRecord(last))).toBe('head:length');
  });

  it('an added ballot is caught, even one chained properly onto the end', () => {
    const r = copy(namedRecord());
    const e = { seq: 5, voter: 'unitD', choice: 'against' as const, enteredByChair: false, prev: r.head };
    r.entries.push({ ...e, hash: namedEntryHash(r.vote.id, e) });
    expect(problem(verifyVoteRecord(r))).toBe('head:length');
    r.length = 5;
    expect(problem(verifyVoteRecord(r))).toBe('head:head');
  });

  it('a reordered pair is caught', () => {
    const r = copy(namedRecord());
    [r.entries[0], r.entries[1]] = [r.entries[1]!, r.entries[0]!];
    expect(problem(verifyVoteRecord(r))).toBe('chain:seq');
    const renumbered = copy(r);
    renumbered.entries[0]!.seq = 1;
    renumbered.entries[1]!.seq = 2;
    expect(problem(verifyVoteRecord(renumbered))).toBe('chain:prev');
  });

  it('a changed head is caught', () => {
    const r = copy(namedRecord());
    r.head = sha256Hex('another head');
    expect(problem(verifyVoteRecord(r))).toBe('head:head');
  });

  it('a result that the entries do not add up to, or an outcome the rule does not give, is caught', () => {
    const r = copy(namedRecord());
    r.result!.counts = { for: 2, against: 1, abstain: 0 };
    expect(problem(verifyVoteRecord(r))).toBe('tally:counts');
    const o = copy(namedRecord());
    o.result!.outcome = 'rejected';
    expect(problem(verifyVoteRecord(o))).toBe('outcome:outcome');
    const t = copy(namedRecord());
    t.vote.text += '（修改）';
    expect(problem(verifyVoteRecord(t))).toBe('text:textHash');
  });

  it('a unit’s receipt checks out; the receipt of a ballot changed later says so; a wrong receipt fails', () => {
    const r = namedRecord();
    const mine = verifyVoteRecord(r, { receipt: r.entries[0]!.hash });
    expect(mine.ok).toBe(true);
    expect(mine.checks.at(-1)).toMatchObject({ check: 'receipt', pass: 'receiptNamed', params: { seq: 1, choice: 'for' } });
    const changed = verifyVoteRecord(r, { receipt: r.entries[1]!.hash.toUpperCase() });
    expect(changed.checks.at(-1)).toMatchObject({ pass: 'receiptSuperseded', params: { laterSeq: 4, laterChoice: 'for' } });
    expect(problem(verifyVoteRecord(r, { receipt: sha256Hex('not mine') }))).toBe('receipt:receiptNotFound');
    expect(problem(verifyVoteRecord(r, { receipt: 'abc' }))).toBe('receipt:receiptFormat');
  });

  it('a secret vote: each opening opens exactly one commitment; a missing, extra or altered opening is caught', () => {
    const missing = copy(secretRecord());
    missing.openings!.pop();
    expect(problem(verifyVoteRecord(missing))).toBe('openings:commitmentUnopened');
    const twice = copy(secretRecord());
    twice.openings!.push(twice.openings![0]!);
    expect(problem(verifyVoteRecord(twice))).toBe('openings:openingUnmatched');
    const flipped = copy(secretRecord());
    const o = flipped.openings!.find((x) => x.choice === 'against')!;
    o.choice = 'for';
    expect(problem(verifyVoteRecord(flipped))).toBe('openings:openingUnmatched');
  });

  it('a secret voter’s receipt (ballot id + nonce) opens their commitment and finds it counted; another nonce fails', () => {
    const r = secretRecord();
    const ok = verifyVoteRecord(r, { receipt: secretReceiptCode(ballotOf(1), nonceOf(1)) });
    expect(ok.ok).toBe(true);
    expect(ok.checks.at(-1)).toMatchObject({ pass: 'receiptSecret', params: { seq: 2, choice: 'against' } });
    expect(problem(verifyVoteRecord(r, { receipt: secretReceiptCode(ballotOf(1), nonceOf(2)) }))).toBe('receipt:receiptMismatch');
    expect(problem(verifyVoteRecord(r, { receipt: secretReceiptCode(hex(32, 99), nonceOf(1)) }))).toBe('receipt:receiptNotFound');
  });

  it('a cancelled vote’s record says cancelled and counts nothing; a result on it is caught', () => {
    const r = copy(namedRecord());
    r.vote.status = 'cancelled';
    r.result = null;
    r.cancellation = { reason: '开错了', at: '2026-03-05T06:35:00.000Z' };
    // The header (and so the genesis) does not include the status: the chain is the same.
    const report = verifyVoteRecord(r);
    expect(problem(report)).toBe('ok');
    expect(report.checks.at(-1)).toMatchObject({ pass: 'outcomeCancelled', params: { reason: '开错了' } });
    const counted = copy(r);
    counted.result = namedRecord().result;
    expect(problem(verifyVoteRecord(counted))).toBe('tally:resultCancelled');
  });

  it('what is not a record is refused, naming why', () => {
    expect(problem(verifyVoteRecord('{'))).toBe('format:notRecord');
    expect(problem(verifyVoteRecord({ format: 'other' }))).toBe('format:notRecord');
  });
});
