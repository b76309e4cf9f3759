import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionItem } from '@tongxin/shared';
import { request } from './support/api.js';
import { connect, nextEvent, ok, send, setUpAlliance, type RoomClient, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/**
 * 督办事项: assigned in the room, followed up over REST by the lead unit, verified and closed
 * (销号) by a supervisor; the ledger (工作台账) filters and exports them.
 */
describe('action items and the work ledger', () => {
  let server: TestServer;
  let f: RoomFixture;
  let chair: RoomClient;
  let lead: RoomClient;
  let follower: RoomClient;
  let item: ActionItem;

  beforeAll(async () => {
    server = await startTestServer();
    f = await setUpAlliance(server, 3);
    chair = await connect(server, f.secretary.token);
    lead = await connect(server, f.reps[1]!.api.token);
    // rep3 is not in the meeting room: it follows the alliance channel only.
    follower = await connect(server, f.reps[2]!.api.token);
    ok(await send(chair, 'meeting:join', { meetingId: f.meetingId }));
    ok(await send(lead, 'meeting:join', { meetingId: f.meetingId }));
    ok(await send(follower, 'alliance:subscribe', { allianceId: f.allianceId }));
  });
  afterAll(async () => {
    for (const s of [chair, lead, follower]) s?.disconnect();
    await server?.dispose();
  });

  const fields = () => ({
    title: '背街小巷环境整治',
    description: '对辖区 12 条背街小巷开展环境整治',
    leadUnit: f.reps[1]!.unit,
    cooperatingUnits: [f.reps[2]!.unit],
    responsiblePerson: '李秀英',
    measures: '一巷一策，每周巡查',
    dueDate: '2027-06-30',
  });

  it('the chair assigns one in the room; the room and the alliance channel both see it', async () => {
    const inRoom = nextEvent(lead, 'actionItem:updated');
    const onChannel = nextEvent(follower, 'actionItem:updated');
    item = ok(await send(chair, 'actionItem:create', { meetingId: f.meetingId, ...fields() }));
    expect(item).toMatchObject({
      status: 'todo',
      percent: 0,
      overdue: false,
      meeting: f.meetingId,
      responsiblePerson: '李秀英',
    });
    expect(item.leadUnit.id).toBe(f.reps[1]!.unit);
    expect((await inRoom).id).toBe(item.id);
    expect((await onChannel).meetingId).toBe(f.meetingId);
  });

  it('a representative cannot assign work to another unit', async () => {
    const res = await send(lead, 'actionItem:create', { meetingId: f.meetingId, ...fields() });
    expect(res.ok ? 'ok' : res.error.code).toBe('FORBIDDEN');
  });

  it('only the lead unit reports progress; a report moves 待办 to 进行中 and reaches the room', async () => {
    const cooperating = await f.reps[2]!.api.post(`/action-items/${item.id}/progress`, {
      text: '已配合摸排',
      percent: 10,
    });
    expect(cooperating.status).toBe(403);
    const seen = nextEvent(chair, 'actionItem:updated', (i) => i.percent === 40);
    const res = await f.reps[1]!.api.post(`/action-items/${item.id}/progress`, {
      text: '完成 5 条小巷整治',
      percent: 40,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'in_progress', percent: 40 });
    expect(res.body.progress).toEqual([
      expect.objectContaining({
        text: '完成 5 条小巷整治',
        percent: 40,
        author: expect.objectContaining({ id: f.reps[1]!.id }),
      }),
    ]);
    expect((await seen).status).toBe('in_progress');
  });

  it('the lead unit hands it in; only a supervisor verifies and closes it (销号)', async () => {
    expect((await f.reps[1]!.api.post(`/action-items/${item.id}/transition`, { transition: 'verify' })).status).toBe(
      403,
    );
    const early = await f.secretary.post(`/action-items/${item.id}/transition`, { transition: 'verify' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('INVALID_STATE');
    ok(await send(lead, 'actionItem:transition', { itemId: item.id, transition: 'submit' }));
    const closed = await f.secretary.post(`/action-items/${item.id}/transition`, {
      transition: 'verify',
      note: '现场验收合格',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const late = await send(lead, 'actionItem:progress', { itemId: item.id, text: '补充', percent: 100 });
    expect(late.ok ? 'ok' : late.error.code).toBe('INVALID_STATE');
    const audit = await server.ctx.db.models.AuditEvent.find({ targetId: item.id }).sort({ at: 1, _id: 1 }).lean();
    expect(audit.map((a) => a.action)).toEqual([
      'actionItem.create',
      // The lead unit's first report is its 签收 too.
      'actionItem.acknowledge',
      'actionItem.progress',
      'actionItem.submit',
      'actionItem.verify',
    ]);
  });

  it('the ledger filters by status, overdue, lead unit and due date', async () => {
    const overdue = await f.secretary.post(`/alliances/${f.allianceId}/action-items`, {
      ...fields(),
      title: '老旧小区加装电梯, "一号楼"',
      leadUnit: f.reps[0]!.unit,
      cooperatingUnits: [],
      dueDate: '2020-01-31',
    });
    expect(overdue.status).toBe(201);
    expect(overdue.body).toMatchObject({ overdue: true, meeting: null });
    const base = `/alliances/${f.allianceId}/action-items`;
    const titles = async (q: string) =>
      ((await f.reps[0]!.api.get(`${base}?${q}`)).body.items as ActionItem[]).map((i) => i.title);
    expect(await titles('overdue=true')).toEqual(['老旧小区加装电梯, "一号楼"']);
    expect(await titles('overdue=false')).toEqual(['背街小巷环境整治']);
    expect(await titles('status=closed')).toEqual(['背街小巷环境整治']);
    expect(await titles(`leadUnit=${f.reps[0]!.unit}`)).toEqual(['老旧小区加装电梯, "一号楼"']);
    expect(await titles('dueFrom=2027-01-01&dueTo=2027-12-31')).toEqual(['背街小巷环境整治']);
    expect(await titles('open=true')).toEqual(['老旧小区加装电梯, "一号楼"']);
    expect(await titles('open=false')).toEqual(['背街小巷环境整治']);
    expect(await titles(`excludeMeeting=${f.meetingId}`)).toEqual(['老旧小区加装电梯, "一号楼"']);
    expect((await f.reps[0]!.api.get(`${base}?status=galactic`)).status).toBe(400);
    // A unit's own ledger: what it leads or cooperates on.
    const unit3 = await f.reps[2]!.api.get(`/units/${f.reps[2]!.unit}/action-items`);
    expect((unit3.body.items as ActionItem[]).map((i) => i.title)).toEqual(['背街小巷环境整治']);
  });

  it('exports the ledger as CSV with a BOM so that Excel opens the Chinese correctly', async () => {
    const res = await fetch(`${server.url}/api/alliances/${f.allianceId}/action-items.csv`, {
      headers: { authorization: `Bearer ${f.secretary.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv; charset=utf-8/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^序号,督办事项,事项说明,牵头单位,配合单位,责任人/);
    expect(lines).toHaveLength(3);
    expect(text).toContain('"老旧小区加装电梯, ""一号楼"""');
    expect(text).toContain('已销号');
  });

  it('an outsider sees no ledger', async () => {
    const outsider = await request(server, 'GET', `/alliances/${f.allianceId}/action-items`, undefined, {
      authorization: `Bearer ${f.outsider.api.token}`,
    });
    expect(outsider.status).toBe(403);
    const unitLedger = await f.outsider.api.get(`/units/${f.reps[2]!.unit}/action-items`);
    expect(unitLedger.body.items).toEqual([]);
  });

  it('the convener cannot sign off work its own unit leads; a secretary can', async () => {
    const own = await f.secretary.post(`/alliances/${f.allianceId}/action-items`, {
      ...fields(),
      title: '召开居民议事会',
      leadUnit: f.reps[0]!.unit,
      cooperatingUnits: [],
      meetingId: f.meetingId,
    });
    expect(own.status).toBe(201);
    const convener = f.reps[0]!.api;
    expect((await convener.post(`/action-items/${own.body.id}/progress`, { text: '议事会已召开', percent: 100 })).status).toBe(201);
    expect((await convener.post(`/action-items/${own.body.id}/transition`, { transition: 'submit' })).status).toBe(200);
    const selfVerify = await convener.post(`/action-items/${own.body.id}/transition`, { transition: 'verify' });
    expect(selfVerify.status).toBe(403);
    expect(
      (await convener.post(`/action-items/${own.body.id}/transition`, { transition: 'cancel', note: '不再需要' })).status,
    ).toBe(403);
    const verified = await f.secretary.post(`/action-items/${own.body.id}/transition`, {
      transition: 'verify',
      note: '会议纪要已存档，同意销号',
    });
    expect(verified.body.status).toBe('closed');
    // Each step stays on the item with who took it and the note.
    expect(verified.body.steps).toMatchObject([
      { transition: 'submit', to: 'awaiting_verification', note: null, by: { id: f.reps[0]!.id } },
      { transition: 'verify', to: 'closed', note: '会议纪要已存档，同意销号', by: { name: '孙丽' } },
    ]);
  });
});
