import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RatingPeriod, RatingTrend } from '@tongxin/shared';
import { SettableClock } from '../src/clock.js';
import type { ApiClient } from './support/api.js';
import { connect, nextEvent, ok, send, setUpAlliance, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { xmlParts } from './support/zip.js';

const bj = (local: string) => new Date(`${local}:00+08:00`);
/** A letter goes to the unit's 党组织: “某某社区党组织：”, or “某某街道党工委：” when the unit is one. */
const addressee = (name: string) =>
  /(党委|党工委|党总支|党支部|党组织|党组)$/.test(name) ? `${name}：` : `${name}党组织：`;

/** A download: status, headers and the raw bytes. */
async function download(server: TestServer, api: ApiClient, p: string) {
  const res = await fetch(`${server.url}/api${p}`, { headers: { authorization: `Bearer ${api.token}` } });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    disposition: res.headers.get('content-disposition') ?? '',
    body: Buffer.from(await res.arrayBuffer()),
  };
}

/** The text of a PDF, through poppler's pdftotext (pages separated by form feeds). */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ratings-pdf-'));
  const file = path.join(dir, 'letter.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/**
 * 星级评定 of a quarter in a four-unit alliance: points from manual entries, 述职评议 scores from a
 * real session, the rules' stars, a secretary's adjustment, publication (locked, once, even when
 * two secretaries press 发布 together), the exports and letters, reopening as version 2.
 */
describe('星级评定: rules, stars, adjustment, publication, exports and letters', () => {
  let server: TestServer;
  let f: RoomFixture;
  const clock = new SettableClock(bj('2026-11-10T10:00'));
  const Q = '2026-Q4';
  const base = () => `/alliances/${f.allianceId}/ratings`;
  const unit = (i: number) => f.reps[i]!.unit;
  const names: string[] = [];

  const manual = async (i: number, points: number, reason: string, date = '2026-11-05') => {
    const res = await f.secretary.post(`/alliances/${f.allianceId}/points/manual`, {
      unit: unit(i),
      points,
      reason,
      date,
    });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  };
  const view = async (api: ApiClient = f.secretary, period = Q) => {
    const res = await api.get(`${base()}/${period}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as RatingPeriod;
  };
  const line = (r: RatingPeriod, i: number) => r.rows.find((row) => row.unit.id === unit(i))!;

  beforeAll(async () => {
    server = await startTestServer({}, { clock });
    f = await setUpAlliance(server, 4);
    // Points: A 20, B 12, C 5, D −2 (manual entries: 加分 / 扣分 with reasons).
    await manual(0, 20, '承办联席会议并完成共建项目');
    await manual(1, 12, '认领需求四项');
    await manual(2, 5, '参加志愿服务');
    await manual(3, -2, '无故缺席联席会议');
    // 述职评议: A and B report; C and D score them, every criterion 80 for A and 50 for B, so the
    // score is 80 and 50 whatever the aggregation.
    const session = await f.secretary.post(`/alliances/${f.allianceId}/appraisals`, {
      title: '2026年第四季度述职评议',
      period: Q,
      scale: 'score',
      reporters: [unit(0), unit(1)],
    });
    expect(session.status, JSON.stringify(session.body)).toBe(201);
    const id = session.body.id as string;
    expect((await f.secretary.post(`/appraisals/${id}/open`)).status).toBe(200);
    const all = (n: number) => ({ duty: n, results: n, cooperation: n });
    for (const i of [2, 3]) {
      const scored = await f.reps[i]!.api.post(`/appraisals/${id}/scores`, {
        reports: [
          { reporter: unit(0), scores: all(80) },
          { reporter: unit(1), scores: all(50) },
        ],
      });
      expect(scored.status, JSON.stringify(scored.body)).toBeLessThan(300);
    }
    expect((await f.secretary.post(`/appraisals/${id}/close`)).status).toBe(200);
    const r = await view();
    for (let i = 0; i < 4; i++) names.push(line(r, i).unit.name);
  }, 180_000);
  afterAll(async () => {
    await server?.dispose();
  });

  it('lists the current quarter with the default rules; only secretaries manage', async () => {
    const res = await f.reps[0]!.api.get(base());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      current: Q,
      periods: [{ period: Q, status: 'open', version: 1 }],
      rules: { method: 'thresholds', pointsWeight: 1, appraisalWeight: 0.2, thresholds: [5, 10, 18, 25] },
      can: { manage: false },
    });
    expect((await f.secretary.get(base())).body.can.manage).toBe(true);
  });

  it('computes each unit’s composite, rank and stars from its points and 述职评议 score', async () => {
    const r = await view(f.reps[1]!.api);
    expect(r).toMatchObject({
      period: Q,
      status: 'open',
      version: 1,
      published: null,
      history: [],
      can: { manage: false },
    });
    expect(r.start).toBe(bj('2026-10-01T00:00').toISOString());
    // A 20 + 0.2 × 80 = 36 → 5★; B 12 + 0.2 × 50 = 22 → 4★; C 5 (did not report: 0) → 2★; D −2 → 1★.
    expect(
      r.rows.map((u) => [
        u.unit.id,
        u.points,
        u.appraisal,
        u.composite,
        u.rank,
        u.computedStars,
        u.stars,
        u.adjustment,
      ]),
    ).toEqual([
      [unit(0), 20, 80, 36, 1, 5, 5, null],
      [unit(1), 12, 50, 22, 2, 4, 4, null],
      [unit(2), 5, null, 5, 3, 2, 2, null],
      [unit(3), -2, null, -2, 4, 1, 1, null],
    ]);
    // The observer unit (列席) is not rated.
    expect(r.rows.map((u) => u.unit.id)).not.toContain(f.observer.unit);
  });

  it('rules: rank shares rate by places; bad rules are refused with the field named; a member may not set them', async () => {
    const ranks = {
      period: 'quarter',
      method: 'ranks',
      pointsWeight: 1,
      appraisalWeight: 0.2,
      thresholds: [5, 10, 18, 25],
      rankShares: [25, 25, 25, 25],
    };
    expect((await f.reps[0]!.api.put(`${base()}/rules`, ranks)).status).toBe(403);
    const bad = await f.secretary.put(`${base()}/rules`, { ...ranks, thresholds: [10, 5, 18, 25] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('thresholds');
    expect((await f.secretary.put(`${base()}/rules`, { ...ranks, rankShares: [50, 50, 10, 0] })).status).toBe(400);
    const set = await f.secretary.put(`${base()}/rules`, ranks);
    expect(set.status).toBe(200);
    expect(set.body.rules).toEqual(ranks);
    // Four units, 25 % each: cutoffs 1, 2, 3, 4 → 5★, 4★, 3★, 2★.
    expect((await view()).rows.map((u) => u.computedStars)).toEqual([5, 4, 3, 2]);
    const back = await f.secretary.put(`${base()}/rules`, { ...ranks, method: 'thresholds' });
    expect(back.body.rules.method).toBe('thresholds');
    expect((await view()).rows.map((u) => u.computedStars)).toEqual([5, 4, 2, 1]);
  });

  it('outsiders get 403, unknown alliances 404, bad periods and bad adjustments 400', async () => {
    expect((await f.outsider.api.get(`${base()}/${Q}`)).status).toBe(403);
    expect((await f.outsider.api.get(base())).status).toBe(403);
    expect((await f.secretary.get(`/alliances/${'0'.repeat(24)}/ratings`)).status).toBe(404);
    expect((await f.observer.api.get(`${base()}/${Q}`)).status).toBe(200);
    expect((await f.secretary.get(`${base()}/2026-Q5`)).status).toBe(400);
    expect((await f.secretary.get(`${base()}/${Q}/letters/${'0'.repeat(24)}.txt`)).status).toBe(404);
    const six = await f.secretary.post(`${base()}/${Q}/adjust`, { unit: unit(2), stars: 6, reason: '表现突出' });
    expect(six.status).toBe(400);
    expect(JSON.stringify(six.body.error.details)).toContain('stars');
    const noReason = await f.secretary.post(`${base()}/${Q}/adjust`, { unit: unit(2), stars: 3, reason: '' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body.error.details)).toContain('reason');
    const observer = await f.secretary.post(`${base()}/${Q}/adjust`, {
      unit: f.observer.unit,
      stars: 3,
      reason: '列席单位',
    });
    expect(observer.status).toBe(400);
    expect(observer.body.error.details).toEqual({ field: 'unit' });
    expect(
      (await f.reps[2]!.api.post(`${base()}/${Q}/adjust`, { unit: unit(2), stars: 5, reason: '自评' })).status,
    ).toBe(403);
    expect((await f.reps[2]!.api.post(`${base()}/${Q}/publish`, {})).status).toBe(403);
  });

  it('a secretary adjusts a unit’s stars with a reason, and can take it back', async () => {
    const wrong = await f.secretary.post(`${base()}/${Q}/adjust`, { unit: unit(1), stars: 2, reason: '误操作' });
    expect(line(wrong.body, 1)).toMatchObject({ computedStars: 4, stars: 2 });
    const undone = await f.secretary.post(`${base()}/${Q}/adjust`, {
      unit: unit(1),
      stars: null,
      reason: '撤回误操作',
    });
    expect(line(undone.body, 1)).toMatchObject({ computedStars: 4, stars: 4, adjustment: null });
    // A member's screen of the alliance hears that the period's stars changed.
    const page = await connect(server, f.reps[2]!.api.token);
    ok(await send(page, 'alliance:subscribe', { allianceId: f.allianceId }));
    const live = nextEvent(page, 'ratings:changed');
    const res = await f.secretary.post(`${base()}/${Q}/adjust`, {
      unit: unit(2),
      stars: 3,
      reason: '承办区级示范活动，成效突出',
    });
    expect(res.status).toBe(200);
    expect(await live).toEqual({ allianceId: f.allianceId, period: Q });
    page.disconnect();
    expect(line(res.body, 2)).toMatchObject({
      computedStars: 2,
      stars: 3,
      adjustment: { stars: 3, reason: '承办区级示范活动，成效突出', by: { name: expect.any(String) } },
    });
    // A second adjustment of the same unit replaces the first.
    const again = await f.secretary.post(`${base()}/${Q}/adjust`, {
      unit: unit(2),
      stars: 3,
      reason: '承办区级示范活动，成效突出',
    });
    expect(again.body.rows.filter((u: { adjustment: unknown }) => u.adjustment).length).toBe(1);
  });

  it('the CSV and Excel of an open period say 草稿; an open period has no letters', async () => {
    const csv = await download(server, f.secretary, `${base()}/${Q}/export.csv`);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    const text = csv.body.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.split('\r\n')[0]).toContain('草稿');
    const xlsx = await download(server, f.secretary, `${base()}/${Q}/export.xlsx`);
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.name).toBe('星级评定（草稿）');
    expect(String(book.worksheets[0]!.getRow(1).getCell(1).value)).toContain('草稿');
    expect((await f.secretary.get(`${base()}/${Q}/letters/${unit(0)}.docx`)).status).toBe(409);
    expect((await f.secretary.get(`${base()}/${Q}/letters.pdf`)).status).toBe(409);
  });

  it('two secretaries publishing at once give one version 1; the published period is locked', async () => {
    const [a, b] = await Promise.all([
      f.secretary.post(`${base()}/${Q}/publish`, { note: '经联席会议审议通过' }),
      f.admin.post(`${base()}/${Q}/publish`, { note: '同时发布' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const r = await view(f.reps[3]!.api);
    expect(r).toMatchObject({ status: 'published', version: 1, history: [] });
    expect(r.published!.note).toBe(a.status === 200 ? '经联席会议审议通过' : '同时发布');
    expect(r.rows.map((u) => u.stars)).toEqual([5, 4, 3, 1]);
    const locked = await f.secretary.post(`${base()}/${Q}/adjust`, { unit: unit(3), stars: 2, reason: '补充材料' });
    expect(locked.status).toBe(409);
    expect((await f.secretary.post(`${base()}/${Q}/publish`, {})).status).toBe(409);
    expect((await f.secretary.get(base())).body.periods).toEqual([{ period: Q, status: 'published', version: 1 }]);
  });

  it('points changing after publication do not change the published stars', async () => {
    await manual(3, 30, '补录共建项目积分', '2026-11-06');
    const points = await f.secretary.get(`/alliances/${f.allianceId}/points?period=${Q}`);
    expect(points.body.units.find((u: { unit: { id: string } }) => u.unit.id === unit(3)).total).toBe(28);
    const r = await view();
    expect(line(r, 3)).toMatchObject({ points: -2, composite: -2, stars: 1 });
  });

  it('exports every unit as CSV and Excel, with stars as ★ and number and the adjustment reason', async () => {
    const csv = (await download(server, f.reps[0]!.api, `${base()}/${Q}/export.csv`)).body
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/2026年第四季度星级评定结果（第1版，\d{4}-\d{2}-\d{2}发布）$/);
    expect(lines.slice(1)).toEqual([
      '名次,单位,积分,述职评议得分,综合得分,星级,星级（数字）,调整说明',
      `1,${names[0]},20,80,36,★★★★★,5,`,
      `2,${names[1]},12,50,22,★★★★☆,4,`,
      `3,${names[2]},5,未参加述职评议,5,★★★☆☆,3,由2星调整为3星：承办区级示范活动，成效突出`,
      `4,${names[3]},-2,未参加述职评议,-2,★☆☆☆☆,1,`,
    ]);
    const xlsx = await download(server, f.reps[0]!.api, `${base()}/${Q}/export.xlsx`);
    expect(xlsx.type).toContain('spreadsheetml');
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('星级评定');
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(2)).toEqual(['名次', '单位', '积分', '述职评议得分', '综合得分', '星级', '星级（数字）', '调整说明']);
    expect(values(3)).toEqual([1, names[0], 20, 80, 36, '★★★★★', 5, '']);
    expect(values(5)).toEqual([
      3,
      names[2],
      5,
      '未参加述职评议',
      5,
      '★★★☆☆',
      3,
      '由2星调整为3星：承办区级示范活动，成效突出',
    ]);
  });

  it('a unit’s letter as DOCX names the unit, its stars, points by criterion, rank and the adjustment', async () => {
    const docx = await download(server, f.reps[2]!.api, `${base()}/${Q}/letters/${unit(2)}.docx`);
    expect(docx.status).toBe(200);
    expect(docx.type).toContain('wordprocessingml');
    expect(decodeURIComponent(docx.disposition)).toContain(`${names[2]}-2026年第四季度星级评定反馈函.docx`);
    const xml = xmlParts(docx.body).get('word/document.xml')!;
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('关于2026年第四季度星级评定结果的反馈');
    expect(text).toContain(addressee(names[2]!));
    expect(text).toContain('★★★☆☆（3星）');
    expect(text).toContain('在4个参评成员单位中排名第3位');
    expect(text).toContain('本期积分共计5分。其中：手工加减分5分。');
    expect(text).toContain('本期你单位未参加述职评议，该项按0分计入综合得分。');
    expect(text).toContain('由按规则评定的2星调整为3星。调整理由：承办区级示范活动，成效突出。');
    // Issued by the alliance, dated the day of publication.
    expect(text).toMatch(/测试联合体\w+\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    const a = xmlParts((await download(server, f.secretary, `${base()}/${Q}/letters/${unit(0)}.docx`)).body).get(
      'word/document.xml',
    )!;
    expect(a).toContain('本期述职评议得分80分（满分100分）。');
    expect((await f.secretary.get(`${base()}/${Q}/letters/${f.observer.unit}.docx`)).status).toBe(404);
  });

  it('a unit’s letter and all letters as PDF, with the Chinese fonts embedded, each letter on its own page', async () => {
    const one = await download(server, f.secretary, `${base()}/${Q}/letters/${unit(0)}.pdf`);
    expect(one.status).toBe(200);
    expect(one.type).toBe('application/pdf');
    expect(one.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(one.body.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC/);
    const text = pdfText(one.body).replace(/\s+/g, '');
    expect(text).toContain('关于2026年第四季度星级评定结果的反馈');
    expect(text).toContain(addressee(names[0]!));
    expect(text).toContain('★★★★★（5星）');
    const all = await download(server, f.secretary, `${base()}/${Q}/letters.pdf`);
    const pages = pdfText(all.body)
      .split('\f')
      .filter((p) => p.trim());
    expect(pages.length).toBe(4);
    pages.forEach((page, i) => expect(page.replace(/\s+/g, '')).toContain(addressee(names[i]!)));
  });

  it('reopening keeps version 1 in the history; the next publication is version 2 with today’s points', async () => {
    expect((await f.secretary.post(`${base()}/${Q}/reopen`, { reason: '' })).status).toBe(400);
    expect((await f.reps[0]!.api.post(`${base()}/${Q}/reopen`, { reason: '申诉' })).status).toBe(403);
    clock.set(bj('2027-01-05T09:00'));
    const reopened = await f.secretary.post(`${base()}/${Q}/reopen`, { reason: '补录积分后重新评定' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({
      status: 'open',
      version: 2,
      published: null,
      history: [{ version: 1, reopenReason: '补录积分后重新评定' }],
    });
    // Open again: live figures — D now has 28 points → 5★; C keeps its adjustment.
    expect(line(reopened.body, 3)).toMatchObject({ points: 28, composite: 28, computedStars: 5, stars: 5 });
    expect(line(reopened.body, 2)).toMatchObject({ stars: 3, adjustment: { stars: 3 } });
    expect((await f.secretary.post(`${base()}/${Q}/reopen`, { reason: '再开' })).status).toBe(409);
    const republished = await f.secretary.post(`${base()}/${Q}/publish`, { note: '第二版' });
    expect(republished.body).toMatchObject({
      status: 'published',
      version: 2,
      published: { note: '第二版' },
      history: [{ version: 1 }],
    });
    const text = xmlParts((await download(server, f.secretary, `${base()}/${Q}/letters/${unit(3)}.docx`)).body).get(
      'word/document.xml',
    )!;
    expect(text).toContain('本函依据第2版评定结果出具');
    expect(text).toContain('2027年1月5日');
  });

  it('the trend gives each unit’s points and published stars over the last periods', async () => {
    clock.set(bj('2027-01-06T09:00'));
    const res = await f.reps[0]!.api.get(`/alliances/${f.allianceId}/ratings-trend?count=3`);
    expect(res.status).toBe(200);
    const trend = res.body as RatingTrend;
    expect(trend.periods).toEqual(['2026-Q3', Q, '2027-Q1']);
    const d = trend.units.find((u) => u.unit.id === unit(3))!;
    expect(d).toMatchObject({ points: [0, 28, 0], stars: [null, 5, null] });
    expect((await f.reps[0]!.api.get(`/alliances/${f.allianceId}/ratings-trend?count=99`)).status).toBe(400);
    const list = (await f.secretary.get(base())).body;
    expect(list.current).toBe('2027-Q1');
    expect(list.periods.map((p: { period: string }) => p.period)).toEqual(['2027-Q1', Q]);
  });

  it('every change is in the alliance’s log, in words', async () => {
    const log = await f.secretary.get(`/alliances/${f.allianceId}/audit?category=evaluation&pageSize=50`);
    expect(log.status).toBe(200);
    const rating = (
      log.body.items as { action: string; target: { name: string }; changes: { field: string }[] }[]
    ).filter((e) => e.action.startsWith('rating.'));
    expect(rating.map((e) => e.action).reverse()).toEqual([
      'rating.rules',
      'rating.rules',
      'rating.adjust',
      'rating.adjust',
      'rating.adjust',
      'rating.adjust',
      'rating.publish',
      'rating.reopen',
      'rating.publish',
    ]);
    const publish = rating.find((e) => e.action === 'rating.publish')!;
    expect(publish.target.name).toBe(Q);
    expect(publish.changes.map((c) => c.field)).toEqual(expect.arrayContaining(['period', 'version']));
    const adjust = rating.find((e) => e.action === 'rating.adjust')!;
    expect(adjust.target.name).toBe(names[2]);
    expect(adjust.changes.map((c) => c.field)).toEqual(expect.arrayContaining(['period', 'stars', 'reason']));
  });
});
