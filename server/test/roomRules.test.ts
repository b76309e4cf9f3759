import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents } from '@tongxin/shared';
import {
  connect,
  nextEvent,
  ok,
  send,
  sendRaw,
  setUpAlliance,
  type RoomClient,
  type RoomFixture,
} from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { fragmentText, openDoc, until, writeParagraphs } from './support/yjsClient.js';

/** The room's rules at its edges: bad input, floods, overrides, timers, order of business. */
describe('live room rules', () => {
  let server: TestServer;
  let f: RoomFixture;
  let chair: RoomClient;
  const reps: RoomClient[] = [];
  const sockets: RoomClient[] = [];

  beforeAll(async () => {
    server = await startTestServer({}, { room: { presenceGraceMs: 0 } });
    f = await setUpAlliance(server, 4);
    chair = await connect(server, f.secretary.token);
    for (const r of f.reps) reps.push(await connect(server, r.api.token));
    for (const s of [chair, ...reps]) ok(await send(s, 'meeting:join', { meetingId: f.meetingId }));
  });
  afterAll(async () => {
    for (const s of [chair, ...reps, ...sockets]) s?.disconnect();
    await server?.dispose();
  });

  const fresh = async () => {
    const s = await connect(server, f.secretary.token);
    sockets.push(s);
    return s;
  };

  const EVENTS: (keyof ClientToServerEvents)[] = [
    'connection:heartbeat',
    'meeting:join',
    'meeting:leave',
    'alliance:subscribe',
    'alliance:unsubscribe',
    'meeting:checkIn',
    'meeting:proxy',
    'meeting:undoCheckIn',
    'meeting:recordLeave',
    'meeting:start',
    'meeting:setAgendaItem',
    'meeting:adjourn',
    'speaker:request',
    'speaker:withdraw',
    'speaker:next',
    'vote:open',
    'vote:cast',
    'vote:close',
    'actionItem:create',
    'actionItem:progress',
    'actionItem:transition',
  ];

  it('every event with a malformed payload is answered VALIDATION, and the connection stays up', async () => {
    const bad: unknown[] = [
      undefined,
      'meeting',
      42,
      { meetingId: 'not-an-id', voteId: '../x', itemId: {} },
      [f.meetingId],
    ];
    for (const event of EVENTS) {
      const s = await fresh();
      for (const payload of bad) {
        const res = payload === undefined ? await sendRaw(s, event) : await sendRaw(s, event, payload);
        expect({ event, payload, code: res.ok ? 'ok' : res.error.code }).toEqual({
          event,
          payload,
          code: 'VALIDATION',
        });
      }
      expect(s.connected).toBe(true);
      // Still usable after all that.
      expect(ok(await send(s, 'meeting:join', { meetingId: f.meetingId })).meeting.id).toBe(f.meetingId);
    }
  });

  it('a vote text above the size limit is refused, not stored', async () => {
    const res = await send(chair, 'vote:open', { meetingId: f.meetingId, title: '超长', text: '字'.repeat(20_001) });
    expect(res.ok ? 'ok' : res.error.code).toBe('VALIDATION');
  });

  it('a socket that floods is rate limited while the others carry on', async () => {
    const flooder = await connect(server, f.reps[3]!.api.token);
    sockets.push(flooder);
    const flood = Array.from({ length: 200 }, () => send(flooder, 'meeting:join', { meetingId: f.meetingId }));
    const other = await send(reps[0]!, 'meeting:checkIn', { meetingId: f.meetingId });
    const results = await Promise.all(flood);
    expect(other.ok).toBe(true);
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThan(100);
    expect(codes.every((c) => c === 'ok' || c === 'RATE_LIMITED')).toBe(true);
    expect(flooder.connected).toBe(true);
  });

  it('a heartbeat is answered at once, even to a socket being rate limited: it takes no token a ballot needs', async () => {
    const s = await connect(server, f.reps[2]!.api.token);
    sockets.push(s);
    const flood = Array.from({ length: 100 }, () => send(s, 'meeting:join', { meetingId: f.meetingId }));
    expect(await send(s, 'connection:heartbeat', {})).toEqual({ ok: true, data: null });
    const codes = (await Promise.all(flood)).map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes).toContain('RATE_LIMITED');
  });

  it('without quorum the chair starts only with a stated reason, which is recorded', async () => {
    // One unit of four is present (checking in again changes nothing): the flood test above also
    // checks it in, and this test must not depend on having run after it.
    ok(await send(reps[0]!, 'meeting:checkIn', { meetingId: f.meetingId }));
    const refused = await send(chair, 'meeting:start', { meetingId: f.meetingId });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('INVALID_STATE'); // 1 of 4 present, 2 required
    const flow = ok(
      await send(chair, 'meeting:start', {
        meetingId: f.meetingId,
        override: { reason: '台风预警，部分单位线上列席' },
      }),
    );
    expect(flow.status).toBe('in_session');
    expect(flow.startedWithoutQuorum).toMatchObject({ reason: '台风预警，部分单位线上列席', by: { name: '孙丽' } });
    const audit = await server.ctx.db.models.AuditEvent.findOne({
      targetId: f.meetingId,
      action: 'meeting.start.withoutQuorum',
    }).lean();
    expect(audit?.changes).toContainEqual({ field: 'reason', after: '台风预警，部分单位线上列席' });
  });

  it('a vote cannot open without quorum, even in a meeting that started without it', async () => {
    const res = await send(chair, 'vote:open', { meetingId: f.meetingId, title: '表决', text: '议案文本' });
    expect(res.ok ? 'ok' : res.error.code).toBe('INVALID_STATE');
  });

  it('a vote with a timer closes itself; until then the meeting cannot adjourn', async () => {
    ok(await send(reps[1]!, 'meeting:checkIn', { meetingId: f.meetingId }));
    const vote = ok(
      await send(chair, 'vote:open', {
        meetingId: f.meetingId,
        title: '限时表决',
        text: '限时表决的议案',
        durationSeconds: 1,
      }),
    );
    expect(vote.closesAt).not.toBeNull();
    const closedEvent = nextEvent(reps[2]!, 'vote:closed', (v) => v.id === vote.id);
    ok(await send(reps[0]!, 'vote:cast', { voteId: vote.id, choice: 'for' }));
    ok(await send(reps[1]!, 'vote:cast', { voteId: vote.id, choice: 'for' }));
    const early = await send(chair, 'meeting:adjourn', { meetingId: f.meetingId });
    expect(early.ok ? 'ok' : early.error.code).toBe('INVALID_STATE');
    const closed = await closedEvent;
    expect(closed.result).toMatchObject({
      outcome: 'adopted',
      closedBy: 'timer',
      counts: { for: 2, against: 0, abstain: 0 },
    });
  });

  it('a unit that has not checked in cannot vote', async () => {
    const vote = ok(await send(chair, 'vote:open', { meetingId: f.meetingId, title: '第二项', text: '第二项议案' }));
    const res = await send(reps[2]!, 'vote:cast', { voteId: vote.id, choice: 'against' });
    expect(res.ok ? 'ok' : res.error.code).toBe('INVALID_STATE');
    ok(await send(chair, 'vote:close', { voteId: vote.id }));
  });

  it('a client that reconnects gets a fresh snapshot with its own ballots marked', async () => {
    reps[0]!.disconnect();
    reps[0] = await connect(server, f.reps[0]!.api.token);
    const snap = ok(await send(reps[0], 'meeting:join', { meetingId: f.meetingId }));
    expect(snap.flow.status).toBe('in_session');
    expect(snap.votes).toHaveLength(2);
    expect(snap.votes[0]!.castByMe).toEqual([f.reps[0]!.unit]);
    expect(snap.votes[1]!.castByMe).toEqual([]);
  });

  it('a frozen decision version is put to the vote: its stored text and hash, and the decision follows the result', async () => {
    // The room hears of a new draft and of each frozen version, so every screen lists them.
    // So does the meeting screen, which follows the alliance channel rather than the room.
    const screen = await connect(server, f.reps[2]!.api.token);
    ok(await send(screen, 'alliance:subscribe', { allianceId: f.allianceId }));
    const drafted = nextEvent(chair, 'decision:changed', (p) => p.meetingId === f.meetingId);
    const onScreen = nextEvent(screen, 'decision:changed', (p) => p.meetingId === f.meetingId);
    const decision = (await f.secretary.post(`/meetings/${f.meetingId}/decisions`, { title: '关于共建共治的决定' }))
      .body;
    expect((await drafted).decisionId).toBe(decision.id);
    expect((await onScreen).decisionId).toBe(decision.id);
    screen.disconnect();
    const draft = await openDoc(server, decision.docName, f.secretary.token);
    try {
      writeParagraphs(draft.doc, ['一、成员单位共建共治，每月通报进展。']);
      await until(() => fragmentText(draft.doc).includes('共建共治'), 'the draft to hold the text');
      await server.ctx.yjs.flushAll();
    } finally {
      draft.close();
    }
    const frozen = nextEvent(chair, 'decision:changed', (p) => p.decisionId === decision.id);
    const v1 = (await f.secretary.post(`/decisions/${decision.id}/versions`)).body;
    expect(v1.number).toBe(1);
    await frozen;
    const both = await send(chair, 'vote:open', {
      meetingId: f.meetingId,
      title: '表决',
      text: '别的文本',
      decisionId: decision.id,
      version: 1,
    });
    expect(both.ok ? 'ok' : both.error.code).toBe('VALIDATION');
    const vote = ok(
      await send(chair, 'vote:open', {
        meetingId: f.meetingId,
        title: decision.title,
        decisionId: decision.id,
        version: 1,
      }),
    );
    expect(vote).toMatchObject({ text: v1.text, textSha256: v1.sha256, decision: decision.id, decisionVersion: 1 });
    expect((await f.secretary.get(`/decisions/${decision.id}`)).body.status).toBe('voting');
    const again = await send(chair, 'vote:open', {
      meetingId: f.meetingId,
      title: decision.title,
      decisionId: decision.id,
      version: 1,
    });
    expect(again.ok ? 'ok' : again.error.code).toBe('INVALID_STATE');
    ok(await send(reps[0]!, 'vote:cast', { voteId: vote.id, choice: 'for' }));
    ok(await send(reps[1]!, 'vote:cast', { voteId: vote.id, choice: 'against' }));
    const closed = ok(await send(chair, 'vote:close', { voteId: vote.id }));
    expect(closed.result?.outcome).toBe('rejected'); // a tie is not a majority
    expect((await f.secretary.get(`/decisions/${decision.id}`)).body.status).toBe('rejected');
  });

  it('adjourning ends the session: no more check-ins or speakers', async () => {
    const flow = ok(await send(chair, 'meeting:adjourn', { meetingId: f.meetingId }));
    expect(flow.status).toBe('adjourned');
    const checkIn = await send(reps[3]!, 'meeting:checkIn', { meetingId: f.meetingId });
    expect(checkIn.ok ? 'ok' : checkIn.error.code).toBe('INVALID_STATE');
    const speak = await send(reps[3]!, 'speaker:request', { meetingId: f.meetingId });
    expect(speak.ok ? 'ok' : speak.error.code).toBe('INVALID_STATE');
  });
});
