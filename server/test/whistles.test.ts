import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationPage, WhistleDetail, WhistleStatsView } from '@tongxin/shared';
import { SettableClock } from '../src/clock.js';
import { notify, type NotifyRequest } from '../src/notify/notifier.js';
import { reminderScheduler, type ReminderScheduler } from '../src/notify/reminders.js';
import { agendaOf } from '../src/yjs/agenda.js';
import type { ApiClient } from './support/api.js';
import { setUpAlliance, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

const bj = (local: string) => new Date(`${local}:00+08:00`);

/**
 * 吹哨报到 through its clocks: a community blows the whistle at 17:00 on the Friday before the
 * National Day 调休 Saturday; the lead department 签收 on time, an assisting one late; both report;
 * the community closes it with ratings; the statistics say exactly that.
 */
describe('吹哨报到: whistle, clocks, reports, rating, statistics', () => {
  let server: TestServer;
  let f: RoomFixture;
  let scheduler: ReminderScheduler;
  let whistle: WhistleDetail;
  const clock = new SettableClock(bj('2026-10-09T16:50'));
  const delivered: NotifyRequest[] = [];

  const community = () => f.reps[0]!;
  const lead = () => f.reps[1]!;
  const assisting = () => f.reps[2]!;
  const base = () => `/alliances/${f.allianceId}`;
  /** Sets the time and lets the reminder scheduler tick; returns what it delivered about our whistle. */
  const tickAt = async (local: string) => {
    clock.set(bj(local), { frozen: true });
    const before = delivered.length;
    await scheduler.tick();
    return delivered.slice(before).filter((d) => d.link === `/whistles/${whistle.id}`).map((d) => `${d.kind}:${String(d.params.unit)}`);
  };
  const kindsOf = async (api: ApiClient) => ((await api.get('/notifications')).body as NotificationPage).items.map((n) => n.kind);

  beforeAll(async () => {
    server = await startTestServer({ REMINDER_TICK_MS: '0' }, { clock });
    f = await setUpAlliance(server, 3);
    scheduler = reminderScheduler(server.ctx, {
      tickMs: 0,
      deliver: async (req) => {
        delivered.push(req);
        await notify(server.ctx, req);
      },
    });
  }, 120_000);
  afterAll(async () => {
    await scheduler?.stop();
    await server?.dispose();
  });

  it('refuses a bad whistle with the field named, and one raised for another unit', async () => {
    const same = await community().api.post(`${base()}/whistles`, {
      unit: community().unit,
      title: '井盖缺失',
      description: '小区门口井盖缺失',
      category: '安全隐患',
      leadUnit: lead().unit,
      assistingUnits: [lead().unit],
    });
    expect(same.status).toBe(400);
    expect(JSON.stringify(same.body.error.details)).toContain('assistingUnits');
    const other = await lead().api.post(`${base()}/whistles`, {
      unit: community().unit,
      title: '井盖缺失',
      description: '小区门口井盖缺失',
      category: '安全隐患',
      leadUnit: assisting().unit,
    });
    expect(other.status).toBe(403);
    expect((await community().api.get(`${base()}/whistles`)).body.total).toBe(0);
  });

  it('a community blows the whistle on Friday 17:00: 签收 due on the 调休 Saturday, 报到 after the Sunday', async () => {
    clock.set(bj('2026-10-09T17:00'), { frozen: true });
    const res = await community().api.post(`${base()}/whistles`, {
      unit: community().unit,
      title: '背街小巷违规占道经营',
      description: '和平里北街夜市摊点占道，消防通道被堵',
      location: '和平里北街',
      category: '环境整治',
      urgency: 'urgent',
      leadUnit: lead().unit,
      assistingUnits: [assisting().unit],
    });
    expect(res.status).toBe(201);
    whistle = res.body;
    expect(whistle).toMatchObject({ status: 'open', stage: 'awaitingAck', light: 'green' });
    expect(whistle.departments.map((d) => [d.role, d.ack.dueAt, d.contact.dueAt, d.report.dueAt])).toEqual([
      ['lead', bj('2026-10-10T09:30').toISOString(), bj('2026-10-10T17:00').toISOString(), bj('2026-10-13T17:30').toISOString()],
      ['assisting', bj('2026-10-10T09:30').toISOString(), bj('2026-10-10T17:00').toISOString(), bj('2026-10-13T17:30').toISOString()],
    ]);
    expect(await kindsOf(lead().api)).toContain('whistle.summoned');
    expect(await kindsOf(assisting().api)).toContain('whistle.summoned');
  });

  it('the lead department 签收 on time; the assisting one is late, turns the whistle yellow and is told once', async () => {
    clock.set(bj('2026-10-09T17:10'), { frozen: true });
    expect((await assisting().api.post(`/whistles/${whistle.id}/departments/${lead().unit}/acknowledge`, {})).status).toBe(403);
    const acked = await lead().api.post(`/whistles/${whistle.id}/departments/${lead().unit}/acknowledge`, { note: '已安排执法队' });
    expect(acked.status).toBe(200);
    expect(acked.body.departments[0].ack).toMatchObject({ state: 'onTime', note: '已安排执法队' });
    expect((await lead().api.post(`/whistles/${whistle.id}/departments/${lead().unit}/acknowledge`, {})).status).toBe(409);

    expect(await tickAt('2026-10-10T09:29')).toEqual([]);
    const name = (await assisting().api.get(`/whistles/${whistle.id}`)).body.departments[1].unit.name as string;
    expect(await tickAt('2026-10-10T09:31')).toEqual([`whistle.ackOverdue:${name}`]);
    expect(await tickAt('2026-10-10T09:45')).toEqual([]);
    expect((await community().api.get(`/whistles/${whistle.id}`)).body.light).toBe('yellow');
    expect(await kindsOf(assisting().api)).toContain('whistle.ackOverdue');

    clock.set(bj('2026-10-10T10:00'), { frozen: true });
    const late = await assisting().api.post(`/whistles/${whistle.id}/departments/${assisting().unit}/acknowledge`, {});
    expect(late.body.departments[1].ack.state).toBe('late');
    expect(late.body.stage).toBe('inProgress');
    await lead().api.post(`/whistles/${whistle.id}/departments/${lead().unit}/contact`, { note: '电话联系社区书记' });
    expect(late.body.light).toBe('green');
  });

  it('contact and 报到 overdue are told once; a late 报到 turns it red', async () => {
    const name = whistle.departments[1]!.unit.name;
    expect(await tickAt('2026-10-10T17:01')).toEqual([`whistle.contactOverdue:${name}`]);
    clock.set(bj('2026-10-12T09:00'), { frozen: true });
    await assisting().api.post(`/whistles/${whistle.id}/departments/${assisting().unit}/contact`, {});
    clock.set(bj('2026-10-12T15:00'), { frozen: true });
    const bad = await lead().api.post(`/whistles/${whistle.id}/departments/${lead().unit}/report`, { text: '' });
    expect(bad.status).toBe(400);
    const future = await lead().api.post(`/whistles/${whistle.id}/departments/${lead().unit}/report`, { text: '已清理', doneAt: bj('2026-10-12T16:00').toISOString() });
    expect(future.status).toBe(400);
    const report = await lead().api.post(`/whistles/${whistle.id}/departments/${lead().unit}/report`, {
      text: '联合执法清理占道摊点 12 处，设置临时便民疏导点',
      doneAt: bj('2026-10-12T11:00').toISOString(),
    });
    expect(report.status).toBe(201);
    expect(report.body.departments[0].report).toMatchObject({ state: 'onTime', doneAt: bj('2026-10-12T15:00').toISOString() });
    expect(report.body.departments[0].reports[0].doneAt).toBe(bj('2026-10-12T11:00').toISOString());
    // The assisting department has not reported: the whistle cannot be closed by it, only by the whistler.
    expect((await assisting().api.post(`/whistles/${whistle.id}/close`, { ratings: [] })).status).toBe(400);

    expect(await tickAt('2026-10-13T17:31')).toEqual([`whistle.reportOverdue:${name}`]);
    expect((await community().api.get(`/whistles/${whistle.id}`)).body.light).toBe('red');
    clock.set(bj('2026-10-14T10:00'), { frozen: true });
    const lateReport = await assisting().api.post(`/whistles/${whistle.id}/departments/${assisting().unit}/report`, { text: '配合清运杂物 3 车' });
    expect(lateReport.body.departments[1].report.state).toBe('late');
    expect(lateReport.body).toMatchObject({ stage: 'awaitingRating', light: 'green' });
  });

  it('the whistler rates every department and closes it; others may not', async () => {
    clock.set(bj('2026-10-14T12:00'), { frozen: true });
    const ratings = [
      { unit: lead().unit, rating: 'satisfied', comment: '响应迅速' },
      { unit: assisting().unit, rating: 'unsatisfied', comment: '签收和报到均超时' },
    ];
    expect((await lead().api.post(`/whistles/${whistle.id}/close`, { ratings })).status).toBe(403);
    expect((await community().api.post(`/whistles/${whistle.id}/close`, { ratings: ratings.slice(0, 1) })).status).toBe(400);
    const closed = await community().api.post(`/whistles/${whistle.id}/close`, { ratings });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', stage: 'closed', light: 'none', closedAt: bj('2026-10-14T12:00').toISOString() });
    expect(closed.body.departments.map((d: { rating: { value: string } }) => d.rating.value)).toEqual(['satisfied', 'unsatisfied']);
    expect(closed.body.can).toMatchObject({ close: false, reopen: true });
    expect(await kindsOf(lead().api)).toContain('whistle.closed');
  });

  it('counts the statistics exactly, per department and month, and exports them', async () => {
    const stats = (await f.secretary.get(`${base()}/whistle-stats?period=month`)).body as WhistleStatsView;
    const closeHours = (bj('2026-10-14T12:00').getTime() - bj('2026-10-09T17:00').getTime()) / 3_600_000;
    expect(closeHours).toBe(115);
    expect(stats.rows).toEqual([
      {
        period: '2026-10', unit: { id: lead().unit, name: expect.any(String) }, received: 1,
        ackOnTime: 1, ackCounted: 1, ackOnTimeRate: 1, reportOnTime: 1, reportCounted: 1, reportOnTimeRate: 1,
        closed: 1, avgCloseHours: 115, satisfied: 1, basic: 0, unsatisfied: 0, satisfactionRate: 1,
      },
      {
        period: '2026-10', unit: { id: assisting().unit, name: expect.any(String) }, received: 1,
        ackOnTime: 0, ackCounted: 1, ackOnTimeRate: 0, reportOnTime: 0, reportCounted: 1, reportOnTimeRate: 0,
        closed: 1, avgCloseHours: 115, satisfied: 0, basic: 0, unsatisfied: 1, satisfactionRate: 0,
      },
    ]);
    expect((await f.secretary.get(`${base()}/whistle-stats?period=year&from=2026-11-01`)).body.rows).toEqual([]);
    const csv = await fetch(`${server.url}/api${base()}/whistle-stats/export?format=csv&period=quarter`, { headers: { authorization: `Bearer ${f.secretary.token}` } });
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toContain('按时签收率');
    expect(text).toContain('2026-Q4');
    expect(text).toContain('100%');
  });

  it('may be reopened within 7 days only; goes on the next meeting’s agenda', async () => {
    clock.set(bj('2026-10-22T12:00'), { frozen: true });
    expect((await community().api.post(`/whistles/${whistle.id}/reopen`, { reason: '又有摊点占道' })).status).toBe(409);
    const put = await community().api.post(`/whistles/${whistle.id}/agenda`, { meetingId: f.meetingId });
    expect(put.status).toBe(200);
    const agenda = await agendaOf(server.ctx.yjs, f.meetingId);
    expect(agenda.at(-1)).toMatchObject({ title: '吹哨：背街小巷违规占道经营', presenterUnit: community().unit });
    expect((await community().api.post(`/whistles/${whistle.id}/agenda`, { meetingId: f.meetingId })).status).toBe(409);
  });

  it('the secretary sets the clocks; a bad one is refused; representatives may not', async () => {
    const res = await f.secretary.get(`${base()}/whistle-settings`);
    expect(res.body.clocks).toMatchObject({ ackWorkingHours: 1, contactHours: 24, reportWorkingDaysUrgent: 3, reportWorkingDaysNormal: 5, reopenDays: 7 });
    const clocks = { ...res.body.clocks, ackWorkingHours: 2, reopenDays: 10 };
    expect((await community().api.put(`${base()}/whistle-settings`, clocks)).status).toBe(403);
    expect((await f.secretary.put(`${base()}/whistle-settings`, { ...clocks, workingPeriods: [{ from: '13:00', to: '12:00' }] })).status).toBe(400);
    expect((await f.secretary.put(`${base()}/whistle-settings`, clocks)).body.clocks.ackWorkingHours).toBe(2);
    // Now the closed whistle may be reopened again (10 days), and the ratings are cleared.
    const reopened = await community().api.post(`/whistles/${whistle.id}/reopen`, { reason: '又有摊点占道' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'open', stage: 'awaitingRating', reopenings: [{ reason: '又有摊点占道' }] });
    expect(reopened.body.departments.every((d: { rating: unknown }) => d.rating === null)).toBe(true);
  });
});
