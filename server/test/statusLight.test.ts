import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditProse, type ActionItem, type ActionItemDetail, type AuditEvent, type LedgerPage } from '@tongxin/shared';
import { SettableClock } from '../src/clock.js';
import { setUpAlliance, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/** An instant at `hh:mm` Beijing time on `day`. */
const beijing = (day: string, hhmm = '10:00') => new Date(`${day}T${hhmm}:00+08:00`);

/**
 * 亮灯: the server says each item's light, computed on read from the deadline, the last report and
 * 签收, with the alliance's rules and working calendar — on the item, in the ledger (with a filter
 * and counts), and in the CSV and Excel exports.
 */
describe('the status light (亮灯)', () => {
  const clock = new SettableClock(beijing('2026-09-21'), { frozen: true }); // a Monday
  let server: TestServer;
  let f: RoomFixture;

  beforeAll(async () => {
    server = await startTestServer({}, { clock });
    f = await setUpAlliance(server, 3);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const lead = () => f.reps[1]!;
  const create = async (title: string, dueDate: string) => {
    const res = await f.secretary.post<ActionItem>(`/alliances/${f.allianceId}/action-items`, {
      title,
      leadUnit: lead().unit,
      responsiblePerson: '李秀英',
      dueDate,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // 签收 at once, so that only the deadline and the reports decide the light.
    const ack = await lead().api.post(`/action-items/${res.body.id}/acknowledge`);
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    return res.body;
  };
  const lightOf = async (id: string) => (await f.secretary.get<ActionItemDetail>(`/action-items/${id}`)).body.light;
  const ledger = async (q = '') =>
    (await f.secretary.get<LedgerPage>(`/alliances/${f.allianceId}/action-items?pageSize=100${q}`)).body;
  const download = async (path: string) => {
    const res = await fetch(`${server.url}/api${path}`, { headers: { authorization: `Bearer ${f.secretary.token}` } });
    return res;
  };

  it('an item walks from green to yellow (due soon across the National Day holiday) to red', async () => {
    clock.set(beijing('2026-09-21'), { frozen: true });
    const item = await create('国庆前完成背街小巷整治', '2026-10-09');
    expect(item.light).toEqual({ light: 'green', reason: 'on_track' });

    // Friday 25 September: 5 working days left (28, 29, 30 September, 8, 9 October).
    clock.set(beijing('2026-09-25'), { frozen: true });
    expect(await lightOf(item.id)).toEqual({ light: 'green', reason: 'on_track' });

    // Tuesday 29 September: ten calendar days, but only three working days, are left.
    clock.set(beijing('2026-09-29'), { frozen: true });
    expect(await lightOf(item.id)).toEqual({ light: 'yellow', reason: 'due_soon' });

    clock.set(beijing('2026-10-10'), { frozen: true });
    expect(await lightOf(item.id)).toEqual({ light: 'red', reason: 'overdue', daysOverdue: 1 });

    // Handed in for verification: the lead unit's part is done.
    const start = await lead().api.post(`/action-items/${item.id}/transition`, { transition: 'start' });
    expect(start.status, JSON.stringify(start.body)).toBe(200);
    await lead().api.post(`/action-items/${item.id}/progress`, { text: '整治完毕，待验收。', percent: 100 });
    const submit = await lead().api.post(`/action-items/${item.id}/transition`, { transition: 'submit' });
    expect(submit.status, JSON.stringify(submit.body)).toBe(200);
    expect(await lightOf(item.id)).toEqual({ light: 'green', reason: 'awaiting_verification' });
  });

  it('a lead unit silent for the alliance’s number of days shows yellow; a report turns it green again', async () => {
    clock.set(beijing('2026-09-21'), { frozen: true });
    const item = await create('年底前完成停车位规划', '2026-12-31');
    clock.set(beijing('2026-10-05'), { frozen: true });
    expect(await lightOf(item.id)).toEqual({ light: 'yellow', reason: 'no_recent_report', silentDays: 14 });
    const report = await lead().api.post<ActionItemDetail>(`/action-items/${item.id}/progress`, {
      text: '已完成方案初稿。',
      percent: 30,
    });
    expect(report.status, JSON.stringify(report.body)).toBe(201);
    expect(report.body.light).toEqual({ light: 'green', reason: 'on_track' });
  });

  it('the ledger filters by light and counts each light over every other filter', async () => {
    clock.set(beijing('2026-10-10'), { frozen: true });
    const all = await ledger();
    const lights = Object.fromEntries(all.items.map((i) => [i.title, i.light.light]));
    expect(lights).toEqual({ 国庆前完成背街小巷整治: 'green', 年底前完成停车位规划: 'green' });

    const late = await create('十月初完成垃圾分类宣传', '2026-10-09');
    expect(late.light).toMatchObject({ light: 'red', daysOverdue: 1 });
    const soon = await create('下周完成台账整理', '2026-10-13');
    expect(soon.light).toMatchObject({ light: 'yellow', reason: 'due_soon' });

    const page = await ledger();
    expect(page.lights).toEqual({ red: 1, yellow: 1, green: 2, none: 0 });
    const red = await ledger('&light=red');
    expect(red.items.map((i) => i.title)).toEqual(['十月初完成垃圾分类宣传']);
    expect(red.total).toBe(1);
    // The counts stay those of all matching items, so the summary still reads 红灯 1 · 黄灯 1 · 绿灯 2.
    expect(red.lights).toEqual(page.lights);
    const yellowPage = (await f.secretary.get<LedgerPage>(`/alliances/${f.allianceId}/action-items?light=yellow&pageSize=1&page=1`)).body;
    expect(yellowPage.items.map((i) => i.id)).toEqual([soon.id]);

    const bad = await f.secretary.get(`/alliances/${f.allianceId}/action-items?light=purple`);
    expect(bad.status).toBe(400);
  });

  it('the alliance’s own calendar for 2027 changes a light at once, and the change is in the log in words', async () => {
    clock.set(beijing('2027-02-01'), { frozen: true }); // a Monday
    const item = await create('春节前走访困难党员', '2027-02-08');
    // Five working days left by the weekday rule alone (the official 2027 calendar is not bundled).
    expect(item.light).toEqual({ light: 'green', reason: 'on_track' });

    const res = await f.secretary.patch(`/alliances/${f.allianceId}`, {
      calendar: { holidays: ['2027-02-05', '2027-02-04', '2027-02-03'], workdays: ['2027-02-06'] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.calendar).toEqual({ holidays: ['2027-02-03', '2027-02-04', '2027-02-05'], workdays: ['2027-02-06'] });
    // 2, 6 (a Saturday worked) and 8 February: three working days.
    expect(await lightOf(item.id)).toEqual({ light: 'yellow', reason: 'due_soon' });

    // The rules are the alliance's too.
    await f.secretary.patch(`/alliances/${f.allianceId}`, { calendar: { holidays: [], workdays: [] } });
    expect(await lightOf(item.id)).toEqual({ light: 'green', reason: 'on_track' });
    const rules = await f.secretary.patch(`/alliances/${f.allianceId}`, {
      statusLightRules: { dueSoonWorkingDays: 5, silentDays: 14 },
    });
    expect(rules.body.statusLightRules).toEqual({ dueSoonWorkingDays: 5, silentDays: 14 });
    expect(await lightOf(item.id)).toEqual({ light: 'yellow', reason: 'due_soon' });

    const log = await f.secretary.get<{ items: AuditEvent[] }>(`/alliances/${f.allianceId}/audit?pageSize=5`);
    const calendarEvent = log.body.items.find((e) => e.changes.some((c) => c.field === 'holidays' && c.after?.type === 'list' && c.after.items.length === 3));
    expect(calendarEvent?.action).toBe('alliance.setStatusLight');
    const prose = auditProse(calendarEvent!, 'zh-CN');
    expect(prose.sentence.map((s) => s.text).join('')).toContain('调整了联合体');
    expect(prose.changes).toContain('补充放假日期：（无） → 2027年2月3日、2027年2月4日、2027年2月5日');
    const rulesEvent = log.body.items.find((e) => e.changes.some((c) => c.field === 'dueSoonWorkingDays'));
    expect(auditProse(rulesEvent!, 'zh-CN').changes).toContain('临近时限亮黄灯（工作日）：3 → 5');
    await f.secretary.patch(`/alliances/${f.allianceId}`, { statusLightRules: { dueSoonWorkingDays: 3, silentDays: 14 } });
  });

  it('refuses a calendar with a day both off and worked, a bad date, or rules out of range, and changes nothing', async () => {
    const before = (await f.secretary.get(`/alliances/${f.allianceId}`)).body;
    for (const body of [
      { calendar: { holidays: ['2027-10-01'], workdays: ['2027-10-01'] } },
      { calendar: { holidays: ['2027-13-01'], workdays: [] } },
      { calendar: { holidays: Array.from({ length: 201 }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10)), workdays: [] } },
      { statusLightRules: { dueSoonWorkingDays: 0, silentDays: 14 } },
      { statusLightRules: { dueSoonWorkingDays: 3, silentDays: 61 } },
    ]) {
      const res = await f.secretary.patch(`/alliances/${f.allianceId}`, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
    const after = (await f.secretary.get(`/alliances/${f.allianceId}`)).body;
    expect(after.calendar).toEqual(before.calendar);
    expect(after.statusLightRules).toEqual(before.statusLightRules);
    // Only those who manage the alliance change its calendar.
    const denied = await lead().api.patch(`/alliances/${f.allianceId}`, { calendar: { holidays: ['2027-02-03'], workdays: [] } });
    expect(denied.status).toBe(403);
  });

  it('the CSV and the Excel workbook carry the light and why, with the same filters', async () => {
    clock.set(beijing('2026-10-10'), { frozen: true });
    const csv = await download(`/alliances/${f.allianceId}/action-items.csv?light=red`);
    expect(csv.status).toBe(200);
    const text = await csv.text();
    const [header, ...rows] = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    const columns = header!.split(',');
    expect(columns).toContain('亮灯');
    expect(columns).toContain('亮灯原因');
    expect(rows).toHaveLength(1);
    const cells = rows[0]!.split(',');
    expect(cells[columns.indexOf('督办事项')]).toBe('十月初完成垃圾分类宣传');
    expect(cells[columns.indexOf('亮灯')]).toBe('红灯');
    expect(cells[columns.indexOf('亮灯原因')]).toBe('已逾期 1 天');

    const xlsx = await download(`/alliances/${f.allianceId}/action-items.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.headers.get('content-disposition')).toContain(encodeURIComponent('工作台账.xlsx'));
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.getWorksheet('工作台账')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const head = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(head).toContain('亮灯');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const col = (name: string) => head.indexOf(name) + 1;
    expect(sheet.getColumn(col('督办事项')).width).toBeGreaterThan(20);
    const rowsByTitle = new Map<string, number>();
    sheet.eachRow((row, n) => {
      if (n > 1) rowsByTitle.set(String(row.getCell(col('督办事项')).value), n);
    });
    expect(rowsByTitle.size).toBe(5);
    const redRow = sheet.getRow(rowsByTitle.get('十月初完成垃圾分类宣传')!);
    expect(redRow.getCell(col('亮灯')).value).toBe('红灯');
    expect(redRow.getCell(col('亮灯原因')).value).toBe('已逾期 1 天');
    expect(redRow.getCell(col('亮灯')).fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } });
    const yellowRow = sheet.getRow(rowsByTitle.get('下周完成台账整理')!);
    expect(yellowRow.getCell(col('亮灯')).value).toBe('黄灯');
    expect(yellowRow.getCell(col('亮灯原因')).value).toBe('临近时限');
    expect(yellowRow.getCell(col('亮灯')).fill).toMatchObject({ fgColor: { argb: 'FFFFEB9C' } });

    const filtered = await download(`/alliances/${f.allianceId}/action-items.xlsx?light=yellow`);
    const small = new ExcelJS.Workbook();
    await small.xlsx.load(await filtered.arrayBuffer());
    expect(small.getWorksheet('工作台账')!.rowCount).toBe(2);
  });
});
