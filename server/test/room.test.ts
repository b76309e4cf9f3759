import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attendance, Choice, RoomSnapshot, VoteView } from '@tongxin/shared';
import { connect, nextEvent, ok, send, setUpAlliance, type RoomClient, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { openDoc, until } from './support/yjsClient.js';
import * as Y from 'yjs';

/**
 * The scenario: fifteen unit representatives join a joint meeting, check in, reach
 * quorum, and vote — openly and by secret ballot — over real sockets against a real server.
 */
describe('the live meeting room', () => {
  let server: TestServer;
  let f: RoomFixture;
  let chair: RoomClient;
  const reps: RoomClient[] = [];
  const extra: RoomClient[] = [];
  /** rep2's second tab, opened when joining; the vote tests cast from it again. */
  let rep2SecondTab: RoomClient;

  beforeAll(async () => {
    server = await startTestServer({}, { room: { presenceGraceMs: 200 } });
    f = await setUpAlliance(server, 15);
    chair = await connect(server, f.secretary.token);
    for (const r of f.reps) reps.push(await connect(server, r.api.token));
  });
  afterAll(async () => {
    for (const s of [chair, ...reps, ...extra]) s?.disconnect();
    await server?.dispose();
  });

  const rep = (n: number) => reps[n - 1]!;
  const unitOf = (n: number) => f.reps[n - 1]!.unit;

  it('refuses a socket without a valid session', async () => {
    await expect(connect(server, undefined)).rejects.toThrow(/UNAUTHENTICATED/);
    await expect(connect(server, 'not-a-token')).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it('an outsider cannot join the room', async () => {
    const outsider = await connect(server, f.outsider.api.token);
    extra.push(outsider);
    const res = await send(outsider, 'meeting:join', { meetingId: f.meetingId });
    expect(res.ok ? 'ok' : res.error.code).toBe('FORBIDDEN');
  });

  it('joining acknowledges with a full snapshot, and presence counts a person once however many tabs', async () => {
    const snap = ok(await send(chair, 'meeting:join', { meetingId: f.meetingId }));
    expect(snap.meeting.id).toBe(f.meetingId);
    expect(snap.flow.status).toBe('scheduled');
    expect(snap.attendance.quorum).toMatchObject({
      basis: 'unit',
      eligible: 15,
      present: 0,
      required: 8,
      reached: false,
    });
    expect(snap.votes).toEqual([]);
    expect(snap.speakers.queue).toEqual([]);

    const snaps: RoomSnapshot[] = [];
    for (const s of reps) snaps.push(ok(await send(s, 'meeting:join', { meetingId: f.meetingId })));
    expect(snaps[14]!.presence.online).toHaveLength(16);
    expect(snaps[0]!.myVoterUnits).toEqual([unitOf(1)]);

    // rep2 opens a second tab: still one person online.
    rep2SecondTab = await connect(server, f.reps[1]!.api.token);
    extra.push(rep2SecondTab);
    const second = ok(await send(rep2SecondTab, 'meeting:join', { meetingId: f.meetingId }));
    expect(second.presence.online.filter((p) => p.user.id === f.reps[1]!.id)).toHaveLength(1);
    expect(second.presence.online).toHaveLength(16);
    const unitName = second.presence.online.find((p) => p.user.id === f.reps[1]!.id)!.unit?.name;
    expect(unitName).toBeTruthy();
  });

  it('a person who closes every tab drops out of presence after the grace period', async () => {
    const observer = await connect(server, f.observer.api.token);
    ok(await send(observer, 'meeting:join', { meetingId: f.meetingId }));
    const gone = nextEvent(chair, 'meeting:presence', (p) => !p.online.some((o) => o.user.id === f.observer.id));
    observer.disconnect();
    const presence = await gone;
    expect(presence.online).toHaveLength(16);
  });

  it('the meeting cannot start without quorum', async () => {
    const res = await send(chair, 'meeting:start', { meetingId: f.meetingId });
    expect(res.ok ? 'ok' : res.error.code).toBe('INVALID_STATE');
  });

  it('quorum flips when the eighth of fifteen units checks in, and everyone sees it', async () => {
    let last: Attendance | undefined;
    for (let n = 1; n <= 7; n++) last = ok(await send(rep(n), 'meeting:checkIn', { meetingId: f.meetingId }));
    expect(last!.quorum).toMatchObject({ present: 7, reached: false });
    const seen = nextEvent(rep(15), 'meeting:attendance', (a) => a.quorum.present === 8);
    const eighth = ok(await send(rep(8), 'meeting:checkIn', { meetingId: f.meetingId }));
    expect(eighth.quorum).toMatchObject({ present: 8, required: 8, reached: true });
    expect((await seen).quorum.reached).toBe(true);
    // Checking in twice changes nothing.
    expect(ok(await send(rep(8), 'meeting:checkIn', { meetingId: f.meetingId })).quorum.present).toBe(8);
  });

  it('a representative cannot check in for another unit; a secretary records one present on its behalf', async () => {
    const res = await send(rep(9), 'meeting:checkIn', { meetingId: f.meetingId, unitId: unitOf(10) });
    expect(res.ok ? 'ok' : res.error.code).toBe('FORBIDDEN');
    for (let n = 9; n <= 13; n++) ok(await send(rep(n), 'meeting:checkIn', { meetingId: f.meetingId }));
    const a = ok(await send(chair, 'meeting:checkIn', { meetingId: f.meetingId, unitId: unitOf(14) }));
    const record = a.present.find((p) => p.unit.id === unitOf(14))!;
    expect(record).toMatchObject({ onBehalf: true, user: null, recordedBy: { name: '孙丽' } });
    expect(a.quorum.present).toBe(14);
  });

  it('a unit gives its vote to another unit’s representative (委托), recorded with who gave it', async () => {
    const a = ok(
      await send(rep(15), 'meeting:proxy', { meetingId: f.meetingId, fromUnitId: unitOf(15), toUserId: f.reps[0]!.id }),
    );
    expect(a.proxies).toEqual([
      expect.objectContaining({
        fromUnit: expect.objectContaining({ id: unitOf(15) }),
        to: expect.objectContaining({ id: f.reps[0]!.id }),
      }),
    ]);
    expect(a.proxies[0]!.givenBy.id).toBe(f.reps[14]!.id);
    expect(a.quorum.present).toBe(15);
    const again = await send(rep(15), 'meeting:proxy', {
      meetingId: f.meetingId,
      fromUnitId: unitOf(15),
      toUserId: f.reps[1]!.id,
    });
    expect(again.ok ? 'ok' : again.error.code).toBe('CONFLICT');
  });

  it('only the chair starts the meeting; the state machine refuses a second start', async () => {
    const refused = await send(rep(5), 'meeting:start', { meetingId: f.meetingId });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');
    const seen = nextEvent(rep(3), 'meeting:flow', (fl) => fl.status === 'in_session');
    const flow = ok(await send(chair, 'meeting:start', { meetingId: f.meetingId }));
    expect(flow).toMatchObject({ status: 'in_session', startedWithoutQuorum: null });
    await seen;
    const twice = await send(chair, 'meeting:start', { meetingId: f.meetingId });
    expect(twice.ok ? 'ok' : twice.error.code).toBe('INVALID_STATE');
  });

  it('the chair moves to an agenda item: the agenda document and everyone’s room follow', async () => {
    // The secretary's agenda, written as the web client writes it.
    const agenda = await openDoc(server, `meeting:${f.meetingId}:agenda`, f.secretary.token);
    try {
      agenda.doc.transact(() => {
        for (const [id, title, minutes] of [
          ['item-1', '背街小巷整治方案', 20],
          ['item-2', '社区养老服务站选址', 15],
        ] as const) {
          const m = new Y.Map<unknown>();
          m.set('id', id);
          m.set('title', title);
          m.set('presenterUnit', '');
          m.set('minutes', minutes);
          m.set('status', 'pending');
          m.set('notes', new Y.Text());
          agenda.doc.getArray<Y.Map<unknown>>('items').push([m]);
        }
      });
      const statusOf = (id: string) =>
        agenda.doc
          .getArray<Y.Map<unknown>>('items')
          .toArray()
          .find((m) => m.get('id') === id)
          ?.get('status');

      const seen = nextEvent(rep(7), 'meeting:flow', (fl) => fl.currentItem?.id === 'item-1');
      const flow = ok(await send(chair, 'meeting:setAgendaItem', { meetingId: f.meetingId, item: { id: 'item-1' } }));
      expect(flow.currentItem).toMatchObject({ id: 'item-1', title: '背街小巷整治方案', minutes: 20 });
      expect(Date.parse(flow.currentItem!.since!)).toBeGreaterThan(Date.now() - 60_000);
      expect((await seen).currentItem?.title).toBe('背街小巷整治方案');
      await until(() => statusOf('item-1') === 'current', 'item-1 marked current in the agenda document');

      // A retitle in the agenda shows in the room: the document is the source of truth.
      agenda.doc.getArray<Y.Map<unknown>>('items').get(0).set('title', '背街小巷环境整治方案');
      let shown = '';
      const deadline = Date.now() + 10_000;
      while (shown !== '背街小巷环境整治方案' && Date.now() < deadline) {
        shown = ok(await send(rep(8), 'meeting:join', { meetingId: f.meetingId })).flow.currentItem?.title ?? '';
      }
      expect(shown).toBe('背街小巷环境整治方案');
      const next = ok(await send(chair, 'meeting:setAgendaItem', { meetingId: f.meetingId, item: { id: 'item-2' } }));
      expect(next.currentItem).toMatchObject({ id: 'item-2', title: '社区养老服务站选址', minutes: 15 });
      await until(
        () => statusOf('item-1') === 'done' && statusOf('item-2') === 'current',
        'item-1 done, item-2 current',
      );

      const unknown = await send(chair, 'meeting:setAgendaItem', {
        meetingId: f.meetingId,
        item: { id: 'no-such-item' },
      });
      expect(unknown.ok ? 'ok' : unknown.error.code).toBe('NOT_FOUND');
      const refused = await send(rep(2), 'meeting:setAgendaItem', { meetingId: f.meetingId, item: null });
      expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');

      // A late joiner's snapshot carries the current item as the document has it.
      const late = ok(await send(rep(8), 'meeting:join', { meetingId: f.meetingId }));
      expect(late.flow.currentItem).toMatchObject({ id: 'item-2', title: '社区养老服务站选址' });
    } finally {
      agenda.close();
    }
  });

  it('speakers queue, withdraw, and are called in order with a time box', async () => {
    ok(await send(rep(3), 'speaker:request', { meetingId: f.meetingId }));
    ok(await send(rep(4), 'speaker:request', { meetingId: f.meetingId }));
    ok(await send(rep(5), 'speaker:request', { meetingId: f.meetingId }));
    const again = ok(await send(rep(3), 'speaker:request', { meetingId: f.meetingId }));
    expect(again.queue.map((q) => q.user.id)).toEqual([f.reps[2]!.id, f.reps[3]!.id, f.reps[4]!.id]);
    const withdrawn = ok(await send(rep(4), 'speaker:withdraw', { meetingId: f.meetingId }));
    expect(withdrawn.queue.map((q) => q.user.id)).toEqual([f.reps[2]!.id, f.reps[4]!.id]);
    expect((await send(rep(4), 'speaker:next', { meetingId: f.meetingId })).ok).toBe(false);
    const seen = nextEvent(rep(9), 'speaker:queue', (q) => q.current?.user.id === f.reps[2]!.id);
    const called = ok(await send(chair, 'speaker:next', { meetingId: f.meetingId, timeBoxSeconds: 120 }));
    expect(called.current).toMatchObject({ user: { id: f.reps[2]!.id }, timeBoxSeconds: 120 });
    expect(called.queue.map((q) => q.user.id)).toEqual([f.reps[4]!.id]);
    await seen;
  });

  describe('an open (recorded) vote', () => {
    let vote: VoteView;
    // Units 1–9 for, 10–13 against, 14 and 15 abstain: 9 : 4 : 2.
    const choiceOf = (n: number): Choice => (n <= 9 ? 'for' : n <= 13 ? 'against' : 'abstain');

    it('opens on an exact text with its SHA-256, and only the chair may open it', async () => {
      const payload = {
        meetingId: f.meetingId,
        title: '关于背街小巷整治方案的决定',
        text: '同意实施背街小巷整治方案，由区城管执法局牵头。',
      };
      const refused = await send(rep(2), 'vote:open', payload);
      expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');
      const seen = nextEvent(rep(6), 'vote:opened');
      vote = ok(await send(chair, 'vote:open', payload));
      expect(vote.textSha256).toBe(createHash('sha256').update(payload.text).digest('hex'));
      expect(vote).toMatchObject({ basis: 'unit', threshold: 'simple_majority', secret: false, status: 'open' });
      expect(vote.quorumAtOpen.reached).toBe(true);
      expect((await seen).id).toBe(vote.id);
    });

    it('fifteen ballots cast at once are all stored, acknowledged with receipts, and tallied', async () => {
      const finalTally = nextEvent(chair, 'vote:tally', (t) => t.voteId === vote.id && t.turnout === 15);
      const acks = await Promise.all([
        ...Array.from({ length: 14 }, (_, i) =>
          send(rep(i + 1), 'vote:cast', { voteId: vote.id, choice: choiceOf(i + 1), unitId: unitOf(i + 1) }),
        ),
        // rep1 also holds unit 15's proxy.
        send(rep(1), 'vote:cast', { voteId: vote.id, choice: choiceOf(15), unitId: unitOf(15) }),
      ]);
      const receipts = acks.map(ok);
      expect(new Set(receipts.map((r) => r.receipt)).size).toBe(15);
      const tally = await finalTally;
      expect(tally.counts).toEqual({ for: 9, against: 4, abstain: 2 });
      const { Ballot, VoteParticipation } = server.ctx.db.models;
      expect(await Ballot.countDocuments({ vote: vote.id })).toBe(15);
      expect(await VoteParticipation.countDocuments({ vote: vote.id, viaProxy: true })).toBe(1);
    });

    it('a unit that already voted cannot vote again: not from a second tab, not through its proxy', async () => {
      const secondTab = await send(rep2SecondTab, 'vote:cast', { voteId: vote.id, choice: 'against' });
      expect(secondTab.ok ? 'ok' : secondTab.error.code).toBe('ALREADY_VOTED');
      // Unit 15's own representative, after its proxy holder voted for it.
      const own = await send(rep(15), 'vote:cast', { voteId: vote.id, choice: 'for', unitId: unitOf(15) });
      expect(own.ok ? 'ok' : own.error.code).toBe('ALREADY_VOTED');
      const racing = await Promise.all(
        [1, 2, 3].map(() => send(rep(3), 'vote:cast', { voteId: vote.id, choice: 'against' })),
      );
      expect(racing.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
        'ALREADY_VOTED',
        'ALREADY_VOTED',
        'ALREADY_VOTED',
      ]);
      expect(await server.ctx.db.models.Ballot.countDocuments({ vote: vote.id })).toBe(15);
    });

    it('an observer unit has no vote', async () => {
      const observer = await connect(server, f.observer.api.token);
      extra.push(observer);
      const res = await send(observer, 'vote:cast', { voteId: vote.id, choice: 'for' });
      expect(res.ok ? 'ok' : res.error.code).toBe('VALIDATION'); // no unit to vote for
      const forced = await send(observer, 'vote:cast', { voteId: vote.id, choice: 'for', unitId: unitOf(4) });
      expect(forced.ok ? 'ok' : forced.error.code).toBe('FORBIDDEN');
    });

    it('the chair closes it: adopted 9 : 4 : 2, stored and broadcast with the names of who chose what', async () => {
      const seen = nextEvent(rep(11), 'vote:closed', (v) => v.id === vote.id);
      const closed = ok(await send(chair, 'vote:close', { voteId: vote.id }));
      expect(closed.result).toMatchObject({
        outcome: 'adopted',
        counts: { for: 9, against: 4, abstain: 2 },
        closedBy: 'chair',
      });
      expect(closed.ballots).toHaveLength(15);
      expect((await seen).result?.outcome).toBe('adopted');
      const late = await send(rep(2), 'vote:cast', { voteId: vote.id, choice: 'for' });
      expect(late.ok ? 'ok' : late.error.code).toBe('INVALID_STATE');
      const stored = await server.ctx.db.models.Vote.findById(vote.id).lean();
      expect(stored?.result?.outcome).toBe('adopted');
    });
  });

  describe('a secret ballot (无记名投票)', () => {
    let vote: VoteView;

    it('shows only turnout while open, and counts once closed', async () => {
      vote = ok(
        await send(chair, 'vote:open', {
          meetingId: f.meetingId,
          title: '关于评选优秀成员单位的决定',
          text: '评选和平里社区党委为年度优秀成员单位。',
          secret: true,
          threshold: 'two_thirds',
        }),
      );
      const lastTally = nextEvent(rep(2), 'vote:tally', (t) => t.voteId === vote.id && t.turnout === 14);
      // Ten for, four against: exactly two thirds of 14 is 9.33, so 10 adopts.
      await Promise.all(
        Array.from({ length: 14 }, (_, i) =>
          send(rep(i + 1), 'vote:cast', { voteId: vote.id, choice: i < 10 ? 'for' : 'against', unitId: unitOf(i + 1) }),
        ).map(async (p) => ok(await p)),
      );
      const t = await lastTally;
      expect(t.counts).toBeUndefined();
      const rejoined = ok(await send(rep(5), 'meeting:join', { meetingId: f.meetingId }));
      const live = rejoined.votes.find((v) => v.id === vote.id)!;
      expect(live.tally).toEqual({ voteId: vote.id, turnout: 14, eligible: 15, voted: expect.any(Array) });
      expect(live.ballots).toBeUndefined();
      expect(live.castByMe).toEqual([unitOf(5)]);

      const closed = ok(await send(chair, 'vote:close', { voteId: vote.id }));
      expect(closed.result).toMatchObject({ outcome: 'adopted', counts: { for: 10, against: 4, abstain: 0 } });
      expect(closed.tally.counts).toEqual({ for: 10, against: 4, abstain: 0 });
      expect(closed.ballots).toBeUndefined();
    });

    it('leaves no record linking a voter to a choice (inspecting the collections)', async () => {
      const db = server.ctx.db.connection.db!;
      const voteId = new Types.ObjectId(vote.id);
      // No ballot documents at all: the choices live only as totals on the vote.
      expect(await db.collection('ballots').countDocuments({ vote: voteId })).toBe(0);
      const stored = await db.collection('votes').findOne({ _id: voteId });
      expect({ for: 0, against: 0, abstain: 0, ...stored?.secretCounts }).toEqual({ for: 10, against: 4, abstain: 0 });
      const participations = await db.collection('voteparticipations').find({ vote: voteId }).toArray();
      expect(participations).toHaveLength(14);
      for (const p of participations)
        expect(Object.keys(p).sort()).toEqual(['__v', '_id', 'castBy', 'receipt', 'vote', 'viaProxy', 'voter'].sort());
      const audit = await db.collection('auditevents').find({ targetId: voteId, action: 'vote.cast' }).toArray();
      expect(audit).toHaveLength(14);
      for (const a of audit) expect(JSON.stringify([a.after, a.changes])).not.toMatch(/for|against|abstain/);
    });
  });
});
