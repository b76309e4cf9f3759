import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyVoteRecord, type BallotReceipt, type Choice, type VoteRecord } from '@tongxin/shared';
import { connect, ok, send, setUpAlliance, type RoomClient, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/**
 * Named ballots arriving together are stored together (NamedBallotBox): one transaction per
 * batch, not per ballot. Each voter still gets an answer of their own — a receipt that is their
 * own place in the chain, or why they were refused — and the record verifies as before.
 */
describe('named ballots that arrive together', () => {
  let server: TestServer;
  let f: RoomFixture;
  let chair: RoomClient;
  const reps: RoomClient[] = [];
  const seconds: RoomClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    f = await setUpAlliance(server, 8);
    chair = await connect(server, f.secretary.token);
    for (const r of f.reps) reps.push(await connect(server, r.api.token));
    // A second tab for units 1 and 2.
    for (const r of f.reps.slice(0, 2)) seconds.push(await connect(server, r.api.token));
    for (const s of [chair, ...reps, ...seconds]) ok(await send(s, 'meeting:join', { meetingId: f.meetingId }));
    // Units 1–7 check in; unit 8 stays away.
    for (const s of reps.slice(0, 7)) ok(await send(s, 'meeting:checkIn', { meetingId: f.meetingId }));
    ok(await send(chair, 'meeting:start', { meetingId: f.meetingId }));
  });
  afterAll(async () => {
    for (const s of [chair, ...reps, ...seconds]) s?.disconnect();
    await server?.dispose();
  });

  const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error!.code);
  const unitOf = (n: number) => f.reps[n - 1]!.unit;

  it('all at once — second tabs, the chair for a unit that votes itself, an absent unit: one ballot per unit, each answered', async () => {
    const vote = ok(await send(chair, 'vote:open', { meetingId: f.meetingId, title: '关于共建停车场的决定', text: '同意共建停车场。' }));
    const choices: Choice[] = ['for', 'against', 'abstain', 'for', 'for', 'against', 'for'];
    const answers = await Promise.all([
      ...reps.slice(0, 7).map((s, i) => send(s, 'vote:cast', { voteId: vote.id, choice: choices[i]! })),
      send(seconds[0]!, 'vote:cast', { voteId: vote.id, choice: 'against' }),
      send(seconds[1]!, 'vote:cast', { voteId: vote.id, choice: 'for' }),
      send(chair, 'vote:enterBallot', { voteId: vote.id, unitId: unitOf(3), choice: 'for' }),
      send(reps[7]!, 'vote:cast', { voteId: vote.id, choice: 'for' }),
    ]);
    const [units, tab1, tab2, entered, absent] = [answers.slice(0, 7), answers[7]!, answers[8]!, answers[9]!, answers[10]!];
    expect(code(absent)).toBe('INVALID_STATE');
    // Per unit exactly one of its ballots stands, the others are refused as a second ballot.
    const perUnit = [
      [units[0]!, tab1],
      [units[1]!, tab2],
      [units[2]!, entered],
    ];
    for (const pair of perUnit) expect(pair.map(code).sort()).toEqual(['ALREADY_VOTED', 'ok']);
    for (const res of units.slice(3)) expect(code(res)).toBe('ok');

    const accepted = answers.filter((a) => a.ok).map((a) => ok(a) as BallotReceipt);
    expect(accepted).toHaveLength(7);
    // Each receipt is a place of its own in the chain: 1…7, no gap, no two alike.
    expect(accepted.map((r) => Number(r.record?.seq)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);

    const { Ballot, VoteParticipation, VoteChainEntry, AuditEvent, Vote } = server.ctx.db.models;
    expect(await Ballot.countDocuments({ vote: vote.id })).toBe(7);
    expect(await VoteParticipation.countDocuments({ vote: vote.id })).toBe(7);
    expect(await VoteChainEntry.countDocuments({ vote: vote.id })).toBe(7);
    expect((await Vote.findById(vote.id, { chainLength: 1 }).lean())!.chainLength).toBe(7);
    const audits = await AuditEvent.find({ targetId: vote.id, action: { $in: ['vote.cast', 'vote.enterBallot'] } }).lean();
    expect(audits).toHaveLength(7);
    // Every stored ballot matches the answer its voter got.
    for (const r of accepted) {
      const ballot = await Ballot.findById(r.receipt).lean();
      expect({ voter: String(ballot!.voter), choice: ballot!.choice }).toEqual({ voter: r.voter, choice: r.choice });
      const entry = await VoteChainEntry.findOne({ vote: vote.id, seq: r.record!.seq }).lean();
      expect({ voter: String(entry!.voter), choice: entry!.choice, hash: entry!.hash }).toEqual({
        voter: r.voter,
        choice: r.choice,
        hash: r.record!.hash,
      });
    }

    const closed = ok(await send(chair, 'vote:close', { voteId: vote.id }));
    expect(closed.record?.length).toBe(7);
    const record = (await f.reps[3]!.api.get(`/votes/${vote.id}/record.json`)).body as VoteRecord;
    const report = verifyVoteRecord(record, { receipt: accepted[0]!.record!.code });
    expect(report.firstProblem).toBeNull();
    expect(report.ok).toBe(true);
    const counted = accepted.reduce<Record<string, number>>((c, r) => ({ ...c, [r.choice]: (c[r.choice] ?? 0) + 1 }), {});
    expect(report.counts).toEqual({ for: counted['for'] ?? 0, against: counted['against'] ?? 0, abstain: counted['abstain'] ?? 0 });
  });

  it('ballots racing the close: each is either acknowledged and counted, or refused — never acknowledged and left out', async () => {
    const vote = ok(await send(chair, 'vote:open', { meetingId: f.meetingId, title: '关于共建服务站的决定', text: '同意共建服务站。' }));
    const casts = reps.slice(0, 7).map((s) => send(s, 'vote:cast', { voteId: vote.id, choice: 'for' }));
    const closing = send(chair, 'vote:close', { voteId: vote.id });
    const answers = await Promise.all(casts);
    const closed = ok(await closing);
    const acknowledged = answers.filter((a) => a.ok).length;
    for (const a of answers) if (!a.ok) expect(a.error.code).toBe('INVALID_STATE');
    expect(closed.result?.counts.for).toBe(acknowledged);
    expect(closed.record?.length).toBe(acknowledged);
  });
});
