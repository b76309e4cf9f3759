import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, nextEvent, ok, send, setUpAlliance, type RoomClient, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/** A second secretary's open alliance page follows the first one's changes without a reload. */
describe('the alliance channel hears of changes to the alliance and its lists', () => {
  let server: TestServer;
  let f: RoomFixture;
  let page: RoomClient;

  beforeAll(async () => {
    server = await startTestServer();
    f = await setUpAlliance(server, 3);
    page = await connect(server, f.reps[1]!.api.token);
    ok(await send(page, 'alliance:subscribe', { allianceId: f.allianceId }));
  });
  afterAll(async () => {
    page?.disconnect();
    await server?.dispose();
  });

  it('a change to the description reaches the open alliance page', async () => {
    const heard = nextEvent(page, 'alliance:changed');
    const res = await f.secretary.patch(`/alliances/${f.allianceId}`, { description: '每月第一个周三召开联席会议。' });
    expect(res.status).toBe(200);
    expect(await heard).toEqual({ allianceId: f.allianceId });
  });

  it('a demand another unit raises reaches the open lists (需求清单) at once', async () => {
    const heard = nextEvent(page, 'lists:changed');
    const res = await f.reps[0]!.api.post(`/alliances/${f.allianceId}/demands`, { title: '老人助餐', category: '养老服务', unit: f.reps[0]!.unit });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await heard).toEqual({ allianceId: f.allianceId, kind: 'demand' });
  });

  it('a whistle raised (吹哨) reaches the open whistle list', async () => {
    const heard = nextEvent(page, 'lists:changed');
    const res = await f.reps[0]!.api.post(`/alliances/${f.allianceId}/whistles`, {
      unit: f.reps[0]!.unit,
      title: '幸福里小区雨水管网堵塞',
      description: '暴雨后积水严重',
      category: '环境整治',
      leadUnit: f.reps[1]!.unit,
      assistingUnits: [],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(await heard).toEqual({ allianceId: f.allianceId, kind: 'whistle' });
  });

  it('a change of representatives (who may act) reaches it too', async () => {
    const heard = nextEvent(page, 'alliance:changed');
    const res = await f.secretary.patch(`/alliances/${f.allianceId}/members/${f.reps[2]!.unit}`, { role: 'observer' });
    expect(res.status).toBe(200);
    expect(await heard).toEqual({ allianceId: f.allianceId });
  });
});
