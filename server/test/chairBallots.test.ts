import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditProse,
  notYetVoted,
  presentVoters,
  type AuditEvent,
  type Page,
  type RoomSnapshot,
  type Tally,
  type VoteView,
} from '@tongxin/shared';
import { connect, nextEvent, ok, send, setUpAlliance, type RoomClient, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/**
 * 举手/代投 and 未投票单位: a joint meeting where one unit was checked in on its behalf (代签) and has
 * no device. The chair enters its ballot; the result, the minutes and the audit say so; the chair
 * sees which present units have not voted; a vote counted at close shows nobody how it is going.
 * Real sockets against a real server.
 */
describe('ballots the chair enters for present units', () => {
  let server: TestServer;
  let f: RoomFixture;
  let chair: RoomClient;
  const reps: RoomClient[] = [];
  let snapshot: RoomSnapshot;

  beforeAll(async () => {
    server = await startTestServer();
    f = await setUpAlliance(server, 5);
    chair = await connect(server, f.secretary.token);
    for (const r of f.reps) reps.push(await connect(server, r.api.token));
    ok(await send(chair, 'meeting:join', { meetingId: f.meetingId }));
    for (const s of reps) ok(await send(s, 'meeting:join', { meetingId: f.meetingId }));
    // Units 1 and 2 check in themselves, unit 3 is checked in by the secretary (代签), unit 4 gives
    // its vote to unit 1's representative, unit 5 stays away.
    ok(await send(rep(1), 'meeting:checkIn', { meetingId: f.meetingId }));
    ok(await send(rep(2), 'meeting:checkIn', { meetingId: f.meetingId }));
    ok(await send(chair, 'meeting:checkIn', { meetingId: f.meetingId, unitId: unitOf(3) }));
    ok(await send(rep(4), 'meeting:proxy', { meetingId: f.meetingId, fromUnitId: unitOf(4), toUserId: f.reps[0]!.id }));
    ok(await send(chair, 'meeting:start', { meetingId: f.meetingId }));
    snapshot = ok(await send(chair, 'meeting:join', { meetingId: f.meetingId }));
  });
  afterAll(async () => {
    for (const s of [chair, ...reps]) s?.disconnect();
    await server?.dispose();
  });

  const rep = (n: number) => reps[n - 1]!;
  const unitOf = (n: number) => f.reps[n - 1]!.unit;
  const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error!.code);
  const openVote = async (extra: Record<string, unknown> = {}) =>
    ok(await send(chair, 'vote:open', { meetingId: f.meetingId, title: '关于共建停车场的决定', text: '同意共建停车场。', ...extra }));
  const votingUnits = () => f.reps.map((r) => r.unit);
  const stillToVote = (voted: string[]) =>
    notYetVoted(presentVoters(snapshot.attendance, 'unit', { units: votingUnits(), members: [] }), voted);

  let named: VoteView;

  it('the chair enters the ballot of a unit checked in on its behalf; the record says so', async () => {
    named = await openVote();
    // Present are units 1, 2, 3 (代签) and 4 (by proxy); none has voted.
    expect(stillToVote(named.tally.voted).sort()).toEqual([unitOf(1), unitOf(2), unitOf(3), unitOf(4)].sort());

    const tally = nextEvent(rep(2), 'vote:tally', (t) => t.voteId === named.id && t.voted.includes(unitOf(3)));
    const receipt = ok(await send(chair, 'vote:enterBallot', { voteId: named.id, unitId: unitOf(3), choice: 'for' }));
    expect(receipt).toMatchObject({ voteId: named.id, voter: unitOf(3), choice: 'for' });
    expect((await tally).turnout).toBe(1);

    const { VoteParticipation } = server.ctx.db.models;
    const record = await VoteParticipation.findOne({ vote: named.id, voter: unitOf(3) }).lean();
    expect(record).toMatchObject({ enteredByChair: true, viaProxy: false });
    expect(String(record!.castBy)).toBe(String((await f.secretary.get('/me')).body.user.id));
  });

  it('a unit that voted — entered by the chair or by itself — cannot vote again', async () => {
    expect(code(await send(chair, 'vote:enterBallot', { voteId: named.id, unitId: unitOf(3), choice: 'against' }))).toBe('ALREADY_VOTED');
    // Its own representative, arriving later with a phone, finds the unit's ballot in.
    expect(code(await send(rep(3), 'vote:cast', { voteId: named.id, choice: 'against' }))).toBe('ALREADY_VOTED');
    ok(await send(rep(1), 'vote:cast', { voteId: named.id, choice: 'against', unitId: unitOf(1) }));
    expect(code(await send(chair, 'vote:enterBallot', { voteId: named.id, unitId: unitOf(1), choice: 'for' }))).toBe('ALREADY_VOTED');
  });

  it('refused for a unit not present, and for anyone but the chair', async () => {
    const absent = await send(chair, 'vote:enterBallot', { voteId: named.id, unitId: unitOf(5), choice: 'for' });
    expect(code(absent)).toBe('INVALID_STATE');
    expect(absent.ok ? '' : absent.error.message).toMatch(/not present/);
    expect(code(await send(rep(2), 'vote:enterBallot', { voteId: named.id, unitId: unitOf(2), choice: 'for' }))).toBe('FORBIDDEN');
    expect(code(await send(rep(2), 'vote:enterBallot', { voteId: named.id, unitId: unitOf(4), choice: 'for' }))).toBe('FORBIDDEN');
    // The observer unit (列席) has no vote for the chair to enter either.
    expect(code(await send(chair, 'vote:enterBallot', { voteId: named.id, unitId: f.observer.unit, choice: 'for' }))).toBe('FORBIDDEN');
  });

  it('the chair may enter the ballot of a unit present by proxy, and the proxy holder then finds it in', async () => {
    ok(await send(chair, 'vote:enterBallot', { voteId: named.id, unitId: unitOf(4), choice: 'abstain' }));
    expect(code(await send(rep(1), 'vote:cast', { voteId: named.id, choice: 'for', unitId: unitOf(4) }))).toBe('ALREADY_VOTED');
  });

  it('the chair sees which present units have not voted: here unit 2 only', async () => {
    const again = ok(await send(chair, 'meeting:join', { meetingId: f.meetingId }));
    const vote = again.votes.find((v) => v.id === named.id)!;
    expect(vote.tally.voted.sort()).toEqual([unitOf(1), unitOf(3), unitOf(4)].sort());
    expect(stillToVote(vote.tally.voted)).toEqual([unitOf(2)]);
    // Turnout against those present: 3 of 4 present (5 expected).
    expect(presentVoters(again.attendance, 'unit', { units: votingUnits(), members: [] })).toHaveLength(4);
    expect(vote.tally).toMatchObject({ turnout: 3, eligible: 5 });
  });

  it('the result and the ballot list say how many ballots the chair entered', async () => {
    const closed = ok(await send(chair, 'vote:close', { voteId: named.id }));
    expect(closed.result).toMatchObject({ counts: { for: 1, against: 1, abstain: 1 }, enteredByChair: 2 });
    const byChair = closed.ballots!.filter((b) => b.enteredByChair).map((b) => b.voter);
    expect(byChair.sort()).toEqual([unitOf(3), unitOf(4)].sort());
  });

  it('the audit log says, in words, that the chair entered a unit’s ballot and which', async () => {
    const log = (await f.secretary.get<Page<AuditEvent>>(`/alliances/${f.allianceId}/audit?category=vote&pageSize=50`)).body;
    const entered = log.items.filter((e) => e.action === 'vote.enterBallot');
    expect(entered).toHaveLength(2);
    const unit3 = snapshot.attendance.present.find((p) => p.unit.id === unitOf(3))!.unit.name;
    const prose = entered.map((e) => auditProse(e, 'zh-CN')).find((p) => p.changes.includes(`单位：${unit3}`))!;
    expect(prose.sentence.map((s) => s.text).join('')).toContain('以主持人身份代为录入表决《关于共建停车场的决定》中一个成员单位的表决');
    expect(prose.changes).toContain('选择：同意');
  });

  it('refused for a secret vote and for a vote by member, with a clear error', async () => {
    const secret = await openVote({ secret: true });
    const refused = await send(chair, 'vote:enterBallot', { voteId: secret.id, unitId: unitOf(3), choice: 'for' });
    expect(code(refused)).toBe('INVALID_STATE');
    expect(refused.ok ? '' : refused.error.message).toMatch(/secret/);
    ok(await send(chair, 'vote:cancel', { voteId: secret.id, reason: '误开' }));

    // By member, quorum counts persons who checked in themselves: unit 3's representative arrives.
    ok(await send(rep(3), 'meeting:checkIn', { meetingId: f.meetingId }));
    const byMember = await openVote({ basis: 'member' });
    const no = await send(chair, 'vote:enterBallot', { voteId: byMember.id, unitId: unitOf(3), choice: 'for' });
    expect(code(no)).toBe('INVALID_STATE');
    expect(no.ok ? '' : no.error.message).toMatch(/by member unit/);
    ok(await send(chair, 'vote:cancel', { voteId: byMember.id, reason: '误开' }));
  });

  it('a vote counted at close sends no counts to anyone before it closes: snapshot, tally, audit', async () => {
    const atClose = await openVote({ tallyVisibility: 'at_close' });
    expect(atClose.tally.counts).toBeUndefined();
    const tallies: Tally[] = [];
    const listen = (t: Tally) => t.voteId === atClose.id && tallies.push(t);
    rep(2).on('vote:tally', listen);
    const second = nextEvent(rep(2), 'vote:tally', (t) => t.voteId === atClose.id && t.turnout === 2);
    ok(await send(rep(1), 'vote:cast', { voteId: atClose.id, choice: 'against', unitId: unitOf(1) }));
    ok(await send(chair, 'vote:enterBallot', { voteId: atClose.id, unitId: unitOf(3), choice: 'for' }));
    await second;
    rep(2).off('vote:tally', listen);
    expect(tallies.length).toBeGreaterThan(0);
    for (const t of tallies) expect(t.counts).toBeUndefined();

    const seen = ok(await send(rep(2), 'meeting:join', { meetingId: f.meetingId })).votes.find((v) => v.id === atClose.id)!;
    expect(seen.tally).toMatchObject({ turnout: 2 });
    expect(seen.tally.counts).toBeUndefined();
    expect(seen.ballots).toBeUndefined();
    expect(seen.result).toBeNull();

    // The audit log keeps who voted, and withholds how until the vote closes.
    const choicesNow = async () => {
      const log = (await f.reps[1]!.api.get<Page<AuditEvent>>(`/alliances/${f.allianceId}/audit?category=vote&pageSize=50`)).body;
      const ballots = log.items.filter(
        (e) => (e.action === 'vote.cast' || e.action === 'vote.enterBallot') && e.target?.id === atClose.id,
      );
      expect(ballots).toHaveLength(2);
      return ballots.flatMap((e) => e.changes.filter((c) => c.field === 'choice'));
    };
    expect(await choicesNow()).toEqual([]);

    const closed = ok(await send(chair, 'vote:close', { voteId: atClose.id }));
    expect(closed.result).toMatchObject({ counts: { for: 1, against: 1, abstain: 0 }, enteredByChair: 1 });
    expect(await choicesNow()).toHaveLength(2);
  });

  it('the minutes say how many ballots the chair entered', async () => {
    ok(await send(chair, 'meeting:adjourn', { meetingId: f.meetingId }));
    const res = await fetch(`${server.url}/api/meetings/${f.meetingId}/minutes.md`, {
      headers: { authorization: `Bearer ${f.secretary.token}` },
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('其中2票由主持人代为录入（举手表决）。');
    expect(text).toContain('其中1票由主持人代为录入（举手表决）。');
  });
});
