import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification, NotificationKind, NotificationPage } from '@tongxin/shared';
import { SettableClock } from '../src/clock.js';
import { notify, type NotifyRequest } from '../src/notify/notifier.js';
import { sendDailyDigest } from '../src/notify/notifications.js';
import type { ApiClient } from './support/api.js';
import { connect, nextEvent, setUpAlliance, type RoomClient, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/**
 * 消息中心: one notification per person per occurrence, to the people the occurrence concerns,
 * as each person chose (kinds switched off, quiet hours, the daily summary); the bell hears of it
 * at once; each person reads and settles their own.
 */
describe('the notification centre', () => {
  const clock = new SettableClock(new Date('2026-12-07T04:00:00Z')); // 12:00 in Beijing
  let server: TestServer;
  let f: RoomFixture;
  let secretaryId: string;
  let tag = 0;

  beforeAll(async () => {
    // No reminder scheduler: every notification here is one the test asked for.
    server = await startTestServer({ REMINDER_TICK_MS: '0' }, { clock });
    f = await setUpAlliance(server, 3);
    secretaryId = (await f.secretary.get('/me')).body.user.id as string;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const rep = (i: number) => f.reps[i]!;
  const key = () => `test:${Date.now()}:${tag++}`;
  const request = (over: Partial<NotifyRequest> = {}): NotifyRequest => ({
    key: key(),
    kind: 'item.dueSoon',
    allianceId: f.allianceId,
    to: {},
    params: { title: '背街小巷环境整治', date: '2026-12-10', days: 3, unit: '测试单位' },
    link: '/',
    ...over,
  });
  const rowsOf = (k: string) => server.ctx.db.models.Notification.find({ key: k }).lean();
  const list = async (api: ApiClient, q = '') => (await api.get(`/notifications${q}`)).body as NotificationPage;
  const unread = async (api: ApiClient) => (await api.get('/notifications/unread-count')).body.count as number;
  const preferences = (api: ApiClient, body: unknown) => api.put('/notifications/preferences', body);

  it('the same occurrence notifies a person once, however often it is asked', async () => {
    const socket = await connect(server, rep(0).api.token);
    try {
      const req = request({ to: { userIds: [rep(0).id] } });
      const heard = nextEvent(socket, 'notifications:changed');
      await notify(server.ctx, req);
      await heard;
      await notify(server.ctx, req);
      await Promise.all([notify(server.ctx, req), notify(server.ctx, req)]);
      expect(await rowsOf(req.key)).toHaveLength(1);
    } finally {
      socket.disconnect();
    }
  });

  it('reaches the people named, the units’ representatives in the alliance and its secretaries, once each', async () => {
    const req = request({
      to: { userIds: [rep(0).id, secretaryId], unitIds: [rep(1).unit, f.outsider.unit], secretaries: true },
    });
    await notify(server.ctx, req);
    const users = (await rowsOf(req.key)).map((n) => String(n.user)).sort();
    // The outsider's unit is not a member: nobody represents it in this alliance.
    expect(users).toEqual([rep(0).id, rep(1).id, secretaryId].sort());
  });

  it('leaves out a person who is deactivated', async () => {
    await server.ctx.db.models.User.updateOne({ _id: rep(2).id }, { $set: { active: false } });
    try {
      const req = request({ to: { unitIds: [rep(2).unit] } });
      await notify(server.ctx, req);
      expect(await rowsOf(req.key)).toHaveLength(0);
    } finally {
      await server.ctx.db.models.User.updateOne({ _id: rep(2).id }, { $set: { active: true } });
    }
  });

  it('a kind the person switched off is not sent to them; the others still get it', async () => {
    const api = rep(1).api;
    const saved = await preferences(api, { disabledKinds: ['item.overdue'], quietHours: null, dailyDigest: false });
    expect(saved.status).toBe(200);
    const req = request({ kind: 'item.overdue', to: { userIds: [rep(0).id, rep(1).id] } });
    await notify(server.ctx, req);
    expect((await rowsOf(req.key)).map((n) => String(n.user))).toEqual([rep(0).id]);
    await preferences(api, { disabledKinds: [], quietHours: null, dailyDigest: false });
  });

  it('in quiet hours (Beijing time) a notification is kept but marked quiet', async () => {
    const api = rep(1).api;
    expect((await preferences(api, { disabledKinds: [], quietHours: { from: '22:00', to: '07:00' }, dailyDigest: false })).status).toBe(200);
    try {
      clock.set(new Date('2026-12-07T15:30:00Z')); // 23:30 in Beijing
      const night = request({ to: { userIds: [rep(1).id, rep(0).id] } });
      await notify(server.ctx, night);
      const rows = await rowsOf(night.key);
      expect(rows.find((n) => String(n.user) === rep(1).id)?.quiet).toBe(true);
      expect(rows.find((n) => String(n.user) === rep(0).id)?.quiet).toBe(false);
      clock.set(new Date('2026-12-07T23:10:00Z')); // 07:10 the next morning
      const morning = request({ to: { userIds: [rep(1).id] } });
      await notify(server.ctx, morning);
      expect((await rowsOf(morning.key))[0]?.quiet).toBe(false);
      const page = await list(api, '?limit=1');
      expect(page.items[0]).toMatchObject({ quiet: false, readAt: null });
    } finally {
      clock.set(new Date('2026-12-07T04:00:00Z'));
      await preferences(api, { disabledKinds: [], quietHours: null, dailyDigest: false });
    }
  });

  it('with the daily summary, reminders are held and folded into one message; urgent ones still come at once', async () => {
    const person = rep(2);
    await preferences(person.api, { disabledKinds: [], quietHours: null, dailyDigest: true });
    await person.api.post('/notifications/read-all');
    const before = await unread(person.api);
    expect(before).toBe(0);
    clock.set(new Date('2026-12-08T01:00:00Z')); // 09:00 on the 8th in Beijing
    await notify(server.ctx, request({ kind: 'item.dueSoon', to: { userIds: [person.id] } }));
    await notify(server.ctx, request({ kind: 'item.overdue', to: { userIds: [person.id] } }));
    await notify(server.ctx, request({ kind: 'meeting.in1h', to: { userIds: [person.id] } }));
    // Only the meeting within the hour counts now.
    expect(await unread(person.api)).toBe(1);
    const held = (await list(person.api)).items.filter((n) => n.digest);
    expect(held.map((n) => n.kind).sort()).toEqual(['item.dueSoon', 'item.overdue']);

    clock.set(new Date('2026-12-09T00:30:00Z')); // 08:30 on the 9th
    await sendDailyDigest(server.ctx, person.id, '2026-12-09');
    await sendDailyDigest(server.ctx, person.id, '2026-12-09');
    const digests = await rowsOf(`digest:${person.id}:2026-12-09`);
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({ kind: 'digest.daily', params: { date: '2026-12-09', count: 2 }, digest: false });
    expect(await unread(person.api)).toBe(2);
    const after = await list(person.api);
    expect(after.items.filter((n) => n.digest).every((n) => n.readAt !== null)).toBe(true);
    // A day with nothing held sends nothing.
    await sendDailyDigest(server.ctx, person.id, '2026-12-10');
    expect(await rowsOf(`digest:${person.id}:2026-12-10`)).toHaveLength(0);
    clock.set(new Date('2026-12-07T04:00:00Z'));
    await preferences(person.api, { disabledKinds: [], quietHours: null, dailyDigest: false });
  });

  describe('after the 督办 cycle’s events', () => {
    let itemId: string;
    let leadSocket: RoomClient;
    beforeAll(async () => {
      leadSocket = await connect(server, rep(1).api.token);
    });
    afterAll(() => leadSocket?.disconnect());

    it('a new action item reaches the lead unit’s people at once (item.assigned)', async () => {
      const heard = nextEvent(leadSocket, 'notifications:changed');
      const created = await f.secretary.post(`/alliances/${f.allianceId}/action-items`, {
        title: '老旧小区加装电梯',
        leadUnit: rep(1).unit,
        cooperatingUnits: [],
        responsiblePerson: '李秀英',
        dueDate: '2027-03-31',
      });
      expect(created.status).toBe(201);
      itemId = created.body.id as string;
      await heard;
      const mine = (await list(rep(1).api)).items.find((n) => n.kind === 'item.assigned') as Notification;
      expect(mine).toMatchObject({
        allianceId: f.allianceId,
        link: `/action-items/${itemId}`,
        readAt: null,
        params: { title: '老旧小区加装电梯', date: '2027-03-31' },
      });
      expect(typeof mine.params.unit).toBe('string');
      // Not the other units.
      expect((await list(rep(0).api)).items.some((n) => n.kind === 'item.assigned' && n.link === mine.link)).toBe(false);
    });

    it('a replayed event notifies nobody twice', async () => {
      await server.ctx.events.publish([{ type: 'actionItem.created', allianceId: f.allianceId, meetingId: null, itemId }]);
      const rows = await server.ctx.db.models.Notification.find({ kind: 'item.assigned', link: `/action-items/${itemId}` }).lean();
      expect(rows).toHaveLength(1);
    });

    it('progress and the hand-in go to the secretaries; 销号 comes back to the lead unit', async () => {
      expect((await rep(1).api.post(`/action-items/${itemId}/progress`, { text: '完成电梯井施工', percent: 60 })).status).toBe(201);
      expect((await rep(1).api.post(`/action-items/${itemId}/transition`, { transition: 'submit' })).status).toBe(200);
      const forSecretary = (await list(f.secretary)).items.filter((n) => n.link === `/action-items/${itemId}`);
      expect(forSecretary.map((n) => n.kind)).toEqual(['item.submitted', 'item.progressReported']);
      expect(forSecretary[1]!.params).toMatchObject({ count: 60, note: '完成电梯井施工' });
      expect((await f.secretary.post(`/action-items/${itemId}/transition`, { transition: 'verify' })).status).toBe(200);
      const forLead = (await list(rep(1).api)).items.filter((n) => n.link === `/action-items/${itemId}`);
      expect(forLead.map((n) => n.kind)).toEqual(['item.verified', 'item.assigned']);
    });
  });

  it('minutes drafted go to the voting units’ representatives; minutes published to every member and the secretaries', async () => {
    const { meetingId, allianceId } = f;
    const link = `/meetings/${meetingId}/minutes`;
    const who = async (kind: NotificationKind) =>
      (await server.ctx.db.models.Notification.find({ kind, link }).lean()).map((n) => String(n.user)).sort();
    await server.ctx.events.publish([{ type: 'minutes.generated', meetingId, allianceId }]);
    // Observers (列席) are not asked to confirm.
    expect(await who('minutes.generated')).toEqual(f.reps.map((r) => r.id).sort());
    await server.ctx.events.publish([{ type: 'minutes.published', meetingId, allianceId }]);
    await server.ctx.events.publish([{ type: 'minutes.published', meetingId, allianceId }]);
    expect(await who('minutes.published')).toEqual([...f.reps.map((r) => r.id), f.observer.id, secretaryId].sort());
  });

  describe('over REST', () => {
    const person = () => rep(0);

    it('lists newest first, a page at a time, and only unread ones when asked', async () => {
      const api = person().api;
      await api.post('/notifications/read-all');
      // Later than anything the person got before.
      clock.set(new Date('2026-12-20T04:00:00Z'));
      for (let i = 0; i < 5; i++) {
        clock.advance(1000);
        await notify(server.ctx, request({ to: { userIds: [person().id] }, params: { title: `第${i}件` } }));
      }
      const first = await list(api, '?limit=2');
      expect(first.items.map((n) => n.params.title)).toEqual(['第4件', '第3件']);
      const second = await list(api, `?limit=2&cursor=${first.nextCursor}`);
      expect(second.items.map((n) => n.params.title)).toEqual(['第2件', '第1件']);
      const unreadOnly = await list(api, '?unread=1&limit=50');
      expect(unreadOnly.items).toHaveLength(5);
      expect(unreadOnly.nextCursor).toBeNull();
      expect(await unread(api)).toBe(5);
    });

    it('reads one, then all; another person cannot touch mine', async () => {
      const api = person().api;
      const [latest] = (await list(api, '?unread=1&limit=1')).items;
      expect((await rep(1).api.post(`/notifications/${latest!.id}/read`)).status).toBe(404);
      const read = await api.post(`/notifications/${latest!.id}/read`);
      expect(read.status).toBe(200);
      expect(read.body.readAt).not.toBeNull();
      expect(await unread(api)).toBe(4);
      const all = await api.post('/notifications/read-all');
      expect(all.body).toEqual({ marked: 4 });
      expect(await unread(api)).toBe(0);
      expect((await list(api, '?unread=1')).items).toEqual([]);
    });

    it('keeps and returns the preferences, defaults first', async () => {
      const fresh = f.observer.api;
      expect((await fresh.get('/notifications/preferences')).body).toEqual({
        disabledKinds: [],
        quietHours: null,
        dailyDigest: false,
      });
      const prefs = { disabledKinds: ['meeting.in24h', 'item.verified'], quietHours: { from: '21:30', to: '06:45' }, dailyDigest: true };
      expect((await preferences(fresh, prefs)).body).toEqual(prefs);
      expect((await fresh.get('/notifications/preferences')).body).toEqual(prefs);
    });

    it('refuses bad input with VALIDATION and changes nothing', async () => {
      const api = f.observer.api;
      const bad = [
        { disabledKinds: ['meeting.galactic'], quietHours: null, dailyDigest: false },
        { disabledKinds: [], quietHours: { from: '25:00', to: '07:00' }, dailyDigest: false },
        { disabledKinds: [], quietHours: { from: '22:00', to: '22:00' }, dailyDigest: false },
        { disabledKinds: ['item.verified', 'item.verified'], quietHours: null, dailyDigest: false },
        { disabledKinds: [], quietHours: null },
      ];
      for (const body of bad) {
        const res = await preferences(api, body);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION');
      }
      expect((await api.get('/notifications/preferences')).body.quietHours).toEqual({ from: '21:30', to: '06:45' });
      expect((await api.get('/notifications?limit=0')).status).toBe(400);
      expect((await api.get('/notifications?cursor=nope')).status).toBe(400);
      expect((await api.post('/notifications/nope/read')).status).toBe(404);
    });
  });
});
