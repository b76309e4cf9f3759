import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, nextEvent, ok, send, setUpAlliance, type RoomClient, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/** A second secretary's open alliance page follows the first one's changes without a reload. */
describe('the alliance channel hears of changes to the alliance itself', () => {
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

  it('a change of representatives (who may act) reaches it too', async () => {
    const heard = nextEvent(page, 'alliance:changed');
    const res = await f.secretary.patch(`/alliances/${f.allianceId}/members/${f.reps[2]!.unit}`, { role: 'observer' });
    expect(res.status).toBe(200);
    expect(await heard).toEqual({ allianceId: f.allianceId });
  });
});
