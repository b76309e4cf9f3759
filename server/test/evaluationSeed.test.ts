import {
  periodKey,
  periodRange,
  previousPeriod,
  type Appraisal,
  type CommitteeMember,
  type PointTotals,
  type RatingPeriod,
  type ServiceActivity,
  type ServiceRegistration,
} from '@tongxin/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationTimeline } from '../src/seed/evaluationSeed.js';
import { reportText } from '../src/yjs/appraisalReport.js';
import { loginAs, type ApiClient } from './support/api.js';
import { startTestServer, type TestServer } from './support/testServer.js';

const quarterOf = (at: Date) => periodKey(at, 'quarter');

/**
 * The demo's evaluation (#16): a new installation shows one quarter evaluated — 述职评议 closed,
 * stars published (第1版) for every member unit — and the quarter under way, with its committee,
 * 双报到 members and service activities, all through the real commands.
 */
describe('the demo seed: one quarter published, one under way', () => {
  let server: TestServer;
  let secretary: ApiClient;
  let allianceId: string;
  const now = new Date();
  const current = quarterOf(now);
  const previous = previousPeriod(current)!;
  const base = () => `/alliances/${allianceId}`;

  beforeAll(async () => {
    server = await startTestServer();
    secretary = await loginAs(server, 'secretary');
    const me = await secretary.get('/me');
    allianceId = (me.body.alliances as { id: string; name: string }[]).find(
      (a) => a.name === '和平街道区域化党建大工委',
    )!.id;
  }, 60_000);
  afterAll(() => server?.dispose());

  it('the previous quarter is published as version 1, with stars for each of the eight units', async () => {
    const list = await secretary.get(`${base()}/ratings`);
    expect(list.status).toBe(200);
    expect(list.body.current).toBe(current);
    const periods = list.body.periods as { period: string; status: string; version: number }[];
    expect(periods.find((p) => p.period === previous)).toEqual({ period: previous, status: 'published', version: 1 });
    expect(periods.find((p) => p.period === current)?.status).toBe('open');

    const res = await secretary.get<RatingPeriod>(`${base()}/ratings/${previous}`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('published');
    expect(res.body.version).toBe(1);
    expect(res.body.published?.note).toContain('星级评定结果');
    expect(res.body.rows).toHaveLength(8);
    for (const row of res.body.rows) expect(row.stars).toBeGreaterThanOrEqual(1);
    // The three units that reported carry their 述职评议 score; the manual commendation counts.
    expect(res.body.rows.filter((r) => r.appraisal !== null)).toHaveLength(3);
    const commended = res.body.rows.find((r) => r.unit.name === '和平里社区党委')!;
    expect(commended.appraisal).toBeGreaterThan(60);
    expect(commended.points).toBeGreaterThanOrEqual(5);
    // Not every unit gets the same stars: the figures tell units apart.
    expect(new Set(res.body.rows.map((r) => r.stars)).size).toBeGreaterThan(1);

    const letter = await fetch(`${server.url}/api${base()}/ratings/${previous}/letters/${commended.unit.id}.docx`, {
      headers: { authorization: `Bearer ${secretary.token}` },
    });
    expect(letter.status).toBe(200);
  });

  it('the current quarter is open, with points for several units and one adjustment', async () => {
    const res = await secretary.get<RatingPeriod>(`${base()}/ratings/${current}`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('open');
    expect(res.body.published).toBeNull();
    expect(res.body.rows.filter((r) => r.points !== 0).length).toBeGreaterThanOrEqual(3);
    expect(res.body.rows.filter((r) => r.adjustment !== null).map((r) => [r.unit.name, r.stars])).toEqual([
      ['区城市管理综合行政执法局', 4],
    ]);

    const points = await secretary.get<PointTotals>(`${base()}/points?period=${current}`);
    expect(points.body.units.filter((u) => u.total !== 0).length).toBeGreaterThanOrEqual(3);
    // 双报到 service counts for the members and their work units.
    expect(points.body.members.some((m) => m.serviceHours > 0)).toBe(true);
    const manual = await secretary.get(`${base()}/points/entries?period=${previous}&criterion=manual`);
    expect(
      (manual.body.items as { points: number; reason: string }[]).map((e) => e.points).sort((x, y) => x - y),
    ).toEqual([-2, 3, 4, 5]);
  });

  it('a closed 述职评议 with results from units and two public links, and one in scoring', async () => {
    const list = await secretary.get(`${base()}/appraisals`);
    const items = list.body.items as {
      id: string;
      period: string;
      status: string;
      reporters: number;
      scored: number;
    }[];
    const closed = items.find((i) => i.period === previous)!;
    expect(closed).toMatchObject({ status: 'closed', reporters: 3, scored: 7 });
    const scoring = items.find((i) => i.period === current)!;
    expect(scoring).toMatchObject({ status: 'scoring', reporters: 3, scored: 3 });

    const res = await secretary.get<Appraisal>(`/appraisals/${closed.id}`);
    expect(res.body.results).toHaveLength(3);
    for (const r of res.body.results!) {
      expect(r.score).toBeGreaterThan(0);
      expect(r.counts.public).toBe(2);
      expect(r.counts.units).toBeGreaterThanOrEqual(6);
    }
    expect(res.body.links.filter((l) => l.usedAt !== null)).toHaveLength(2);
    // The reports are written: each document has its text.
    for (const rep of res.body.reporters) {
      const text = await reportText(server.ctx.yjs, closed.id, rep.unit.id);
      expect(text).toContain('述职报告');
      expect(text).toContain('下一步打算');
    }
    const open = await secretary.get<Appraisal>(`/appraisals/${scoring.id}`);
    expect(open.body.results).toBeNull();
    expect(open.body.evaluators.scored).toHaveLength(3);
  });

  it('a committee of eight, 双报到 registrations and service activities', async () => {
    const committee = await secretary.get<{ members: CommitteeMember[] }>(`${base()}/committee`);
    expect(committee.body.members).toHaveLength(8);
    expect(committee.body.members.map((m) => m.post)).toEqual([
      'secretary',
      'deputySecretary',
      'deputySecretary',
      'member',
      'member',
      'member',
      'partTimeMember',
      'partTimeMember',
    ]);
    expect(committee.body.members[0]!.homeUnit.name).toBe('和平街道党工委');
    expect(committee.body.members.filter((m) => m.post === 'partTimeMember').map((m) => m.homeUnit.name)).toEqual([
      '区住房和城乡建设局',
      '和平里第一中学',
    ]);
    expect(committee.body.members.every((m) => m.title !== '')).toBe(true);

    const regs = await secretary.get<{ items: ServiceRegistration[] }>(`${base()}/service/registrations`);
    expect(regs.body.items.length).toBeGreaterThanOrEqual(4);
    expect(regs.body.items.filter((r) => r.hours > 0).length).toBeGreaterThanOrEqual(4);

    const completed = await secretary.get<{ items: ServiceActivity[] }>(
      `${base()}/service/activities?status=completed`,
    );
    const inQuarter = (a: ServiceActivity, q: string) => quarterOf(new Date(a.startsAt)) === q;
    expect(completed.body.items.filter((a) => inQuarter(a, previous))).toHaveLength(2);
    expect(completed.body.items.filter((a) => inQuarter(a, current))).toHaveLength(1);
    for (const a of completed.body.items)
      expect(a.signups.some((s) => s.checkedInAt !== null && (s.hours ?? 0) > 0)).toBe(true);
    const open = await secretary.get<{ items: ServiceActivity[] }>(`${base()}/service/activities?status=open`);
    expect(open.body.items).toHaveLength(1);
    expect(new Date(open.body.items[0]!.startsAt).getTime()).toBeGreaterThan(Date.now());
    expect(open.body.items[0]!.signups).toHaveLength(2);

    // A seeded party member can sign in with the demo password.
    const member = await loginAs(server, 'member1');
    expect((await member.get('/me')).status).toBe(200);
  });
});

describe('the seed’s moments land in their quarters', () => {
  const cases = [
    ['the first instant of a quarter', '2027-01-01T00:00:00+08:00'],
    ['a minute into a quarter', '2026-10-01T00:01:00+08:00'],
    ['the middle of a quarter', '2026-11-20T15:00:00+08:00'],
    ['the last day of a quarter', '2026-06-30T23:59:00+08:00'],
  ] as const;
  for (const [name, iso] of cases) {
    it(name, () => {
      const now = new Date(iso);
      const t = evaluationTimeline(now);
      expect(t.current).toBe(quarterOf(now));
      const prev = periodRange(t.previous)!;
      for (const days of [0, 3, 40, 55, 60, 77, 85]) {
        const at = t.inPrevious(days, 16);
        expect(at >= prev.start && at < prev.end).toBe(true);
      }
      let last = -Infinity;
      for (const daysAgo of [8, 6, 4, 2, 0]) {
        const at = t.inCurrent(daysAgo);
        expect(quarterOf(at)).toBe(t.current);
        expect(at.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(at.getTime()).toBeGreaterThanOrEqual(last);
        last = at.getTime();
      }
      expect(t.afterPrevious(3).getTime()).toBeLessThanOrEqual(now.getTime());
      expect(t.afterPrevious(3).getTime()).toBeGreaterThanOrEqual(prev.end.getTime() - 1);
    });
  }
});
