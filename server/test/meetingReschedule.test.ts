import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingDetail } from '@tongxin/shared';
import { connect, nextEvent, ok, send, setUpAlliance, type RoomClient, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/** 改期: a scheduled meeting moves; the alliance's open screens hear of it, the audit keeps both times. */
describe('rescheduling a meeting', () => {
  let server: TestServer;
  let f: RoomFixture;
  let page: RoomClient;

  beforeAll(async () => {
    server = await startTestServer();
    f = await setUpAlliance(server, 3);
    // A member unit's alliance page, listening on the alliance channel.
    page = await connect(server, f.reps[1]!.api.token);
    ok(await send(page, 'alliance:subscribe', { allianceId: f.allianceId }));
  });
  afterAll(async () => {
    page?.disconnect();
    await server?.dispose();
  });

  const path = () => `/meetings/${f.meetingId}/reschedule`;
  const inDays = (d: number) => new Date(Date.now() + d * 86_400_000);

  it('the secretary may reschedule it and a representative of another unit may not; the meeting says so', async () => {
    expect((await f.secretary.get<MeetingDetail>(`/meetings/${f.meetingId}`)).body.can.reschedule).toBe(true);
    expect((await f.reps[1]!.api.get<MeetingDetail>(`/meetings/${f.meetingId}`)).body.can.reschedule).toBe(false);
    const refused = await f.reps[1]!.api.post(path(), { scheduledAt: inDays(3).toISOString() });
    expect(refused.status).toBe(403);
  });

  it('a time in the past, or no change at all, is refused with the field named and changes nothing', async () => {
    const before = (await f.secretary.get<MeetingDetail>(`/meetings/${f.meetingId}`)).body;
    const past = await f.secretary.post(path(), { scheduledAt: inDays(-1).toISOString() });
    expect(past.status).toBe(400);
    expect(past.body.error.details.field).toBe('scheduledAt');
    const same = await f.secretary.post(path(), { scheduledAt: before.scheduledAt });
    expect(same.status).toBe(400);
    const garbage = await f.secretary.post(path(), { scheduledAt: 'next tuesday' });
    expect(garbage.status).toBe(400);
    expect((await f.secretary.get<MeetingDetail>(`/meetings/${f.meetingId}`)).body.scheduledAt).toBe(
      before.scheduledAt,
    );
  });

  it('moving it tells the alliance channel the new and the old time, and the audit keeps both with the reason', async () => {
    const before = (await f.secretary.get<MeetingDetail>(`/meetings/${f.meetingId}`)).body;
    const to = inDays(7);
    const heard = nextEvent(page, 'meeting:rescheduled');
    const changed = nextEvent(page, 'meeting:changed');
    const res = await f.secretary.post<MeetingDetail>(path(), {
      scheduledAt: to.toISOString(),
      place: '街道党群服务中心三楼',
      reason: '与区里会议冲突',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      scheduledAt: to.toISOString(),
      place: '街道党群服务中心三楼',
      status: 'scheduled',
    });
    expect(await heard).toEqual({
      meetingId: f.meetingId,
      allianceId: f.allianceId,
      title: before.title,
      scheduledAt: to.toISOString(),
      previousAt: before.scheduledAt,
      place: '街道党群服务中心三楼',
    });
    expect((await changed).meetingId).toBe(f.meetingId);

    const audit = await server.ctx.db.models.AuditEvent.findOne({
      targetId: f.meetingId,
      action: 'meeting.reschedule',
    }).lean();
    expect(audit?.changes).toEqual(
      expect.arrayContaining([
        { field: 'scheduledAt', before: before.scheduledAt, after: to.toISOString() },
        { field: 'place', before: '党群服务中心', after: '街道党群服务中心三楼' },
        { field: 'reason', after: '与区里会议冲突' },
      ]),
    );
  });

  it('an edit that moves a scheduled meeting (PATCH) is announced the same way', async () => {
    const before = (await f.secretary.get<MeetingDetail>(`/meetings/${f.meetingId}`)).body;
    const to = inDays(8);
    const heard = nextEvent(page, 'meeting:rescheduled');
    expect((await f.secretary.patch(`/meetings/${f.meetingId}`, { scheduledAt: to.toISOString() })).status).toBe(200);
    expect(await heard).toMatchObject({ meetingId: f.meetingId, scheduledAt: to.toISOString(), previousAt: before.scheduledAt });
  });

  it('once the meeting has started it keeps its time', async () => {
    const chair = await connect(server, f.secretary.token);
    try {
      ok(await send(chair, 'meeting:join', { meetingId: f.meetingId }));
      ok(await send(chair, 'meeting:start', { meetingId: f.meetingId, override: { reason: '测试' } }));
      const res = await f.secretary.post(path(), { scheduledAt: inDays(9).toISOString() });
      expect(res.status).toBe(409);
      expect((await f.secretary.get<MeetingDetail>(`/meetings/${f.meetingId}`)).body.can.reschedule).toBe(false);
    } finally {
      chair.disconnect();
    }
  });
});
