import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundScore, type Appraisal, type AppraisalGrade, type AppraisalLink, type PublicAppraisal } from '@tongxin/shared';
import { SettableClock } from '../src/clock.js';
import { appraisalScoresFor } from '../src/queries/appraisalScores.js';
import { agendaOf } from '../src/yjs/agenda.js';
import { reportText } from '../src/yjs/appraisalReport.js';
import { loginAs, request, DEMO_PASSWORD } from './support/api.js';
import { connect, nextEvent, ok, send, setUpAlliance, type RoomFixture } from './support/room.js';
import { startTestServer, twoInstances, type TestServer } from './support/testServer.js';
import { fragmentText, openDoc, until, writeParagraphs } from './support/yjsClient.js';

const bj = (local: string) => new Date(`${local}:00+08:00`);
/** Network settling for an edit that must NOT arrive (there is no event to wait for). */
const settle = () => new Promise((r) => setTimeout(r, 300));
const all = (g: AppraisalGrade) => ({ duty: g, results: g, cooperation: g });
const criteria = [
  { key: 'duty', label: '履行职责', weight: 2 },
  { key: 'results', label: '工作成效', weight: 1 },
  { key: 'cooperation', label: '共建参与', weight: 1 },
];

/**
 * 述职评议 with three reporting units, a fourth member unit scoring, an observer unit that may not,
 * and two 群众代表 scoring through single-use links; the results stated and the figures asserted.
 */
describe('述职评议: reports, scoring by units and by public links, results', () => {
  let server: TestServer;
  let f: RoomFixture;
  let session: Appraisal;
  const clock = new SettableClock(bj('2026-11-20T09:00'), { frozen: true });
  const links: Record<string, AppraisalLink> = {};

  const unit = (i: number) => f.reps[i]!.unit;
  const tokenOf = (l: AppraisalLink) => l.url!.split('/p/appraisal/')[1]!;
  const pub = (method: string, token: string, body?: unknown) =>
    request(server, method, `/public/appraisals/${token}${method === 'POST' ? '/scores' : ''}`, body);
  const storedScores = (filter: Record<string, unknown> = {}) =>
    server.ctx.db.models.AppraisalScore.countDocuments({ appraisal: session.id, ...filter });

  beforeAll(async () => {
    server = await startTestServer({ PUBLIC_URL: 'https://tongxin.example.gov.cn/' }, { clock });
    f = await setUpAlliance(server, 4);
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
  });

  it('only secretaries set a session up; reporting units must take part (not observers)', async () => {
    const body = {
      title: '2026年第四季度成员单位书记述职评议',
      period: '2026-Q4',
      meetingId: f.meetingId,
      criteria,
      aggregation: { method: 'trimmedMean', trim: 1, weights: { units: 0.7, public: 0.3 } },
      reporters: [unit(0), unit(1), unit(2)],
    };
    expect((await f.reps[0]!.api.post(`/alliances/${f.allianceId}/appraisals`, body)).status).toBe(403);
    const withObserver = await f.secretary.post(`/alliances/${f.allianceId}/appraisals`, { ...body, reporters: [unit(0), f.observer.unit] });
    expect(withObserver.status).toBe(422);
    const bad = await f.secretary.post(`/alliances/${f.allianceId}/appraisals`, { ...body, period: '2026-Q5' });
    expect(bad.status).toBe(400);

    const res = await f.secretary.post(`/alliances/${f.allianceId}/appraisals`, { ...body, title: '第四季度述职评议' });
    expect(res.status).toBe(201);
    session = res.body;
    expect(session).toMatchObject({ status: 'draft', secrecy: 'secret', scale: 'grade', period: '2026-Q4', results: null });
    expect(session.meeting?.id).toBe(f.meetingId);
    expect(session.reporters.map((r) => r.docName)).toEqual([0, 1, 2].map((i) => `appraisal:${session.id}:report:${unit(i)}`));
    expect(session.can).toMatchObject({ manage: true, score: false });
    expect(session.aggregationText).toBe(
      '各评议单位、群众代表测评分分别取平均值（去掉1个最高分和1个最低分，不足3份时不去掉），评议单位占70%、群众代表占30%；好=100、较好=80、一般=60、差=40',
    );
    // Held in the joint meeting: it is the last item of that meeting's agenda.
    const agenda = await agendaOf(server.ctx.yjs, f.meetingId);
    expect(agenda.at(-1)).toMatchObject({ title: '述职评议：第四季度述职评议', status: 'pending' });

    const renamed = await f.secretary.patch(`/appraisals/${session.id}`, { title: body.title });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ title: body.title, meeting: { id: f.meetingId }, criteria, aggregation: body.aggregation });
    session = renamed.body;
    const list = await f.reps[3]!.api.get(`/alliances/${f.allianceId}/appraisals`);
    expect(list.body).toMatchObject({ items: [{ id: session.id, title: body.title, status: 'draft', reporters: 3, scored: 0 }], can: { manage: false } });
    // A reporting unit's representative may write its own report only.
    expect((await f.reps[0]!.api.get(`/appraisals/${session.id}`)).body.can.editReportOf).toEqual([unit(0)]);
  });

  it('a unit writes its report over Yjs while the session is a draft; opening scoring locks it at once', async () => {
    const docName = session.reporters[0]!.docName;
    const writer = await openDoc(server, docName, f.reps[0]!.api.token);
    const other = await openDoc(server, docName, f.reps[1]!.api.token);
    try {
      expect(writer.access()).toEqual({ mode: 'write' });
      expect(other.access()).toEqual({ mode: 'read', reason: 'not_editor' });
      writeParagraphs(writer.doc, ['一、履行党建工作第一责任人职责。', '二、联合开展志愿服务12次。']);
      await until(() => fragmentText(other.doc).includes('志愿服务12次'), 'the report to reach a reader');

      const opened = await f.secretary.post(`/appraisals/${session.id}/open`);
      expect(opened.status).toBe(200);
      expect(opened.body.status).toBe('scoring');
      await until(() => writer.access()?.mode === 'read', 'the report to turn read-only');
      expect(writer.access()).toEqual({ mode: 'read', reason: 'appraisal_locked' });
      writeParagraphs(writer.doc, ['开始测评后补写的内容。']);
      await settle();
      expect(await reportText(server.ctx.yjs, session.id, unit(0))).toBe('一、履行党建工作第一责任人职责。\n二、联合开展志愿服务12次。');
      expect(fragmentText(other.doc)).not.toContain('补写');
    } finally {
      writer.close();
      other.close();
    }
    const late = await openDoc(server, docName, f.reps[0]!.api.token);
    expect(late.access()).toEqual({ mode: 'read', reason: 'appraisal_locked' });
    late.close();
    expect((await f.secretary.patch(`/appraisals/${session.id}`, { title: '改名' })).status).toBe(409);
    expect((await f.reps[0]!.api.get(`/appraisals/${session.id}`)).body.can.editReportOf).toEqual([]);
  });

  it('member units score every other report once; never their own; observers and outsiders not at all', async () => {
    const reports = (scores: Record<string, Record<string, AppraisalGrade>>) =>
      Object.entries(scores).map(([reporter, s]) => ({ reporter, scores: s, comment: '' }));
    const observer = await f.observer.api.post(`/appraisals/${session.id}/scores`, { reports: reports({ [unit(0)]: all('good') }) });
    expect(observer.status).toBe(403);
    expect((await f.outsider.api.post(`/appraisals/${session.id}/scores`, { reports: reports({ [unit(0)]: all('good') }) })).status).toBe(403);

    const own = await f.reps[0]!.api.post(`/appraisals/${session.id}/scores`, {
      reports: reports({ [unit(0)]: all('good'), [unit(1)]: all('good'), [unit(2)]: all('good') }),
    });
    expect(own.status).toBe(422);
    const partial = await f.reps[0]!.api.post(`/appraisals/${session.id}/scores`, { reports: reports({ [unit(1)]: all('good') }) });
    expect(partial.status).toBe(400);
    const wrongScale = await f.reps[0]!.api.post(`/appraisals/${session.id}/scores`, {
      reports: [{ reporter: unit(1), scores: { duty: 90, results: 90, cooperation: 90 } }, { reporter: unit(2), scores: all('good') }],
    });
    expect(wrongScale.status).toBe(400);
    expect(await storedScores()).toBe(0);

    const u0 = await f.reps[0]!.api.post(`/appraisals/${session.id}/scores`, {
      reports: reports({ [unit(1)]: all('fairlyGood'), [unit(2)]: all('good') }),
    });
    expect(u0.status).toBe(201);
    expect(u0.body.can).toMatchObject({ score: false, scoreAs: [] });
    const again = await f.reps[0]!.api.post(`/appraisals/${session.id}/scores`, {
      reports: reports({ [unit(1)]: all('poor'), [unit(2)]: all('poor') }),
    });
    expect(again.status).toBe(409);

    const scored = async (i: number, s: Record<string, Record<string, AppraisalGrade>>) =>
      expect((await f.reps[i]!.api.post(`/appraisals/${session.id}/scores`, { reports: reports(s) })).status).toBe(201);
    await scored(1, { [unit(0)]: all('good'), [unit(2)]: all('good') });
    await scored(2, { [unit(0)]: { duty: 'good', results: 'fairlyGood', cooperation: 'average' }, [unit(1)]: all('average') });
    await scored(3, { [unit(0)]: all('poor'), [unit(1)]: all('good'), [unit(2)]: all('fairlyGood') });
    expect(await storedScores({ 'evaluator.group': 'units' })).toBe(9);
    const view = (await f.reps[3]!.api.get(`/appraisals/${session.id}`)).body as Appraisal;
    expect(view.evaluators.scored).toHaveLength(4);
    expect(view.evaluators.pending).toEqual([]);
    // Members other than the secretaries see no links, and no results while scoring.
    expect(view.links).toEqual([]);
    expect(view.results).toBeNull();
  });

  it('a 群众代表 scores once through a link; a reused, revoked, expired or unknown link stores nothing', async () => {
    for (const [key, body] of [
      ['wang', { label: '居民代表 王大爷' }],
      ['li', { label: '居民代表 李阿姨' }],
      ['revoked', { label: '发错的链接' }],
      ['short', { label: '一小时有效', hours: 1 }],
    ] as const) {
      const res = await f.secretary.post(`/appraisals/${session.id}/links`, body);
      expect(res.status).toBe(201);
      links[key] = res.body.links[0];
    }
    expect(links.wang!.url).toMatch(/^https:\/\/tongxin\.example\.gov\.cn\/p\/appraisal\/[A-Za-z0-9_-]{43}$/);
    expect(links.wang!.expiresAt).toBe(bj('2026-11-22T09:00').toISOString());
    expect((await f.reps[0]!.api.post(`/appraisals/${session.id}/links`, { label: 'x' })).status).toBe(403);
    // The token is shown once: the session lists links without it.
    const listed = (await f.secretary.get(`/appraisals/${session.id}`)).body as Appraisal;
    expect(listed.links.map((l) => [l.label, l.url])).toEqual([
      ['居民代表 王大爷', undefined],
      ['居民代表 李阿姨', undefined],
      ['发错的链接', undefined],
      ['一小时有效', undefined],
    ]);

    const page = await pub('GET', tokenOf(links.wang!));
    expect(page.status).toBe(200);
    const shown = page.body as PublicAppraisal;
    expect(shown).toMatchObject({ title: session.title, scale: 'grade', expiresAt: links.wang!.expiresAt });
    expect(shown.criteria.map((c) => c.key)).toEqual(['duty', 'results', 'cooperation']);
    expect(shown.reporters.map((r) => r.unit.id)).toEqual([unit(0), unit(1), unit(2)]);
    expect(shown.reporters[0]!.report).toBe('一、履行党建工作第一责任人职责。\n二、联合开展志愿服务12次。');
    expect(shown.reporters[1]!.report).toBe('');

    const scoring = (g: [AppraisalGrade, AppraisalGrade, AppraisalGrade]) => ({
      reports: [0, 1, 2].map((i) => ({ reporter: unit(i), scores: all(g[i]!), comment: i === 0 ? '服务很贴心' : '' })),
    });
    expect((await pub('POST', tokenOf(links.wang!), { reports: [{ reporter: unit(0), scores: all('good') }] })).status).toBe(400);
    // A member's screen of the alliance hears that the session changed when a link scores.
    const screen = await connect(server, f.reps[3]!.api.token);
    ok(await send(screen, 'alliance:subscribe', { allianceId: f.allianceId }));
    const live = nextEvent(screen, 'appraisal:changed');
    expect((await pub('POST', tokenOf(links.wang!), scoring(['fairlyGood', 'average', 'good']))).status).toBe(204);
    expect(await live).toEqual({ allianceId: f.allianceId, appraisalId: session.id });
    screen.disconnect();
    const reused = await pub('POST', tokenOf(links.wang!), scoring(['poor', 'poor', 'poor']));
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('LINK_USED');
    expect((await pub('GET', tokenOf(links.wang!))).status).toBe(409);
    expect(await storedScores({ 'evaluator.group': 'public' })).toBe(3);

    const revoked = await f.secretary.post(`/appraisals/${session.id}/links/${links.revoked!.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.links.find((l: AppraisalLink) => l.id === links.revoked!.id).revokedAt).toBe(clock.now().toISOString());
    expect((await f.secretary.post(`/appraisals/${session.id}/links/${links.wang!.id}/revoke`)).status).toBe(409);
    const gone = await pub('POST', tokenOf(links.revoked!), scoring(['good', 'good', 'good']));
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('LINK_GONE');
    expect((await pub('GET', 'no-such-token')).status).toBe(404);

    // Two submissions through one link at the same moment: one is stored.
    const both = await Promise.all([
      pub('POST', tokenOf(links.li!), scoring(['good', 'poor', 'fairlyGood'])),
      pub('POST', tokenOf(links.li!), scoring(['poor', 'good', 'poor'])),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([204, 409]);
    expect(await storedScores({ 'evaluator.group': 'public' })).toBe(6);

    clock.set(bj('2026-11-20T10:30'), { frozen: true });
    const expired = await pub('POST', tokenOf(links.short!), scoring(['good', 'good', 'good']));
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('LINK_GONE');
    expect(await storedScores({ 'evaluator.group': 'public' })).toBe(6);
    const used = (await f.secretary.get(`/appraisals/${session.id}`)).body.links as AppraisalLink[];
    expect(used.filter((l) => l.usedAt).map((l) => l.label)).toEqual(['居民代表 王大爷', '居民代表 李阿姨']);
    // The list counts member units that scored (not links) out of the units that may score (not observers).
    const list = await f.reps[3]!.api.get(`/alliances/${f.allianceId}/appraisals`);
    expect(list.body.items).toMatchObject([{ id: session.id, status: 'scoring', scored: 4, evaluators: 4 }]);
  });

  it('closing computes each report’s score by the stated aggregation; a secret session names no evaluator', async () => {
    expect((await f.reps[0]!.api.post(`/appraisals/${session.id}/close`)).status).toBe(403);
    const closed = await f.secretary.post(`/appraisals/${session.id}/close`);
    expect(closed.status).toBe(200);
    const results = (closed.body as Appraisal).results!;
    // Scores per evaluator: (2·duty + results + cooperation) / 4, 好=100 较好=80 一般=60 差=40.
    // Unit 0's report: units 100, 85, 40 → trimmed 85; public 80, 100 → 90; 0.7·85 + 0.3·90 = 86.5
    // Unit 1's report: units 80, 60, 100 → 80; public 60, 40 → 50; 0.7·80 + 0.3·50 = 71
    // Unit 2's report: units 100, 100, 80 → 100; public 100, 80 → 90; 0.7·100 + 0.3·90 = 97
    const r2 = (v: number | null) => (v === null ? null : roundScore(v));
    expect(results.map((r) => [r.reporter.id, r2(r.score), r2(r.byGroup.units), r2(r.byGroup.public), r.counts.units, r.counts.public])).toEqual([
      [unit(0), 86.5, 85, 90, 3, 2],
      [unit(1), 71, 80, 50, 3, 2],
      [unit(2), 97, 100, 90, 3, 2],
    ]);
    // Per criterion, the same rule: 履行职责 units 100,100,40 → 100, public 90 → 97; 工作成效 80/90 → 83; 共建参与 60/90 → 69.
    expect(Object.fromEntries(Object.entries(results[0]!.byCriterion).map(([k, v]) => [k, r2(v)]))).toEqual({ duty: 97, results: 83, cooperation: 69 });
    expect(results.every((r) => r.named === null)).toBe(true);
    for (const viewer of [f.secretary, f.reps[1]!.api]) {
      const seen = JSON.stringify((await viewer.get(`/appraisals/${session.id}`)).body.results);
      expect(seen).not.toContain('王大爷');
      expect(seen).not.toContain('服务很贴心');
    }
    expect((await f.secretary.post(`/appraisals/${session.id}/close`)).status).toBe(409);
    expect((await pub('GET', tokenOf(links.short!))).status).toBe(410);
    // A used link still reads as used after the session closed, so the representative is told so.
    for (const usedAfterClose of [
      await pub('GET', tokenOf(links.wang!)),
      await pub('POST', tokenOf(links.wang!), { reports: [0, 1, 2].map((i) => ({ reporter: unit(i), scores: all('good') })) }),
    ]) {
      expect(usedAfterClose.status).toBe(409);
      expect(usedAfterClose.body.error.code).toBe('LINK_USED');
    }
    expect((await f.reps[1]!.api.post(`/appraisals/${session.id}/scores`, { reports: [] })).status).toBe(400);
  });

  it('a named session shows who gave what; the ratings read the period’s closed sessions', async () => {
    const res = await f.secretary.post(`/alliances/${f.allianceId}/appraisals`, {
      title: '第四季度补充述职',
      period: '2026-Q4',
      scale: 'score',
      secrecy: 'named',
      reporters: [unit(0)],
    });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    expect(res.body.aggregationText).toBe('各评议单位、群众代表测评分分别取平均值，评议单位占70%、群众代表占30%；每项指标按0–100分评分');
    expect((await f.secretary.post(`/appraisals/${id}/open`)).status).toBe(200);
    const scored = await f.reps[1]!.api.post(`/appraisals/${id}/scores`, {
      reports: [{ reporter: unit(0), scores: { duty: 95, results: 85, cooperation: 90 }, comment: '成效明显' }],
    });
    expect(scored.status).toBe(201);
    const link = (await f.secretary.post(`/appraisals/${id}/links`, { label: '居民代表 张师傅' })).body.links[0] as AppraisalLink;
    expect((await pub('POST', tokenOf(link), { reports: [{ reporter: unit(0), scores: { duty: 70, results: 70, cooperation: 70 } }] })).status).toBe(204);
    const closed = (await f.secretary.post(`/appraisals/${id}/close`)).body as Appraisal;
    const unitName = (await f.reps[1]!.api.get('/me')).body.unit.name as string;
    expect(closed.results![0]!.score).toBeCloseTo(84, 10);
    expect(closed.results![0]).toMatchObject({
      named: [
        { evaluator: unitName, group: 'units', score: 90, comment: '成效明显' },
        { evaluator: '居民代表 张师傅', group: 'public', score: 70, comment: '' },
      ],
    });

    const scores = await appraisalScoresFor(server.ctx.db.models, f.allianceId, '2026-Q4');
    expect(Object.fromEntries([...scores].map(([u, v]) => [u, roundScore(v)]))).toEqual({ [unit(0)]: 85.25, [unit(1)]: 71, [unit(2)]: 97 });
    expect((await appraisalScoresFor(server.ctx.db.models, f.allianceId, '2026-Q3')).size).toBe(0);
  });

  it('every step is in the audit trail', async () => {
    const events = await server.ctx.db.models.AuditEvent.find({ targetType: 'appraisal', targetId: session.id }).lean();
    expect(new Set(events.map((e) => e.action))).toEqual(
      new Set(['appraisal.create', 'appraisal.update', 'appraisal.open', 'appraisal.score', 'appraisal.link', 'appraisal.revokeLink', 'appraisal.close']),
    );
    // Four units and two links scored; a link's scoring has no actor, and in a secret session no label.
    const scorings = events.filter((e) => e.action === 'appraisal.score');
    expect(scorings).toHaveLength(6);
    expect(JSON.stringify(scorings.filter((e) => !e.actor))).not.toContain('王大爷');
  });

  it('wrong tokens are rate-limited like failed logins', async () => {
    let last = 0;
    for (let i = 0; i < 11; i++) last = (await pub('GET', 'guessed-token')).status;
    expect(last).toBe(429);
    // A real link is never limited: not by the guesses from the same address, not by reopening a used one.
    for (let i = 0; i < 12; i++) expect((await pub('GET', tokenOf(links.short!))).status).not.toBe(429);
  });

  it('the public body is bounded', async () => {
    const huge = { reports: [{ reporter: unit(0), scores: all('good'), comment: 'x'.repeat(300_000) }] };
    const refused = await pub('POST', tokenOf(links.short!), huge);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/too large/);
  });
});

describe('述职评议 reports lock on every process when scoring opens', () => {
  const pair = twoInstances('appraisallock');

  it('a report open on the other instance turns read-only at once', async () => {
    const { a, b } = pair;
    const f = await setUpAlliance(a, 2);
    const created = await f.secretary.post(`/alliances/${f.allianceId}/appraisals`, { title: '述职评议', period: '2026-Q4', reporters: [f.reps[0]!.unit] });
    expect(created.status).toBe(201);
    const repOnB = await loginAs(b, f.reps[0]!.login, f.reps[0]!.password ?? DEMO_PASSWORD);
    const onB = await openDoc(b, created.body.reporters[0].docName, repOnB.token);
    try {
      expect(onB.access()).toEqual({ mode: 'write' });
      expect((await f.secretary.post(`/appraisals/${created.body.id}/open`)).status).toBe(200);
      await until(() => onB.access()?.mode === 'read', 'the report on B to become read-only');
      expect(onB.access()).toEqual({ mode: 'read', reason: 'appraisal_locked' });
    } finally {
      onB.close();
    }
  });
});
