import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { screenshotPath } from './support/browser.js';
import { apiSession, holdMeeting, type ApiSession } from './support/meetingDriver.js';
import { e2eWorld } from './support/server.js';
import { loginInBrowser } from './support/session.js';

const ALLIANCE = '和平街道区域化党建大工委';
const MEETING = '2030年第三季度联席会议：背街小巷环境整治';
const SESSION = '2030年第三季度社区书记述职评议';
const REPORTERS = ['和平里社区党委', '青年湖社区党委', '地坛社区党委'];
// The server's clock: a Monday morning (Beijing) in the third quarter of 2030, far from the demo's
// own records, so the quarter holds only what this test makes.
const START = new Date('2030-08-12T01:00:00Z');
const PERIOD = '2030-Q3';

type Locale = 'zh-CN' | 'en';

/** Nothing spills sideways on a phone (tables scroll inside their own regions). */
const spilling = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter(
        (e) =>
          !e.closest('.table-wrap, .appraisal-table-wrap') &&
          e.getBoundingClientRect().right > document.documentElement.clientWidth + 1,
      )
      .map((e) => `${e.tagName}.${e.className}`),
  );

/**
 * The quarter's evaluation, end to end in the browser, on a server whose clock stands in 2030-Q3:
 * the quarter's points come from a joint meeting (held through the API) and the secretary's
 * manual entries. The secretary opens 考核评价 (积分), reads each unit's points, opens a ledger and
 * follows an entry to its meeting; holds a 述职评议 session with three reporting units, where one
 * unit scores in the browser and a 群众代表 scores on a phone through a link, without an account;
 * closes it; opens 星级评定 for the quarter, sees the appraisal scores in the table, publishes the
 * stars (confirmed) and downloads the letters: one unit's DOCX and letters.pdf with a page per unit.
 * Key screens are shot in zh-CN and en at 1440 and 390 px and checked by axe (WCAG A/AA).
 */
describe('a quarter’s evaluation in the browser', () => {
  const world = e2eWorld({ NODE_ENV: 'test', TEST_CLOCK_AT: START.toISOString(), REMINDER_TICK_MS: '0' });

  /** The browser's clock set to the server's, so "this quarter" means the same on both sides. */
  const onServerTime = async (context: BrowserContext) => {
    const res = await fetch(`${world.server.url}/api/test/clock`);
    const { at } = (await res.json()) as { at: string };
    await context.clock.install({ time: new Date(at) });
  };

  /** A screenshot of a key step, and axe's verdict on it (and no sideways spill on a phone). */
  const check = async (page: Page, name: string, locale: Locale, width: number, opts: { full?: boolean } = {}) => {
    await page.screenshot({
      path: screenshotPath(`evaluation-${name}-${locale}-${width}`),
      fullPage: opts.full ?? true,
    });
    expect(await a11yViolations(page), `${name} ${locale} ${width}`).toEqual([]);
    if (width < 500) expect(await spilling(page), `${name} ${locale} ${width}`).toEqual([]);
  };

  /** A signed-in context at the given size and language, on the server's time, axe allowed. */
  const signIn = async (login: string, locale: Locale = 'zh-CN', width = 1440) => {
    const s = await loginInBrowser(world.browser, world.server.url, login, {
      locale,
      width,
      height: width < 500 ? 844 : 900,
      axe: true,
      mobile: width < 500,
    });
    await onServerTime(s.context);
    return s;
  };

  /** A phone (390×844, touch) with no account, on the server's time. */
  const phone = async (browser: Browser, locale: Locale = 'zh-CN', width = 390) => {
    const context = await browser.newContext({
      viewport: { width, height: width < 500 ? 844 : 900 },
      isMobile: width < 500,
      hasTouch: width < 500,
      locale: locale === 'en' ? 'en-US' : 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      bypassCSP: true,
    });
    await onServerTime(context);
    const page = await context.newPage();
    if (locale === 'en') await page.addInitScript("localStorage.setItem('tongxin.locale', 'en')");
    return { context, page };
  };

  it('points with their sources, a 述职评议 session with a representative on a phone, stars published, letters downloaded', async () => {
    const url = world.server.url;

    // ---- The quarter's records, through the API (the server's clock fixes the quarter). ----
    const secretary: ApiSession = await apiSession(url, 'secretary');
    const put = await fetch(`${url}/api/test/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: url, authorization: `Bearer ${secretary.token}` },
      body: JSON.stringify({ at: START.toISOString() }),
    });
    expect(put.status).toBe(200);
    // Five of the eight member units come to the quarter's joint meeting (出席联席会议 +2, 无故缺席 −1).
    const { alliance, meeting } = await holdMeeting(url, {
      title: MEETING,
      present: ['rep1', 'rep2', 'rep3', 'rep4', 'rep7'],
      scheduledAt: new Date(START.getTime() + 5 * 60_000),
    });
    const allianceId = alliance.id;
    const units = alliance.memberships.map((m) => m.unit);
    const unitId = (name: string) => units.find((u) => u.name === name)!.id;
    // And the secretary's 加分, so the units spread over the stars.
    for (const [name, points, reason] of [
      ['和平街道党工委', 12, '牵头完成背街小巷整治方案'],
      ['和平里社区党委', 8, '认领加装电梯议事协调'],
      ['城投建设集团有限公司', 4, '提供整治施工力量'],
    ] as const) {
      await secretary.post(`/alliances/${allianceId}/points/manual`, { unit: unitId(name), points, reason });
    }
    const totals = await secretary.get<{ units: { unit: { id: string; name: string }; total: number }[] }>(
      `/alliances/${allianceId}/points?period=${PERIOD}`,
    );
    expect(totals.units.find((u) => u.unit.name === '和平街道党工委')!.total).toBe(14);
    expect(totals.units.find((u) => u.unit.name === '区住房和城乡建设局')!.total).toBe(-1);

    // ---- 积分: the secretary opens the quarter's evaluation. ----
    const sec = await signIn('secretary');
    const sp = sec.page;
    await sp.goto(url);
    await sp.getByRole('link', { name: ALLIANCE }).first().click();
    await sp.getByRole('link', { name: '考核评价' }).click();
    await sp.getByRole('heading', { level: 1, name: '积分' }).waitFor();
    // “This quarter” is the server's quarter.
    expect(await sp.getByTestId('period-label').textContent()).toBe('2030年第3季度');
    const table = sp.getByTestId('points-units');
    const totalOf = async (unit: string) =>
      Number(
        (
          await table
            .locator('tr', { has: sp.getByRole('button', { name: new RegExp(unit) }) })
            .locator('td.total')
            .textContent()
        )?.replace('−', '-'),
      );
    await table.getByRole('button', { name: /和平街道党工委/ }).waitFor();
    for (const u of totals.units) expect(await totalOf(u.unit.name), u.unit.name).toBe(u.total);

    // A unit's ledger: the manual line with its author, the meeting's line with its source.
    await table.getByRole('button', { name: /和平里社区党委/ }).click();
    const ledger = sp.getByTestId('point-ledger');
    await ledger.getByRole('heading', { name: '积分明细：和平里社区党委' }).waitFor();
    // Its two lines (the list of every unit's lines may show a moment longer while the unit's loads).
    await expect.poll(() => ledger.getByTestId('ledger-entry').count()).toBe(2);
    const manual = ledger.getByTestId('ledger-entry').filter({ hasText: '认领加装电梯议事协调' });
    await manual.getByText('+8').waitFor();
    await manual.getByText('录入人：孙丽').waitFor();
    const attended = ledger.getByTestId('ledger-entry').filter({ hasText: '参加联席会议' });
    await attended.getByText('+2').waitFor();
    await attended.getByText('系统自动记分').waitFor();
    await check(sp, 'points', 'zh-CN', 1440);
    // The source leads to the meeting it came from.
    await attended.getByRole('link', { name: MEETING }).click();
    await sp.getByRole('heading', { level: 1, name: MEETING }).waitFor();
    expect(new URL(sp.url()).pathname).toBe(`/meetings/${meeting.id}`);
    await sp.goBack();
    await ledger.getByRole('heading', { name: '积分明细：和平里社区党委' }).waitFor();

    // ---- 述职评议: a session with three reporting units. ----
    await sp.getByRole('navigation', { name: '考核评价' }).getByRole('link', { name: '述职评议' }).click();
    await sp.getByRole('heading', { level: 1, name: '述职评议' }).waitFor();
    await sp.getByRole('button', { name: '新建述职评议' }).click();
    const form = sp.getByTestId('appraisal-form');
    // The period defaults to this quarter — the server's.
    expect(await form.getByLabel('考核周期').inputValue()).toBe(PERIOD);
    await form.getByLabel('名称', { exact: true }).fill(SESSION);
    for (const unit of REPORTERS) await form.getByLabel(unit).check();
    await form.getByRole('button', { name: '创建' }).click();
    await sp.getByRole('heading', { level: 1, name: SESSION }).waitFor();
    const sessionPath = new URL(sp.url()).pathname;
    const appraisalId = sessionPath.split('/').pop()!;
    expect(await sp.getByTestId('appraisal-report').count()).toBe(3);
    const { criteria } = await secretary.get<{ criteria: { label: string }[] }>(`/appraisals/${appraisalId}`);

    // 开始测评, confirmed.
    await sp.getByRole('button', { name: '开始测评' }).click();
    await sp.getByRole('dialog', { name: '开始测评？' }).getByRole('button', { name: '开始测评' }).click();
    await sp.getByTestId('appraisal-status').getByText('测评中').waitFor();

    // 青年湖社区党委 (rep3) scores the two other reports in the browser, never its own.
    const scorer = await signIn('rep3');
    await scorer.page.goto(`${url}${sessionPath}`);
    const scoring = scorer.page.getByTestId('appraisal-scoring');
    await scoring.getByText('本单位不评议自己').waitFor();
    for (const [unit, grade] of [
      ['和平里社区党委', '好'],
      ['地坛社区党委', '一般'],
    ] as const) {
      const group = scoring.getByRole('group', { name: unit, exact: true });
      for (const c of criteria)
        await group.getByRole('group', { name: c.label }).getByLabel(grade, { exact: true }).check();
    }
    await scoring.getByRole('button', { name: '提交测评' }).click();
    await scorer.page.getByRole('dialog', { name: '提交测评？' }).getByRole('button', { name: '确认提交' }).click();
    await scoring.getByText('青年湖社区党委已提交测评。').waitFor();
    await scorer.context.close();

    // A link for a public representative (群众代表); the address is shown once.
    await sp.reload();
    const links = sp.getByTestId('appraisal-links');
    await links.getByLabel('说明').fill('居民代表 王大爷');
    await links.getByRole('button', { name: '生成链接' }).click();
    const linkUrl = await links.getByTestId('appraisal-link-url').inputValue();
    expect(linkUrl).toMatch(/\/p\/appraisal\/[^/]+$/);
    await links.getByTestId('appraisal-link-list').getByText('未使用').waitFor();
    await check(sp, 'appraisal-scoring', 'zh-CN', 1440);

    // On a phone, with no account: grade every report, submit once.
    const pub = await phone(world.browser);
    const pp = pub.page;
    await pp.goto(`${url}${new URL(linkUrl).pathname}`);
    await pp.getByRole('heading', { level: 1, name: SESSION }).waitFor();
    await pp.getByText(ALLIANCE).waitFor();
    for (const unit of REPORTERS) {
      const group = pp.getByRole('group', { name: unit, exact: true });
      for (const c of criteria) {
        await group
          .getByRole('group', { name: c.label })
          .getByLabel(unit === '和平里社区党委' ? '好' : '较好', { exact: true })
          .tap();
      }
    }
    await check(pp, 'public', 'zh-CN', 390);
    await pp.getByRole('button', { name: '提交测评' }).click();
    await pp.getByRole('dialog', { name: '提交测评？' }).getByRole('button', { name: '确认提交' }).click();
    await pp.getByRole('heading', { level: 1, name: '提交成功，感谢参与！' }).waitFor();
    await pub.context.close();

    // The representative's page in the other languages and sizes, on a second (unused) link.
    const spare = await secretary.post<{ links: { url: string }[] }>(`/appraisals/${appraisalId}/links`, {
      label: '居民代表 李阿姨',
      hours: 48,
      count: 1,
    });
    const sparePath = new URL(spare.links[0]!.url).pathname;
    for (const [locale, width] of [
      ['en', 390],
      ['zh-CN', 1440],
      ['en', 1440],
    ] as const) {
      const p = await phone(world.browser, locale, width);
      await p.page.goto(`${url}${sparePath}`);
      await p.page.getByRole('button', { name: locale === 'en' ? 'Submit scores' : '提交测评' }).waitFor();
      await check(p.page, 'public', locale, width);
      await p.context.close();
    }

    // 结束测评, confirmed: the results.
    await sp.reload();
    await links.getByTestId('appraisal-link-list').getByText('已使用').waitFor();
    await sp.getByRole('button', { name: '结束测评' }).click();
    await sp.getByRole('dialog', { name: '结束测评？' }).getByRole('button', { name: '结束测评' }).click();
    await sp.getByTestId('appraisal-status').getByText('已结束').waitFor();
    const results = sp.getByTestId('appraisal-results');
    expect(await results.getByTestId('appraisal-result').count()).toBe(3);
    const resultOf = async (unit: string) =>
      Number(await results.locator(`[data-unit="${unit}"] [data-testid="appraisal-score"]`).textContent());
    const appraised = Object.fromEntries(
      await Promise.all(REPORTERS.map(async (u) => [u, await resultOf(u)] as const)),
    );
    // 好=100, 较好=80, 一般=60; each group averaged, then units 70 % and the public 30 % — a report
    // scored by one group only (青年湖's, which no other unit scored) takes that group's mean.
    expect(appraised).toEqual({ 和平里社区党委: 100, 青年湖社区党委: 80, 地坛社区党委: 66 });
    await check(sp, 'appraisal-closed', 'zh-CN', 1440);

    // ---- 星级评定 for the quarter. ----
    await sp.getByRole('navigation', { name: '考核评价' }).getByRole('link', { name: '星级评定' }).click();
    await sp.getByRole('heading', { level: 1, name: '星级评定' }).waitFor();
    const current = sp.getByTestId('rating-periods').locator('li').first();
    expect(await current.getAttribute('data-status')).toBe('open');
    await current.getByRole('link').click();
    await sp.getByRole('heading', { level: 1, name: /星级评定$/ }).waitFor();
    expect(new URL(sp.url()).pathname).toBe(`/alliances/${allianceId}/ratings/${PERIOD}`);
    const view = await secretary.get<{
      rows: { unit: { name: string }; points: number; appraisal: number | null; stars: number }[];
    }>(`/alliances/${allianceId}/ratings/${PERIOD}`);
    expect(view.rows).toHaveLength(units.length);
    const rating = sp.getByTestId('rating-units');
    await rating.getByTestId('rating-row').first().waitFor();
    // Each reporting unit's appraisal score is in the table, as the session's results gave it.
    for (const row of view.rows) {
      const tr = rating.locator(`tr[data-unit="${row.unit.name}"]`);
      const cell = (await tr.locator('td[data-label="述职评议得分"]').textContent())!.trim();
      if (REPORTERS.includes(row.unit.name)) {
        expect(row.appraisal, row.unit.name).not.toBeNull();
        expect(Number(cell), row.unit.name).toBeCloseTo(appraised[row.unit.name]!, 1);
      } else {
        expect(cell, row.unit.name).toBe('未述职');
      }
      expect(await tr.getByRole('img', { name: `${row.stars} 星` }).count(), row.unit.name).toBe(1);
    }
    await check(sp, 'rating-open', 'zh-CN', 1440);

    // 发布, confirmed: the dialog says it locks.
    await sp.getByRole('button', { name: '发布', exact: true }).click();
    const publish = sp.getByRole('dialog', { name: /发布.*星级评定/ });
    expect(await publish.textContent()).toContain('锁定为第1版');
    await check(sp, 'rating-publish', 'zh-CN', 1440, { full: false });
    await publish.getByRole('button', { name: '确认发布' }).click();
    await sp.getByTestId('rating-locked').getByText('已发布 第1版，结果已锁定。').waitFor();
    await check(sp, 'rating-published', 'zh-CN', 1440);

    // 反馈到单位: one unit's Word letter, and every unit's letter in one PDF, a page each.
    const download = async (link: ReturnType<Page['getByRole']>) => {
      const [file] = await Promise.all([sp.waitForEvent('download'), link.click()]);
      const bytes = await fs.readFile((await file.path())!);
      const res = await sp.request.get(`${url}${(await link.getAttribute('href'))!}`);
      return { bytes, type: res.headers()['content-type'] ?? '', name: file.suggestedFilename() };
    };
    const docx = await download(rating.getByRole('link', { name: '和平里社区党委反馈函 DOCX' }));
    expect(docx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(docx.type).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.name).toMatch(/\.docx$/);
    const all = await download(sp.getByRole('link', { name: '全部反馈函（PDF）' }));
    expect(all.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(all.type).toContain('application/pdf');
    const pdfPath = screenshotPath('evaluation-letters').replace(/\.png$/, '.pdf');
    await fs.writeFile(pdfPath, all.bytes);
    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])).toBe(units.length);
    // A letter per page, each addressed to its unit (“和平里社区党委：”, “城投建设集团有限公司党组织：”).
    const pages = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' })
      .split('\f')
      .filter((t) => t.trim());
    const addressees = pages.map((t) => /^\s*(\S+)：\s*$/m.exec(t)?.[1] ?? '');
    expect(addressees.map((a) => units.find((u) => a.startsWith(u.name))?.name).sort()).toEqual(
      units.map((u) => u.name).sort(),
    );
    await sec.context.close();

    // ---- The key screens in the other languages and sizes. ----
    for (const [locale, width] of [
      ['en', 1440],
      ['zh-CN', 390],
      ['en', 390],
    ] as const) {
      const en = locale === 'en';
      const { context, page } = await signIn('secretary', locale, width);
      await page.goto(`${url}/alliances/${allianceId}/points?period=${PERIOD}&unit=${unitId('和平里社区党委')}`);
      await page.getByRole('heading', { level: 1, name: en ? 'Points' : '积分' }).waitFor();
      await page.getByTestId('ledger-entry').first().waitFor();
      await check(page, 'points', locale, width);
      await page.goto(`${url}${sessionPath}`);
      await page.getByTestId('appraisal-results').waitFor();
      await page.locator('.prose-editor').first().waitFor();
      await check(page, 'appraisal-closed', locale, width);
      await page.goto(`${url}/alliances/${allianceId}/ratings/${PERIOD}`);
      await page.getByTestId('rating-locked').waitFor();
      await page.getByTestId('rating-row').first().waitFor();
      await check(page, 'rating-published', locale, width);
      await context.close();
    }
  }, 240_000);
});
