import { DomainEventSchema, type DomainEvent } from '@tongxin/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, nextEvent, ok, send, setUpAlliance, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

describe('one path from a command to every screen', () => {
  let server: TestServer;
  let f: RoomFixture;
  const seen: DomainEvent[] = [];
  beforeAll(async () => {
    server = await startTestServer();
    server.ctx.events.consume({ name: 'test', where: 'here', handle: (e) => void seen.push(e) });
    f = await setUpAlliance(server, 2);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('scheduling, changing and cancelling a meeting over REST reach open meeting pages at once', async () => {
    const page = await connect(server, f.reps[0]!.api.token);
    try {
      ok(await send(page, 'alliance:subscribe', { allianceId: f.allianceId }));
      const created = await f.secretary.post(`/alliances/${f.allianceId}/meetings`, {
        title: '临时联席会议',
        scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
        place: '党群服务中心',
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      for (const [label, change] of [
        ['scheduled', () => f.secretary.post(`/meetings/${id}/schedule`)],
        ['changed', () => f.secretary.patch(`/meetings/${id}`, { place: '街道会议室' })],
        ['cancelled', () => f.secretary.post(`/meetings/${id}/cancel`)],
      ] as const) {
        const heard = nextEvent(page, 'meeting:changed', (p) => p.meetingId === id, 5_000);
        expect((await change()).status, label).toBe(200);
        await heard;
      }
      expect(seen.filter((e) => 'meetingId' in e && e.meetingId === id).map((e) => e.type)).toEqual([
        'meeting.created',
        'meeting.scheduled',
        'meeting.updated',
        'meeting.cancelled',
      ]);
    } finally {
      page.disconnect();
    }
  });

  it('every event a command publishes is one of the shared schema, and a secret ballot’s event names no choice', async () => {
    const chair = await connect(server, f.secretary.token);
    const reps = await Promise.all(f.reps.map((r) => connect(server, r.api.token)));
    try {
      for (const s of reps) ok(await send(s, 'meeting:checkIn', { meetingId: f.meetingId }));
      ok(await send(chair, 'meeting:start', { meetingId: f.meetingId }));
      const vote = ok(
        await send(chair, 'vote:open', { meetingId: f.meetingId, title: '无记名表决', text: '同意。', secret: true }),
      );
      ok(await send(reps[0]!, 'vote:cast', { voteId: vote.id, choice: 'against', unitId: f.reps[0]!.unit }));
      const cast = seen.filter((e) => e.type === 'ballot.cast');
      expect(cast).toHaveLength(1);
      expect(JSON.stringify(cast[0])).not.toMatch(/against|choice/);
      for (const e of seen) expect(DomainEventSchema.safeParse(e).success, e.type).toBe(true);
    } finally {
      for (const s of [chair, ...reps]) s.disconnect();
    }
  });
});
