import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workbench } from '@tongxin/shared';
import { connect, ok, send, setUpAlliance, type RoomClient, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/**
 * After 散会 the room is closed for business — no vote, no action item, no agenda move, no
 * speaker — and the minutes take over: each unit that has not answered the draft sees 待确认纪要
 * on its workbench, whoever may publish sees 待签发, until the minutes are published.
 */
describe('a closed meeting (散会) and the workbench that follows its minutes', () => {
  let server: TestServer;
  let f: RoomFixture;
  let chair: RoomClient;
  let rep2: RoomClient;
  const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error!.code);
  const workbench = async (api: RoomFixture['secretary']) => {
    const res = await api.get<Workbench>('/workbench');
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    server = await startTestServer();
    f = await setUpAlliance(server, 3);
    chair = await connect(server, f.secretary.token);
    rep2 = await connect(server, f.reps[1]!.api.token);
    for (const s of [chair, rep2]) ok(await send(s, 'meeting:join', { meetingId: f.meetingId }));
    ok(await send(chair, 'meeting:checkIn', { meetingId: f.meetingId, unitId: f.reps[0]!.unit }));
    ok(await send(rep2, 'meeting:checkIn', { meetingId: f.meetingId }));
    ok(await send(chair, 'meeting:start', { meetingId: f.meetingId }));
    ok(await send(rep2, 'speaker:request', { meetingId: f.meetingId }));
  });
  afterAll(async () => {
    for (const s of [chair, rep2]) s?.disconnect();
    await server?.dispose();
  });

  it('nothing is waiting while the meeting is in session', async () => {
    expect(await workbench(f.secretary)).toEqual({ minutesToConfirm: [], minutesToPublish: [] });
    expect(await workbench(f.reps[1]!.api)).toEqual({ minutesToConfirm: [], minutesToPublish: [] });
  });

  it('after 散会 the chair can no longer open a vote, create an action item, move the agenda or call a speaker', async () => {
    expect(ok(await send(chair, 'meeting:adjourn', { meetingId: f.meetingId })).status).toBe('adjourned');
    const vote = await send(chair, 'vote:open', { meetingId: f.meetingId, title: '散会后的表决', text: '不应开始。' });
    expect(code(vote)).toBe('INVALID_STATE');
    const item = await send(chair, 'actionItem:create', {
      meetingId: f.meetingId,
      title: '散会后的督办事项',
      leadUnit: f.reps[0]!.unit,
      responsiblePerson: '王建华',
      dueDate: '2030-01-31',
    });
    expect(code(item)).toBe('INVALID_STATE');
    expect(code(await send(chair, 'meeting:setAgendaItem', { meetingId: f.meetingId, item: null }))).toBe('INVALID_STATE');
    expect(code(await send(chair, 'speaker:next', { meetingId: f.meetingId, timeBoxSeconds: 180 }))).toBe('INVALID_STATE');
    expect(code(await send(chair, 'meeting:adjourn', { meetingId: f.meetingId }))).not.toBe('ok');
    // Nothing slipped through: no action item came from this meeting.
    const snapshot = ok(await send(rep2, 'meeting:join', { meetingId: f.meetingId }));
    expect(snapshot.actionItems).toEqual([]);
    expect(snapshot.flow.status).toBe('adjourned');
  });

  it('each representative is asked to confirm for their unit; the secretary and the convener to publish', async () => {
    const meeting = { id: f.meetingId, title: '联席会议（测试）', seq: 1, alliance: { id: f.allianceId, name: expect.any(String) } };
    const forRep = async (n: number) => (await workbench(f.reps[n - 1]!.api)).minutesToConfirm;
    expect(await forRep(2)).toEqual([{ meeting, unit: { id: f.reps[1]!.unit, name: expect.any(String) } }]);
    expect(await forRep(3)).toEqual([{ meeting, unit: { id: f.reps[2]!.unit, name: expect.any(String) } }]);
    // Observers (列席) are not asked; they have nothing to publish either.
    expect(await workbench(f.observer.api)).toEqual({ minutesToConfirm: [], minutesToPublish: [] });
    // The convener unit's representative both answers for the unit and may publish.
    const convener = await workbench(f.reps[0]!.api);
    expect(convener.minutesToConfirm.map((t) => t.unit.id)).toEqual([f.reps[0]!.unit]);
    expect(convener.minutesToPublish).toEqual([{ meeting, answered: 0, asked: 3 }]);
    const secretary = await workbench(f.secretary);
    expect(secretary.minutesToConfirm).toEqual([]);
    expect(secretary.minutesToPublish).toEqual([{ meeting, answered: 0, asked: 3 }]);
    // A representative of another unit cannot publish, so sees no 待签发.
    expect((await workbench(f.reps[1]!.api)).minutesToPublish).toEqual([]);
  });

  it('a unit that answered is no longer asked; the count of answers goes up for the secretary', async () => {
    await f.reps[1]!.api.get(`/meetings/${f.meetingId}/minutes`);
    const answered = await f.reps[1]!.api.post(`/meetings/${f.meetingId}/minutes/confirmations`, { state: 'confirmed' });
    expect(answered.status).toBe(200);
    expect((await workbench(f.reps[1]!.api)).minutesToConfirm).toEqual([]);
    expect((await workbench(f.reps[2]!.api)).minutesToConfirm).toHaveLength(1);
    expect((await workbench(f.secretary)).minutesToPublish[0]).toMatchObject({ answered: 1, asked: 3 });
  });

  it('once published nothing about these minutes is waiting for anyone', async () => {
    expect((await f.secretary.post(`/meetings/${f.meetingId}/minutes/publish`)).status).toBe(200);
    for (const api of [f.secretary, f.reps[0]!.api, f.reps[2]!.api]) {
      expect(await workbench(api)).toEqual({ minutesToConfirm: [], minutesToPublish: [] });
    }
  });
});
