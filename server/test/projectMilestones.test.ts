import {
  zonedInstant,
  type Demand,
  type Page,
  type ProjectDetail,
  type ProjectLedger,
  type Resource,
  type Suggestion,
} from '@tongxin/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettableClock } from '../src/clock.js';
import type { NotifyRequest } from '../src/notify/notifier.js';
import { reminderScheduler, type ReminderScheduler } from '../src/notify/reminders.js';
import { loginAs, type ApiClient } from './support/api.js';
import { setUpAlliance, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/** A moment on a Beijing clock: `2026-11-02T09:00`. */
const bj = (local: string) => zonedInstant(local);

/**
 * 共建项目 milestones (节点) drive the project's light and its lead unit's reminders, as deadlines
 * do for action items; and the demo seed gives a new installation lists that work.
 */
describe('joint projects: the seeded lists, milestone lights and reminders', () => {
  // Starts at the real time: the seed dates its records from it.
  const clock = new SettableClock(new Date());
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({}, { clock });
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
  });

  describe('the demo seed', () => {
    let secretary: ApiClient;
    let allianceId = '';

    beforeAll(async () => {
      secretary = await loginAs(server, 'secretary');
      const me = (await secretary.get('/me')).body as { alliances: { id: string; name: string }[] };
      allianceId = me.alliances.find((a) => a.name === '和平街道区域化党建大工委')!.id;
    });

    it('holds demands in every state, resources of several kinds and two joint projects', async () => {
      const demands = (await secretary.get(`/alliances/${allianceId}/demands?pageSize=50`)).body as Page<Demand>;
      expect(demands.total).toBe(8);
      expect(new Set(demands.items.map((d) => d.status))).toEqual(
        new Set(['open', 'claimed', 'in_progress', 'resolved', 'rejected']),
      );
      const rejected = demands.items.find((d) => d.status === 'rejected')!;
      expect(rejected.rejectReason).toContain('12345');
      expect(
        demands.items
          .filter((d) => d.source === 'resident')
          .map((d) => d.residentName)
          .sort(),
      ).toEqual(['刘先生', '张桂兰']);
      expect(demands.items.find((d) => d.source === 'meeting')!.meeting?.name).toBe(
        '第一次联席会议：老旧小区加装电梯协调',
      );
      expect(demands.items.find((d) => d.status === 'open' && d.offers.length > 0)!.offers[0]).toMatchObject({
        status: 'pending',
      });

      const resources = (await secretary.get(`/alliances/${allianceId}/resources?pageSize=50`)).body as Page<Resource>;
      expect(resources.total).toBe(9);
      expect(new Set(resources.items.map((r) => r.kind))).toEqual(
        new Set(['venue', 'funds', 'equipment', 'volunteers', 'expertise']),
      );

      // The search finds seeded records by part of a word, as for any record.
      const parking = (await secretary.get(`/alliances/${allianceId}/demands?q=${encodeURIComponent('停车')}`))
        .body as Page<Demand>;
      expect(parking.items.map((d) => d.title)).toEqual(['青年湖小区夜间停车位紧张']);
    });

    it('suggests resources for a seeded demand, and says why', async () => {
      const demands = (await secretary.get(`/alliances/${allianceId}/demands?q=${encodeURIComponent('日间照料')}`))
        .body as Page<Demand>;
      const careId = demands.items[0]!.id;
      const suggestions = (await secretary.get(`/demands/${careId}/suggestions`)).body as Suggestion[];
      expect(suggestions[0]!.resource.title).toBe('和平里社区养老驿站活动室');
      expect(suggestions[0]!.reasons).toEqual([
        { kind: 'category', category: '养老服务' },
        { kind: 'keywords', words: expect.arrayContaining(['日间照料']) },
        { kind: 'openEnded' },
      ]);
    });

    it('shows the two projects on the ledger: one red (a milestone late), one yellow (a milestone in two working days)', async () => {
      const ledger = (await secretary.get(`/alliances/${allianceId}/ledger/projects`)).body as ProjectLedger;
      expect(ledger.items.map((p) => [p.title, p.light.light, p.light.reason, p.participants.length])).toEqual([
        ['青年湖小区错时共享停车', 'red', 'overdue', 2],
        ['和平里七区背街小巷环境提升共建', 'yellow', 'due_soon', 3],
      ]);
      expect(ledger.items[0]!.light.daysOverdue).toBe(3);
      expect(ledger.items[0]!.nextMilestone?.title).toBe('完成车辆登记和门禁改造');
      expect(ledger.lights).toEqual({ red: 1, yellow: 1, green: 0, none: 0 });
      const project = (await secretary.get(`/projects/${ledger.items[1]!.id}`)).body as ProjectDetail;
      expect(project.participants.find((p) => p.resource)?.resource?.name).toBe('背街小巷环境提升共建资金');
      expect(project.demand?.name).toBe('和平里七区楼道堆物清理和环境提升');
      expect(project.progress).toHaveLength(2);
      // The project list's CSV carries the light in words.
      const csv = await fetch(`${server.url}/api/alliances/${allianceId}/projects/export?format=csv`, {
        headers: { authorization: `Bearer ${secretary.token}` },
      });
      const lines = (await csv.text()).trim().split('\r\n');
      expect(lines[0]).toContain('状态,亮灯,最新进展');
      expect(lines.find((l) => l.includes('青年湖小区错时共享停车'))).toContain('红灯 已逾期 3 天');
    });
  });

  describe('a project’s milestones', () => {
    let f: RoomFixture;
    let projectId = '';
    let a: ReminderScheduler;
    let b: ReminderScheduler;
    const delivered: NotifyRequest[] = [];
    let seen = 0;
    const recorder = {
      deliver: (req: NotifyRequest) => {
        delivered.push(req);
        return Promise.resolve();
      },
      tickMs: 0,
      leaseMs: 60_000,
    };
    const lead = () => f.reps[1]!;
    const partner = () => f.reps[2]!;

    /** Sets the clock, ticks two schedulers at once and one again; this project's reminders since the last step. */
    async function at(local: string): Promise<NotifyRequest[]> {
      clock.set(bj(local), { frozen: true });
      await Promise.all([a.tick(), b.tick()]);
      await a.tick();
      const fresh = delivered.slice(seen).filter((d) => d.key.startsWith(`project:${projectId}:`));
      seen = delivered.length;
      return fresh;
    }
    const light = async () => ((await lead().api.get(`/projects/${projectId}`)).body as ProjectDetail).light;

    beforeAll(async () => {
      clock.set(bj('2026-10-26T09:00'), { frozen: true });
      f = await setUpAlliance(server, 3);
      a = reminderScheduler(server.ctx, recorder);
      b = reminderScheduler(server.ctx, recorder);
    }, 120_000);
    afterAll(async () => {
      await a?.stop();
      await b?.stop();
    });

    it('is green while the next milestone is far off', async () => {
      const res = await lead().api.post(`/alliances/${f.allianceId}/projects`, {
        title: '社区食堂共建',
        leadUnit: lead().unit,
        participants: [{ unit: partner().unit, commitment: '提供场地' }],
        milestones: [
          { title: '完成首批改造', dueDate: '2026-11-30' },
          { title: '签订共建协议', dueDate: '2026-11-05' },
        ],
      });
      expect(res.status).toBe(201);
      const project = res.body as ProjectDetail;
      projectId = project.id;
      // The earliest open milestone is the one the project is held to, whatever order they were entered in.
      expect(project.nextMilestone).toMatchObject({ title: '签订共建协议', dueDate: '2026-11-05' });
      expect(project.light).toEqual({ light: 'green', reason: 'on_track' });
      // Preparing (筹备) counts as under way: it is on the ledger, and reminders come.
      const ledger = (await lead().api.get(`/alliances/${f.allianceId}/ledger/projects`)).body as ProjectLedger;
      expect(ledger.items.map((p) => p.id)).toEqual([projectId]);
      expect(await at('2026-10-26T09:00')).toEqual([]);
    });

    it('turns yellow three working days before the milestone, and the lead unit is told once', async () => {
      expect(await at('2026-10-30T09:00')).toEqual([]);
      // Monday 2 November: Tue 3, Wed 4, Thu 5 — three working days.
      const soon = await at('2026-11-02T09:00');
      expect(soon).toHaveLength(1);
      expect(soon[0]).toMatchObject({
        kind: 'project.milestoneDueSoon',
        to: { unitIds: [lead().unit] },
        params: { title: '社区食堂共建', milestone: '签订共建协议', date: '2026-11-05', days: 3 },
        link: `/projects/${projectId}`,
      });
      expect(await light()).toEqual({ light: 'yellow', reason: 'due_soon' });
      expect(await at('2026-11-02T15:00')).toEqual([]);
      expect(await at('2026-11-03T09:00')).toEqual([]);
    });

    it('is due today on the day, once', async () => {
      expect(await at('2026-11-05T07:30')).toEqual([]);
      const today = await at('2026-11-05T08:05');
      expect(today.map((d) => d.kind)).toEqual(['project.milestoneDueToday']);
      expect(await at('2026-11-05T17:00')).toEqual([]);
    });

    it('turns red the day after; overdue is told each working day, to the secretaries too, never at the weekend', async () => {
      expect(await at('2026-11-06T07:00')).toEqual([]);
      expect(await light()).toEqual({ light: 'red', reason: 'overdue', daysOverdue: 1 });
      const day1 = await at('2026-11-06T09:00');
      expect(day1).toHaveLength(1);
      expect(day1[0]).toMatchObject({
        key: `project:${projectId}:milestone:${(await lead().api.get(`/projects/${projectId}`)).body.nextMilestone.id}:overdue:2026-11-06`,
        kind: 'project.milestoneOverdue',
        to: { unitIds: [lead().unit], secretaries: true },
        params: { days: 1, date: '2026-11-05' },
        robots: true,
      });
      expect(await at('2026-11-06T16:00')).toEqual([]);
      expect(await at('2026-11-07T09:00')).toEqual([]);
      expect(await at('2026-11-08T09:00')).toEqual([]);
      const monday = await at('2026-11-09T09:00');
      expect(monday.map((d) => [d.kind, d.params.days])).toEqual([['project.milestoneOverdue', 4]]);
    });

    it('the overdue reminder reaches the lead unit’s notification centre in words', async () => {
      // The real notification centre, not the recorder: the new kinds are stored and rendered.
      const real = reminderScheduler(server.ctx, { tickMs: 0 });
      clock.set(bj('2026-11-10T09:00'), { frozen: true });
      await real.tick();
      await real.stop();
      const list = (await lead().api.get('/notifications')).body as {
        items: { kind: string; params: Record<string, unknown>; link: string }[];
      };
      const mine = list.items.filter((n) => n.link === `/projects/${projectId}`);
      expect(mine.map((n) => [n.kind, n.params.days])).toEqual([['project.milestoneOverdue', 5]]);
      const partnerList = (await partner().api.get('/notifications')).body as { items: { link: string }[] };
      expect(partnerList.items.filter((n) => n.link === `/projects/${projectId}`)).toEqual([]);
    });

    it('done, the next milestone takes over; a project silent for 14 days is yellow until it reports', async () => {
      const project = (await lead().api.get(`/projects/${projectId}`)).body as ProjectDetail;
      const first = project.milestones.find((m) => m.title === '签订共建协议')!;
      const done = await lead().api.patch(`/projects/${projectId}/milestones/${first.id}`, { done: true });
      expect(done.status).toBe(200);
      expect((done.body as ProjectDetail).nextMilestone).toMatchObject({
        title: '完成首批改造',
        dueDate: '2026-11-30',
      });
      // Created on 26 October with no progress since: 15 days of silence.
      expect((done.body as ProjectDetail).light).toEqual({
        light: 'yellow',
        reason: 'no_recent_report',
        silentDays: 14,
      });
      expect(await at('2026-11-11T09:00')).toEqual([]);
      await lead().api.post(`/projects/${projectId}/progress`, { text: '共建协议已签订。' });
      expect(await light()).toEqual({ light: 'green', reason: 'on_track' });
    });

    it('a completed project shows no light, leaves the ledger and reminds no one', async () => {
      await lead().api.post(`/projects/${projectId}/transition`, { status: 'active' });
      const completed = await lead().api.post(`/projects/${projectId}/transition`, { status: 'completed' });
      expect(completed.status).toBe(200);
      expect((completed.body as ProjectDetail).light).toEqual({ light: 'none', reason: 'finished' });
      const ledger = (await lead().api.get(`/alliances/${f.allianceId}/ledger/projects`)).body as ProjectLedger;
      expect(ledger.items).toEqual([]);
      expect(await at('2026-12-01T09:00')).toEqual([]);
    });
  });
});
