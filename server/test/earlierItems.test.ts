import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionItem, Page } from '@tongxin/shared';
import { setUpAlliance, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/**
 * The meeting page's "earlier items" panel asks the ledger for every open item of the alliance that
 * this meeting did not assign — including items assigned outside any meeting.
 */
describe('earlier items for a meeting', () => {
  let server: TestServer;
  let f: RoomFixture;

  beforeAll(async () => {
    server = await startTestServer();
    f = await setUpAlliance(server, 3);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const create = async (title: string, meetingId?: string) => {
    const res = await f.secretary.post<ActionItem>(`/alliances/${f.allianceId}/action-items`, {
      title,
      leadUnit: f.reps[1]!.unit,
      responsiblePerson: '李秀英',
      dueDate: '2027-06-30',
      ...(meetingId ? { meetingId } : {}),
    });
    if (res.status !== 201) throw new Error(`creating ${title}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  it('lists open items made outside meetings and at other meetings, not this meeting’s own nor closed ones', async () => {
    const other = await f.secretary.post(`/alliances/${f.allianceId}/meetings`, {
      title: '另一次会议',
      scheduledAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      place: '会议室',
    });
    await f.secretary.post(`/meetings/${other.body.id}/schedule`);
    const outside = await create('会外交办的事项');
    const earlier = await create('往次会议交办的事项', other.body.id);
    const own = await create('本次会议交办的事项', f.meetingId);
    const cancelled = await create('已取消的事项');
    const c = await f.secretary.post(`/action-items/${cancelled.id}/transition`, {
      transition: 'cancel',
      note: '重复立项',
    });
    expect(c.status).toBe(200);

    const res = await f.reps[0]!.api.get<Page<ActionItem>>(
      `/alliances/${f.allianceId}/action-items?open=true&excludeMeeting=${f.meetingId}&page=1&pageSize=100`,
    );
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([outside.id, earlier.id]));
    expect(ids).not.toContain(own.id);
    expect(ids).not.toContain(cancelled.id);
    expect(res.body.items.find((i) => i.id === outside.id)!.meeting).toBeNull();
    expect(res.body.total).toBe(2);
    // Each row says its light, as the server reckons it (far from the deadline, just assigned: green).
    expect(res.body.items.map((i) => i.light)).toEqual([
      { light: 'green', reason: 'on_track' },
      { light: 'green', reason: 'on_track' },
    ]);
  });
});
