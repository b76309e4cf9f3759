import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { e2eWorld } from './support/server.js';
import { loginInBrowser } from './support/session.js';

const SHOTS = '/tmp/shots-h4';
const ADJUST_REASON = '本季度牵头完成背街小巷整治，经联席会议讨论上调。';
const REOPEN_REASON = '述职评议得分补录后重新评定。';

/** Nothing spills sideways on a phone (a table may scroll inside its own focusable region). */
const spilling = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter(
        (e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1,
      )
      .map((e) => `${e.tagName}.${e.className}`),
  );

interface Row {
  unit: { id: string; name: string };
  points: number;
  computedStars: number;
  stars: number;
}

/**
 * 星级评定 in the browser: the secretary opens the quarter's rating, reads the rules in words and
 * each unit's points, stars and their sources, adjusts one unit with a reason, publishes (the
 * dialog says how many units get which stars), sees the result locked, downloads a unit's 反馈函
 * (a real DOCX and PDF), and reopens it with a reason — the first version kept in the history.
 */
describe('星级评定 in the browser', () => {
  const world = e2eWorld();
  let allianceId = '';
  let period = '';

  it('a secretary reviews the quarter, adjusts a unit, publishes, downloads a letter and reopens', async () => {
    const url = world.server.url;
    const { context, page } = await loginInBrowser(world.browser, url, 'secretary');
    const me = await (await page.request.get(`${url}/api/me`)).json();
    allianceId = me.alliances[0].id as string;
    const alliance = await (await page.request.get(`${url}/api/alliances/${allianceId}`)).json();
    const units = (alliance.memberships as { unit: { id: string; name: string } }[]).map((m) => m.unit);

    // Points through the secretary's manual entries (加分), so the units spread over the stars.
    for (const [i, points, reason] of [
      [0, 30, '牵头召开联席会议并完成督办事项'],
      [1, 20, '认领需求两项'],
      [2, 12, '提供活动场地'],
      [3, 6, '参加共建活动'],
    ] as const) {
      const res = await page.request.post(`${url}/api/alliances/${allianceId}/points/manual`, {
        headers: { origin: url },
        data: { unit: units[i]!.id, points, reason },
      });
      expect(res.status(), await res.text()).toBeLessThan(300);
    }

    // The periods: the current quarter first, under review.
    await page.goto(`${url}/alliances/${allianceId}/ratings`);
    await page.getByRole('heading', { level: 1, name: '星级评定' }).waitFor();
    const overview = await (await page.request.get(`${url}/api/alliances/${allianceId}/ratings`)).json();
    period = overview.current as string;
    const first = page.getByTestId('rating-periods').locator('li').first();
    expect(await first.getAttribute('data-status')).toBe('open');
    expect(await first.textContent()).toContain('评定中');
    expect(await page.getByTestId('rating-rules').textContent()).toContain('综合得分 = 积分 × 1 + 述职评议得分 × 0.2');
    // The trend: a chart drawn by ECharts (loaded on demand) and the same figures in a table.
    await page.getByTestId('rating-trend-chart').locator('svg').first().waitFor();
    expect(await page.getByTestId('rating-trend-table').textContent()).toContain(units[0]!.name);
    await page.getByLabel('星级', { exact: true }).check();
    await page.getByTestId('rating-trend-table').getByText('未发布').first().waitFor();

    // The rules: a bad set of thresholds is refused under the field, nothing saved.
    await page.getByRole('button', { name: '评定规则' }).click();
    const rulesDialog = page.getByTestId('rating-rules-dialog');
    await rulesDialog.getByLabel('5 星', { exact: true }).fill('3');
    await rulesDialog.getByRole('button', { name: '保存' }).click();
    await rulesDialog.getByText('须从二星到五星依次不减。').waitFor();
    await rulesDialog.getByRole('button', { name: '取消' }).click();

    // The review screen.
    await first.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /星级评定$/ }).waitFor();
    const view = await (await page.request.get(`${url}/api/alliances/${allianceId}/ratings/${period}`)).json();
    const rows = view.rows as Row[];
    const table = page.getByTestId('rating-units');
    await table.getByTestId('rating-row').first().waitFor();
    for (const r of rows) {
      const tr = table.locator(`tr[data-unit="${r.unit.name}"]`);
      expect(await tr.getByRole('img', { name: `${r.stars} 星` }).count()).toBe(1);
    }
    // Points lead to the unit's ledger.
    const top = rows[0]!;
    expect(
      await table.getByRole('link', { name: `${top.unit.name}的积分明细：${top.points} 分` }).getAttribute('href'),
    ).toBe(`/alliances/${allianceId}/points?period=${period}&unit=${top.unit.id}`);
    // Before publishing, letters cannot be had, and the screen says why.
    expect(await page.getByRole('button', { name: '全部反馈函（PDF）' }).isDisabled()).toBe(true);
    await page.getByText('反馈函在发布后才能下载').waitFor();

    // Adjust a unit the rules give fewer than five stars: both fields are required.
    const target = rows.find((r) => r.computedStars < 5)!;
    await table.getByRole('button', { name: `调整${target.unit.name}的星级` }).click();
    const adjust = page.getByTestId('rating-adjust');
    await adjust.getByRole('button', { name: '保存' }).click();
    await adjust.getByText('请选择星级。').waitFor();
    await adjust.getByText('请填写此项。').waitFor();
    await adjust.getByRole('radio', { name: '5 星' }).check();
    await adjust.getByLabel('调整理由').fill(ADJUST_REASON);
    await adjust.getByRole('button', { name: '保存' }).click();
    const adjusted = table.locator(`tr[data-unit="${target.unit.name}"]`);
    await adjusted.getByText('已调整').waitFor();
    expect(await adjusted.getByRole('img', { name: '5 星' }).count()).toBe(1);
    expect(await adjusted.textContent()).toContain(ADJUST_REASON);

    // Publish: the dialog says it locks and how many units get which stars.
    const after = (await (await page.request.get(`${url}/api/alliances/${allianceId}/ratings/${period}`)).json())
      .rows as Row[];
    await page.getByRole('button', { name: '发布', exact: true }).click();
    const publish = page.getByRole('dialog', { name: /发布.*星级评定/ });
    expect(await publish.textContent()).toContain('锁定为第1版');
    // The current quarter is not over: the dialog says later points will not move the stars.
    expect(await publish.getByTestId('rating-unfinished').textContent()).toMatch(/本评定周期尚未结束（截至\d{4}年\d{1,2}月\d{1,2}日）/);
    const fives = after.filter((r) => r.stars === 5).length;
    expect(await publish.getByTestId('rating-publish-counts').textContent()).toContain(`5星：${fives} 个单位`);
    await publish.getByLabel('发布说明（可选）').fill('经大工委秘书处审核');
    await publish.getByRole('button', { name: '确认发布' }).click();
    const locked = page.getByTestId('rating-locked');
    await locked.getByText('已发布 第1版，结果已锁定。').waitFor();
    expect(await locked.textContent()).toContain('孙丽');
    expect(await table.getByRole('button', { name: /^调整/ }).count()).toBe(0);

    // A unit's 反馈函: a real Word document and a real PDF.
    const letter = async (format: 'DOCX' | 'PDF') => {
      const link = table.getByRole('link', { name: `${target.unit.name}反馈函 ${format}` });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const bytes = await fs.readFile((await download.path())!);
      const res = await page.request.get(`${url}${(await link.getAttribute('href'))!}`);
      return { bytes, type: res.headers()['content-type'] ?? '' };
    };
    const docx = await letter('DOCX');
    expect(docx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(docx.type).toContain('wordprocessingml');
    const pdf = await letter('PDF');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.type).toContain('pdf');
    expect(await page.getByRole('link', { name: '全部反馈函（PDF）' }).count()).toBe(1);

    // The list says it is published.
    await page.goto(`${url}/alliances/${allianceId}/ratings`);
    expect(await page.getByTestId('rating-periods').locator('li').first().textContent()).toContain('已发布 第1版');

    // Reopen: the reason is required; version 1 stays in the history.
    await page.goto(`${url}/alliances/${allianceId}/ratings/${period}`);
    await page.getByRole('button', { name: '重新开启' }).click();
    const reopen = page.getByTestId('rating-reopen');
    await reopen.getByRole('button', { name: '重新开启' }).click();
    await reopen.getByText('请填写此项。').waitFor();
    await reopen.getByLabel('重新开启原因').fill(REOPEN_REASON);
    await reopen.getByRole('button', { name: '重新开启' }).click();
    await page.getByText('评定中：结果按积分和述职评议实时计算').waitFor();
    const history = page.getByTestId('rating-history');
    expect(await history.textContent()).toContain('第1版');
    expect(await history.textContent()).toContain(REOPEN_REASON);
    // The adjustment survives the reopening.
    await table.locator(`tr[data-unit="${target.unit.name}"]`).getByText('已调整').waitFor();

    // Published again as version 2, which the screenshots show.
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await page
      .getByRole('dialog', { name: /发布.*星级评定/ })
      .getByRole('button', { name: '确认发布' })
      .click();
    await page.getByTestId('rating-locked').getByText('已发布 第2版，结果已锁定。').waitFor();
    await context.close();
  }, 240_000);

  it('every screen in Chinese and English, desktop and phone: no axe A/AA violation, nothing spilling', async () => {
    await fs.mkdir(SHOTS, { recursive: true });
    const shoot = async (browser: Browser, locale: 'zh-CN' | 'en', width: number) => {
      const { context, page } = await loginInBrowser(browser, world.server.url, 'secretary', {
        locale,
        width,
        height: 900,
        axe: true,
      });
      const en = locale === 'en';
      const check = async (name: string) => {
        await page.screenshot({ path: path.join(SHOTS, `${name}-${locale}-${width}.png`), fullPage: true });
        expect(await a11yViolations(page), `${name} ${locale} ${width}`).toEqual([]);
        if (width < 500) expect(await spilling(page), `${name} ${locale} ${width}`).toEqual([]);
      };
      await page.goto(`${world.server.url}/alliances/${allianceId}/ratings`);
      await page.getByRole('heading', { level: 1, name: en ? 'Star ratings' : '星级评定' }).waitFor();
      await page.getByTestId('rating-trend-chart').locator('svg').first().waitFor();
      await check('periods');

      await page.getByRole('button', { name: en ? 'Rating rules' : '评定规则' }).click();
      await page.getByTestId('rating-rules-dialog').getByRole('heading').waitFor();
      await page.screenshot({ path: path.join(SHOTS, `rules-${locale}-${width}.png`) });
      expect(await a11yViolations(page), `rules ${locale} ${width}`).toEqual([]);
      await page.keyboard.press('Escape');

      await page.goto(`${world.server.url}/alliances/${allianceId}/ratings/${period}`);
      await page.getByTestId('rating-locked').waitFor();
      await check('published');

      // The publish dialog, on the open period of the year before (nothing published there).
      // (The demo seed publishes the quarter before the current one: see server/src/seed/evaluationSeed.ts.)
      const [year, q] = period.split('-Q');
      const earlier = `${Number(year) - 1}-Q${q}`;
      await page.goto(`${world.server.url}/alliances/${allianceId}/ratings/${earlier}`);
      await page.getByTestId('rating-row').first().waitFor();
      await check('open');
      await page
        .getByRole('button', { name: en ? 'Adjust the stars of' : '调整' })
        .first()
        .click();
      await page.getByTestId('rating-adjust').getByRole('heading').waitFor();
      await page
        .getByTestId('rating-adjust')
        .getByRole('button', { name: en ? 'Save' : '保存' })
        .click();
      await page.getByTestId('rating-adjust').locator('.field-error').first().waitFor();
      await page.screenshot({ path: path.join(SHOTS, `adjust-${locale}-${width}.png`) });
      expect(await a11yViolations(page), `adjust ${locale} ${width}`).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: en ? 'Publish' : '发布', exact: true }).click();
      await page.getByRole('dialog').getByRole('heading').waitFor();
      await page.screenshot({ path: path.join(SHOTS, `publish-${locale}-${width}.png`) });
      expect(await a11yViolations(page), `publish ${locale} ${width}`).toEqual([]);
      await context.close();
    };
    for (const locale of ['zh-CN', 'en'] as const)
      for (const width of [1440, 390]) await shoot(world.browser, locale, width);
  }, 300_000);
});
