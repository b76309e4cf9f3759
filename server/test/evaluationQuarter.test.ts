import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appraisal, AppraisalLink, DomainEvent, Page, PointEntry, PointTotals, RatingPeriod } from '@tongxin/shared';
import { request, type ApiClient } from './support/api.js';
import { connect, ok, send, setUpAlliance, type RoomClient, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

const bj = (local: string) => new Date(`${local}:00+08:00`);
const Q = '2026-Q3';

/** The events the points consumer follows: what a replay of the quarter's records re-delivers. */
const POINT_SOURCES = new Set<DomainEvent['type']>([
  'meeting.adjourned',
  'attendance.changed',
  'actionItem.transitioned',
  'actionItem.edited',
  'actionItem.extended',
  'actionItem.extensionDecided',
  'whistle.responded',
  'whistle.closed',
  'whistle.reopened',
  'demand.accepted',
  'demand.transitioned',
]);

/**
 * Issue #16 “done when”: one quarter (2026-Q3, 1 July → 30 September, Beijing calendar) of a
 * five-unit alliance run through the real API on the process's test clock (PUT /api/test/clock).
 * Two joint meetings, four 督办 items (on time, late, extended), two whistles, a claimed demand earn
 * points exactly once (replaying the events, or recomputing, changes nothing); a secretary's
 * 加分 and a withdrawn one; a 述职评议 of three units scored by the member units and two 群众代表
 * through single-use links; the quarter's stars computed, one adjusted, published and locked.
 *
 * Units: A = reps[0] (the convener's), B, C, D, E = reps[1..4]; one observer unit (列席).
 */
describe('a quarter of evaluation: points, 述职评议 and star ratings, the figures', () => {
  let server: TestServer;
  let f: RoomFixture;
  let chair: RoomClient;
  const heard: DomainEvent[] = [];
  const [A, B, C, D, E] = [0, 1, 2, 3, 4];
  const unit = (i: number) => f.reps[i]!.unit;
  const rep = (i: number) => f.reps[i]!.api;
  const base = () => `/alliances/${f.allianceId}`;

  /** Moves the server's clock through its test route (it runs on from there). */
  const at = async (local: string) => {
    const res = await request(server, 'PUT', '/test/clock', { at: bj(local).toISOString() });
    expect(res.status).toBe(200);
  };
  const totals = async (period = Q) => {
    const res = await f.secretary.get(`${base()}/points?period=${period}`);
    expect(res.status).toBe(200);
    return res.body as PointTotals;
  };
  /** Each unit's total and points by criterion, in the order A…E. */
  const byUnit = async (period = Q) => {
    const t = await totals(period);
    return [A, B, C, D, E].map((i) => {
      const u = t.units.find((x) => x.unit.id === unit(i))!;
      return { total: u.total, byCriterion: u.byCriterion };
    });
  };
  const ledger = async () => {
    const res = await f.secretary.get(`${base()}/points/entries?period=${Q}&pageSize=100`);
    expect(res.status).toBe(200);
    return res.body as Page<PointEntry>;
  };
  const pointsChanged = () => heard.filter((e) => e.type === 'points.changed').length;
  const ratings = async (api: ApiClient = f.secretary) => {
    const res = await api.get(`${base()}/ratings/${Q}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as RatingPeriod;
  };
  const row = (r: RatingPeriod, i: number) => r.rows.find((x) => x.unit.id === unit(i))!;

  async function jointMeeting(title: string, day: string, present: number[], proxies: number[]) {
    await at(`${day}T09:00`);
    const created = await f.secretary.post(`${base()}/meetings`, { title, scheduledAt: bj(`${day}T14:00`).toISOString(), place: '街道党群服务中心' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const meetingId = created.body.id as string;
    expect((await f.secretary.post(`/meetings/${meetingId}/schedule`)).status).toBe(200);
    await at(`${day}T13:55`);
    const observer = await connect(server, f.observer.api.token);
    const givers = await Promise.all(proxies.map((i) => connect(server, f.reps[i]!.api.token)));
    for (const s of [chair, observer, ...givers]) ok(await send(s, 'meeting:join', { meetingId }));
    for (const i of present) ok(await send(chair, 'meeting:checkIn', { meetingId, unitId: unit(i) }));
    ok(await send(observer, 'meeting:checkIn', { meetingId }));
    for (const [k, i] of proxies.entries()) ok(await send(givers[k]!, 'meeting:proxy', { meetingId, fromUnitId: unit(i), toUserId: f.reps[A]!.id }));
    ok(await send(chair, 'meeting:start', { meetingId }));
    await at(`${day}T16:00`);
    ok(await send(chair, 'meeting:adjourn', { meetingId }));
    for (const s of [observer, ...givers]) s.disconnect();
    return meetingId;
  }
  const assign = async (title: string, lead: number, dueDate: string) => {
    const res = await f.secretary.post(`${base()}/action-items`, { title, leadUnit: unit(lead), responsiblePerson: '王建国', dueDate });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  /** 提请验收: the lead unit reports it done and hands it in. */
  const handIn = async (id: string, lead: number) => {
    expect((await rep(lead).post(`/action-items/${id}/progress`, { text: '已按要求完成', percent: 100 })).status).toBe(201);
    expect((await rep(lead).post(`/action-items/${id}/transition`, { transition: 'submit' })).status).toBe(200);
  };
  const verify = async (id: string) => expect((await f.secretary.post(`/action-items/${id}/transition`, { transition: 'verify', note: '经核验已完成' })).status).toBe(200);
  const acknowledge = async (whistleId: string, i: number) =>
    expect((await rep(i).post(`/whistles/${whistleId}/departments/${unit(i)}/acknowledge`, {})).status).toBe(200);

  beforeAll(async () => {
    server = await startTestServer({ TEST_CLOCK_AT: bj('2026-07-01T09:00').toISOString() }, { room: { presenceGraceMs: 0 } });
    server.ctx.events.consume({ name: 'quarter spy', where: 'here', handle: (e) => void heard.push(e) });
    f = await setUpAlliance(server, 5);
    chair = await connect(server, f.secretary.token);
  }, 120_000);
  afterAll(async () => {
    chair?.disconnect();
    await server?.dispose();
  });

  it('the quarter starts empty on the test clock', async () => {
    expect((await request(server, 'GET', '/test/clock')).body.at.slice(0, 16)).toBe('2026-07-01T01:00');
    const t = await totals();
    expect(t).toMatchObject({ period: Q, start: bj('2026-07-01T00:00').toISOString(), end: bj('2026-10-01T00:00').toISOString() });
    expect(t.units.map((u) => u.total)).toEqual([0, 0, 0, 0, 0]);
  });

  it('runs the quarter’s records: meetings, 督办 items, whistles, a claimed demand', async () => {
    // 7月联席会议: A, B, C check in, D gives its vote to A by proxy (委托), E is absent.
    const july = await jointMeeting('7月联席会议', '2026-07-08', [A, B, C], [D]);

    // 督办: four items assigned on 10 July.
    await at('2026-07-10T10:00');
    const elevator = await assign('老旧小区加装电梯摸排', A, '2026-07-31');
    const parking = await assign('停车位施划', B, '2026-07-31');
    const alleys = await assign('背街小巷环境整治', C, '2026-08-14');
    const flood = await assign('防汛物资储备检查', E, '2026-08-20');

    // 吹哨报到: A summons B (主责), C and D (配合); B and C 签收 within the hour, D two days later.
    await at('2026-07-14T10:00');
    const raised = await rep(A).post(`${base()}/whistles`, {
      unit: unit(A),
      title: '和平里北街占道经营',
      description: '夜市摊点占道，消防通道被堵',
      category: '环境整治',
      leadUnit: unit(B),
      assistingUnits: [unit(C), unit(D)],
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    const street = raised.body.id as string;
    await at('2026-07-14T10:20');
    await acknowledge(street, B);
    // 10:59, not 11:00: the clock runs on from each step, so the hour's last instant is a race.
    await at('2026-07-14T10:59');
    await acknowledge(street, C);
    await at('2026-07-16T15:00');
    await acknowledge(street, D);
    await at('2026-07-17T10:00');
    expect((await rep(B).post(`/whistles/${street}/departments/${unit(B)}/report`, { text: '已清理占道摊点' })).status).toBe(201);
    await at('2026-07-20T10:00');
    const closed = await rep(A).post(`/whistles/${street}/close`, {
      ratings: [
        { unit: unit(B), rating: 'satisfied' },
        { unit: unit(C), rating: 'unsatisfied', comment: '配合不力' },
        { unit: unit(D), rating: 'basic' },
      ],
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);

    // A hands in on 28 July, verified 3 August: on time (+5). B hands in after its deadline: −2.
    await at('2026-07-28T10:00');
    await handIn(elevator, A);
    await at('2026-08-03T10:00');
    await verify(elevator);
    await at('2026-08-05T10:00');
    await handIn(parking, B);
    await at('2026-08-06T10:00');
    await verify(parking);

    // Two extensions to 31 August: C hands in by then (+5), E does not (−2).
    await at('2026-08-12T10:00');
    expect((await f.secretary.post(`/action-items/${alleys}/extend`, { dueDate: '2026-08-31', reason: '需协调城管执法' })).status).toBe(200);
    await at('2026-08-18T10:00');
    expect((await f.secretary.post(`/action-items/${flood}/extend`, { dueDate: '2026-08-31', reason: '物资采购延后' })).status).toBe(200);

    // A second whistle, raised by E with A as 主责: A 签收 within half an hour (+1); still open.
    const second = await rep(E).post(`${base()}/whistles`, {
      unit: unit(E),
      title: '幸福里小区雨水管网堵塞',
      description: '暴雨后积水严重',
      category: '环境整治',
      leadUnit: unit(A),
      assistingUnits: [],
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    await at('2026-08-18T10:30');
    await acknowledge(second.body.id, A);

    // A demand of D, claimed by B (+3).
    await at('2026-08-20T10:00');
    const demand = await rep(D).post(`${base()}/demands`, { title: '老人助餐', category: '养老服务', unit: unit(D) });
    expect(demand.status, JSON.stringify(demand.body)).toBe(201);
    const offered = await rep(B).post(`/demands/${demand.body.id}/offers`, { unit: unit(B), note: '单位食堂可供餐' });
    expect(offered.status).toBe(201);
    await at('2026-08-21T10:00');
    expect((await rep(D).post(`/demands/${demand.body.id}/offers/${offered.body.offers[0].id}/accept`)).status).toBe(200);

    await at('2026-08-25T10:00');
    await handIn(alleys, C);
    await at('2026-08-26T10:00');
    await verify(alleys);
    await at('2026-09-02T10:00');
    await handIn(flood, E);
    await at('2026-09-03T10:00');
    await verify(flood);

    // 9月联席会议: A, B, D, E check in; C is absent.
    const september = await jointMeeting('9月联席会议', '2026-09-09', [A, B, D, E], []);

    expect(await byUnit()).toEqual([
      { total: 10, byCriterion: { 'meeting.attended': 4, 'item.closedOnTime': 5, 'whistle.ackOnTime': 1 } },
      { total: 6, byCriterion: { 'meeting.attended': 4, 'item.closedLate': -2, 'whistle.ackOnTime': 1, 'demand.claimed': 3 } },
      { total: 4, byCriterion: { 'meeting.attended': 2, 'meeting.absent': -1, 'item.closedOnTime': 5, 'whistle.ackOnTime': 1, 'whistle.unsatisfied': -3 } },
      { total: 4, byCriterion: { 'meeting.attended': 4 } },
      { total: -1, byCriterion: { 'meeting.attended': 2, 'meeting.absent': -1, 'item.closedLate': -2 } },
    ]);
    // The observer unit (列席) earns nothing; every line names its record.
    const lines = (await ledger()).items;
    expect(lines).toHaveLength(19);
    expect(lines.every((l) => l.unit!.id !== f.observer.unit)).toBe(true);
    expect(
      lines
        .filter((l) => l.unit!.id === unit(A))
        .map((l) => [l.criterion, l.points, l.source.link])
        .sort(),
    ).toEqual(
      [
        ['meeting.attended', 2, `/meetings/${july}`],
        ['meeting.attended', 2, `/meetings/${september}`],
        ['item.closedOnTime', 5, `/action-items/${elevator}`],
        ['whistle.ackOnTime', 1, `/whistles/${second.body.id}`],
      ].sort(),
    );
    // Each line counts on its record's day: the meeting's scheduled time, the verification, the 签收.
    const dayOf = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(lines.filter((l) => l.source.id === july).map((l) => l.at)).toEqual(Array(5).fill(bj('2026-07-08T14:00').toISOString()));
    expect(dayOf(lines.find((l) => l.source.id === alleys)!.at)).toBe('2026-08-26');
    expect(dayOf(lines.find((l) => l.criterion === 'whistle.unsatisfied')!.at)).toBe('2026-07-20');
    // Nothing of it falls in the next quarter.
    expect((await totals('2026-Q4')).units.every((u) => u.total === 0)).toBe(true);
  });

  it('replaying every event of those records through the event bus, and recomputing, changes nothing', async () => {
    const replay = heard.filter((e) => POINT_SOURCES.has(e.type));
    const counts: Record<string, number> = {};
    for (const e of replay) counts[e.type] = (counts[e.type] ?? 0) + 1;
    // Two meetings: 10 check-ins and proxies (observer's included), 2 adjournments; four items
    // handed in and verified, two extended; four 签收 and a report, one close; one claim.
    expect(counts).toEqual({
      'attendance.changed': 10,
      'meeting.adjourned': 2,
      'actionItem.transitioned': 8,
      'actionItem.extended': 2,
      'whistle.responded': 5,
      'whistle.closed': 1,
      'demand.accepted': 1,
    });
    const before = (await ledger()).items;
    const totalsBefore = await byUnit();
    const changes = pointsChanged();
    await server.ctx.events.publish(replay);
    await server.ctx.events.publish(replay);
    expect(pointsChanged()).toBe(changes);
    expect((await ledger()).items).toEqual(before);
    expect(await byUnit()).toEqual(totalsBefore);
    const rebuilt = await f.secretary.post(`${base()}/points/rebuild`);
    expect(rebuilt.body).toEqual({ changed: 0 });
    expect((await ledger()).items).toEqual(before);
  });

  it('a secretary’s 加分 counts; one withdrawn with a reason does not', async () => {
    await at('2026-09-15T10:00');
    const given = await f.secretary.post(`${base()}/points/manual`, { unit: unit(E), points: 6, reason: '承办“七一”主题党日活动', date: '2026-07-01' });
    expect(given.status, JSON.stringify(given.body)).toBe(201);
    expect(given.body).toMatchObject({ criterion: 'manual', points: 6, at: bj('2026-07-01T12:00').toISOString(), reason: '承办“七一”主题党日活动', voided: null });
    const wrong = await f.secretary.post(`${base()}/points/manual`, { unit: unit(C), points: 2, reason: '协助开展防汛宣传', date: '2026-09-14' });
    expect(wrong.status).toBe(201);
    expect((await byUnit())[C]!.total).toBe(6);
    const voided = await f.secretary.post(`/points/${wrong.body.id}/void`, { reason: '与防汛志愿服务重复记分' });
    expect(voided.status).toBe(200);
    expect(voided.body.voided).toMatchObject({ reason: '与防汛志愿服务重复记分' });

    const t = await byUnit();
    expect(t.map((u) => u.total)).toEqual([10, 6, 4, 4, 5]);
    expect(t[E]!.byCriterion).toEqual({ 'meeting.attended': 2, 'meeting.absent': -1, 'item.closedLate': -2, manual: 6 });
    expect(t[C]!.byCriterion.manual).toBeUndefined();
    // Both stay in the ledger, the withdrawn one marked.
    const manual = (await f.secretary.get(`${base()}/points/entries?period=${Q}&criterion=manual`)).body as Page<PointEntry>;
    expect(manual.items.map((e) => [e.unit!.id, e.points, e.voided?.reason ?? null]).sort()).toEqual(
      [
        [unit(E), 6, null],
        [unit(C), 2, '与防汛志愿服务重复记分'],
      ].sort(),
    );
    expect(await server.ctx.db.models.AuditEvent.countDocuments({ action: { $in: ['points.manual', 'points.void'] }, alliance: f.allianceId })).toBe(3);
  });

  describe('述职评议: A, B and C report; the member units and two 群众代表 score', () => {
    let session: Appraisal;
    const links: AppraisalLink[] = [];
    const all = (n: number) => ({ duty: n, results: n, cooperation: n });
    const tokenOf = (l: AppraisalLink) => l.url!.split('/p/appraisal/')[1]!;
    const pub = (token: string, reports: unknown) => request(server, 'POST', `/public/appraisals/${token}/scores`, { reports });
    const publicScores = () => server.ctx.db.models.AppraisalScore.countDocuments({ appraisal: session.id, 'evaluator.group': 'public' });

    it('opens a session of the quarter with two single-use links', async () => {
      await at('2026-09-22T09:00');
      const res = await f.secretary.post(`${base()}/appraisals`, {
        title: '2026年第三季度成员单位书记述职评议',
        period: Q,
        scale: 'score',
        reporters: [unit(A), unit(B), unit(C)],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      session = res.body;
      expect(session.aggregationText).toBe('各评议单位、群众代表测评分分别取平均值，评议单位占70%、群众代表占30%；每项指标按0–100分评分');
      expect((await f.secretary.post(`/appraisals/${session.id}/open`)).status).toBe(200);
      for (const label of ['居民代表 王大爷', '居民代表 李阿姨']) {
        const made = await f.secretary.post(`/appraisals/${session.id}/links`, { label });
        expect(made.status).toBe(201);
        links.push(made.body.links[0]);
      }
    });

    it('each member unit scores every report but its own', async () => {
      await at('2026-09-22T10:00');
      const scores: Record<number, Record<number, number>> = {
        [A]: { [B]: 70, [C]: 90 },
        [B]: { [A]: 90, [C]: 100 },
        [C]: { [A]: 80, [B]: 60 },
        [D]: { [A]: 85, [B]: 80, [C]: 90 },
        [E]: { [A]: 95, [B]: 70, [C]: 80 },
      };
      // A unit never scores its own report.
      const own = await rep(A).post(`/appraisals/${session.id}/scores`, {
        reports: [A, B, C].map((r) => ({ reporter: unit(r), scores: all(80) })),
      });
      expect(own.status).toBe(422);
      for (const [evaluator, given] of Object.entries(scores)) {
        const res = await rep(Number(evaluator)).post(`/appraisals/${session.id}/scores`, {
          reports: Object.entries(given).map(([r, n]) => ({ reporter: unit(Number(r)), scores: all(n) })),
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
      expect(await server.ctx.db.models.AppraisalScore.countDocuments({ appraisal: session.id, 'evaluator.group': 'units' })).toBe(12);
    });

    it('two 群众代表 score through their links; a link used again is refused and stores nothing', async () => {
      await at('2026-09-22T15:00');
      const [wang, li] = links as [AppraisalLink, AppraisalLink];
      const report = (a: number, b: number, c: number) => [
        { reporter: unit(A), scores: all(a) },
        { reporter: unit(B), scores: all(b) },
        { reporter: unit(C), scores: all(c), comment: '希望多听居民意见' },
      ];
      expect((await pub(tokenOf(wang), report(80, 90, 60))).status).toBe(204);
      expect((await pub(tokenOf(li), report(70, 80, 60))).status).toBe(204);
      expect(await publicScores()).toBe(6);
      const reused = await pub(tokenOf(wang), report(40, 40, 40));
      expect(reused.status).toBe(409);
      expect(reused.body.error.code).toBe('LINK_USED');
      expect(await publicScores()).toBe(6);
    });

    it('closing states each report’s score exactly', async () => {
      await at('2026-09-23T10:00');
      const closed = await f.secretary.post(`/appraisals/${session.id}/close`);
      expect(closed.status).toBe(200);
      const results = (closed.body as Appraisal).results!;
      // A: units 90, 80, 85, 95 → 87.5; public 80, 70 → 75; 0.7 × 87.5 + 0.3 × 75 = 83.75
      // B: units 70, 60, 80, 70 → 70;   public 90, 80 → 85; 0.7 × 70 + 0.3 × 85 = 74.5
      // C: units 90, 100, 90, 80 → 90;  public 60, 60 → 60; 0.7 × 90 + 0.3 × 60 = 81
      const r2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
      expect(results.map((r) => [r.reporter.id, r2(r.score), r2(r.byGroup.units), r2(r.byGroup.public), r.counts.units, r.counts.public])).toEqual([
        [unit(A), 83.75, 87.5, 75, 4, 2],
        [unit(B), 74.5, 70, 85, 4, 2],
        [unit(C), 81, 90, 60, 4, 2],
      ]);
      expect(results.every((r) => r.named === null)).toBe(true);
    });
  });

  describe('星级评定 of the quarter', () => {
    it('computes each unit’s composite, rank and stars from its points and 述职评议 score', async () => {
      await at('2026-10-09T10:00');
      const list = (await f.secretary.get(`${base()}/ratings`)).body;
      expect(list.current).toBe('2026-Q4');
      const r = await ratings();
      expect(r).toMatchObject({ period: Q, status: 'open', version: 1, published: null, rules: { method: 'thresholds', pointsWeight: 1, appraisalWeight: 0.2, thresholds: [5, 10, 18, 25] } });
      // composite = points + 0.2 × 述职评议; thresholds 5 / 10 / 18 / 25 for 2★ … 5★; no report counts 0.
      // A 10 + 16.75 = 26.75 → 5★; B 6 + 14.9 = 20.9 → 4★; C 4 + 16.2 = 20.2 → 4★; E 5 → 2★; D 4 → 1★.
      expect(r.rows.map((x) => [x.unit.id, x.points, x.appraisal, x.composite, x.rank, x.computedStars, x.stars])).toEqual([
        [unit(A), 10, 83.75, 26.75, 1, 5, 5],
        [unit(B), 6, 74.5, 20.9, 2, 4, 4],
        [unit(C), 4, 81, 20.2, 3, 4, 4],
        [unit(E), 5, null, 5, 4, 2, 2],
        [unit(D), 4, null, 4, 5, 1, 1],
      ]);
    });

    it('the year’s rating reads the quarter’s 述职评议 too (a session filed under 2026-Q3 counts in 2026)', async () => {
      const year = (await f.secretary.get(`${base()}/ratings/2026`)).body;
      const appraisalOf = (i: number) => year.rows.find((x: { unit: { id: string } }) => x.unit.id === unit(i))?.appraisal;
      expect([A, B, C, D, E].map(appraisalOf)).toEqual([83.75, 74.5, 81, null, null]);
    });

    it('a secretary adjusts D to 2★ with a reason and publishes: locked, version 1', async () => {
      const adjusted = await f.secretary.post(`${base()}/ratings/${Q}/adjust`, { unit: unit(D), stars: 2, reason: '汛期抢险中表现突出' });
      expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(200);
      expect(row(adjusted.body, D)).toMatchObject({ computedStars: 1, stars: 2, adjustment: { stars: 2, reason: '汛期抢险中表现突出' } });
      const published = await f.secretary.post(`${base()}/ratings/${Q}/publish`, { note: '经第四季度联席会议审议通过' });
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      const r = await ratings(rep(D));
      expect(r).toMatchObject({ status: 'published', version: 1, history: [], published: { at: expect.stringMatching(/^2026-10-09T02:00/), note: '经第四季度联席会议审议通过' } });
      expect(r.rows.map((x) => [x.unit.id, x.stars])).toEqual([
        [unit(A), 5],
        [unit(B), 4],
        [unit(C), 4],
        [unit(E), 2],
        [unit(D), 2],
      ]);
      expect((await f.secretary.post(`${base()}/ratings/${Q}/adjust`, { unit: unit(E), stars: 3, reason: '补充材料' })).status).toBe(409);
      expect((await f.secretary.post(`${base()}/ratings/${Q}/publish`, {})).status).toBe(409);
      expect((await f.secretary.get(`${base()}/ratings`)).body.periods).toContainEqual({ period: Q, status: 'published', version: 1 });
      expect(await server.ctx.db.models.AuditEvent.countDocuments({ action: { $in: ['rating.adjust', 'rating.publish'] }, alliance: f.allianceId })).toBe(2);
    });

    it('points added to the quarter afterwards change its points, not its published stars', async () => {
      await at('2026-10-12T10:00');
      const late = await f.secretary.post(`${base()}/points/manual`, { unit: unit(D), points: 10, reason: '补录防汛物资捐赠', date: '2026-09-30' });
      expect(late.status, JSON.stringify(late.body)).toBe(201);
      expect((await byUnit()).map((u) => u.total)).toEqual([10, 6, 4, 14, 5]);
      const r = await ratings();
      expect(r.status).toBe('published');
      expect(row(r, D)).toMatchObject({ points: 4, composite: 4, computedStars: 1, stars: 2 });
      expect(r.rows.map((x) => x.stars)).toEqual([5, 4, 4, 2, 2]);
    });
  });
});
