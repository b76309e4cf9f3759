import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { e2eWorld } from './support/server.js';
import { loginInBrowser } from './support/session.js';

const ALLIANCE = '和平街道区域化党建大工委';
const WHISTLE = '青年湖东路雨水井堵塞积水';
const LATE = '和平里北街夜市占道经营堵塞消防通道';
const SHOTS = '/tmp/shots-h11';

/** Nothing spills sideways on a phone (the statistics table scrolls inside its own focusable region). */
const spilling = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => `${e.tagName}.${e.className}`),
  );

/**
 * 吹哨报到 in the browser: a community blows the whistle on a blocked drain, summoning the
 * 城管 bureau (主责) and the 住建 bureau (配合); 城管 签收 and 报到; the community rates both and
 * closes it; the statistics show the departments with a chart.
 */
describe('吹哨报到 in the browser', () => {
  const world = e2eWorld();
  let allianceId = '';
  let whistleUrl = '';
  let lateUrl = '';

  it('a community blows the whistle; the lead department acknowledges and reports; the community rates and closes it', async () => {
    const url = world.server.url;
    // 青年湖社区党委 (rep3) from the alliance page.
    const community = await loginInBrowser(world.browser, url, 'rep3');
    const cp = community.page;
    await cp.getByRole('link', { name: ALLIANCE }).first().click();
    await cp.getByRole('link', { name: '吹哨报到' }).click();
    await cp.getByRole('heading', { level: 1, name: '吹哨报到' }).waitFor();
    allianceId = new URL(cp.url()).pathname.split('/')[2]!;
    // The demo's late whistle shows red.
    const late = cp.getByTestId('whistles-list').locator('li', { hasText: LATE });
    expect(await late.getByTestId('whistle-light').getAttribute('data-light')).toBe('red');
    lateUrl = (await late.getByRole('link', { name: LATE }).getAttribute('href'))!;

    await cp.getByRole('button', { name: '我要吹哨' }).click();
    const form = cp.getByTestId('whistle-form');
    await form.getByRole('button', { name: '吹哨' }).click();
    await form.getByText('请填写此项。').first().waitFor();
    await form.getByLabel('问题', { exact: true }).fill(WHISTLE);
    await form.getByLabel('问题描述').fill('连日降雨，青年湖东路雨水井堵塞，路面积水没过脚踝，社区无力疏通。');
    await form.getByLabel('地点').fill('青年湖东路 8 号');
    await form.getByLabel('类别').selectOption('环境整治');
    await form.getByLabel('紧急程度').selectOption('urgent');
    await form.getByLabel('主责部门').selectOption({ label: '区城市管理综合行政执法局' });
    await form.getByLabel('区住房和城乡建设局').check();
    await form.getByRole('button', { name: '吹哨' }).click();
    await cp.getByRole('heading', { level: 1, name: WHISTLE }).waitFor();
    whistleUrl = new URL(cp.url()).pathname;
    const roles = await cp.getByTestId('whistle-department').evaluateAll((els) => els.map((e) => e.getAttribute('data-role')));
    expect(roles).toEqual(['lead', 'assisting']);
    expect(await cp.getByText('主责部门报到后，吹哨单位可办结并评价各部门。').count()).toBe(1);

    // 区城市管理综合行政执法局 (rep6): 签收, then 报到.
    const bureau = await loginInBrowser(world.browser, url, 'rep6');
    const bp = bureau.page;
    await bp.goto(`${url}${whistleUrl}`);
    const lead = bp.locator('[data-role="lead"]');
    await lead.getByRole('button', { name: '签收' }).click();
    await bp.getByTestId('whistle-step').getByLabel('备注（可选）').fill('已派执法队和排水公司');
    await bp.getByTestId('whistle-step').getByRole('button', { name: '确认' }).click();
    await lead.getByText('按时').first().waitFor();
    await lead.getByRole('button', { name: '报到', exact: true }).click();
    await bp.getByTestId('whistle-step').getByRole('button', { name: '提交报到' }).click();
    await bp.getByTestId('whistle-step').getByText('请填写此项。').waitFor();
    await bp.getByTestId('whistle-step').getByLabel('办理情况').fill('疏通雨水井 3 处，清运淤泥 2 车，积水已排除。');
    await bp.getByTestId('whistle-step').getByRole('button', { name: '提交报到' }).click();
    await lead.getByText('疏通雨水井 3 处，清运淤泥 2 车，积水已排除。').waitFor();

    // The community's page, open all along, shows the report without a reload (lists:changed).
    await cp.locator('[data-role="lead"]').getByText('疏通雨水井 3 处，清运淤泥 2 车，积水已排除。').waitFor();
    // The community rates both departments and closes it.
    await cp.getByRole('button', { name: '办结评价' }).click();
    const rating = cp.getByTestId('whistle-rating');
    await rating.getByRole('group', { name: /区住房和城乡建设局/ }).getByLabel('基本满意').check();
    await rating.getByRole('group', { name: /区城市管理综合行政执法局/ }).getByLabel('评价意见（可选）').fill('响应迅速');
    await rating.getByRole('button', { name: '办结' }).click();
    await cp.locator('.whistle-page .page-head').getByText('已办结').waitFor();
    expect(await cp.locator('[data-role="lead"] .whistle-rating').textContent()).toBe('满意：响应迅速');
    expect(await cp.locator('[data-role="assisting"] .whistle-rating').textContent()).toBe('基本满意');

    // The statistics: the chart is drawn (ECharts, loaded on demand) beside the table.
    await cp.goto(`${url}/alliances/${allianceId}/whistles/stats`);
    await cp.getByTestId('whistle-chart').locator('svg').first().waitFor();
    const table = await cp.getByTestId('whistle-stats-table').textContent();
    expect(table).toContain('区城市管理综合行政执法局');
    await bureau.context.close();
    await community.context.close();
  }, 240_000);

  it('every screen in Chinese and English, desktop and phone: no axe A/AA violation, nothing spilling', async () => {
    await fs.mkdir(SHOTS, { recursive: true });
    const shoot = async (browser: Browser, locale: 'zh-CN' | 'en', width: number) => {
      const { context, page } = await loginInBrowser(browser, world.server.url, 'rep6', { locale, width, height: 900, axe: true });
      const en = locale === 'en';
      const screens: [string, string, string, string][] = [
        ['list', `/alliances/${allianceId}/whistles`, en ? 'Whistle and report' : '吹哨报到', '.whistles-item'],
        ['whistle-closed', whistleUrl, WHISTLE, '.whistle-department'],
        ['whistle-late', lateUrl, LATE, '.whistle-department'],
        ['stats', `/alliances/${allianceId}/whistles/stats`, en ? 'Whistle statistics' : '吹哨报到统计', '.whistle-chart svg'],
      ];
      for (const [name, at, heading, ready] of screens) {
        await page.goto(`${world.server.url}${at}`);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await page.locator(ready).first().waitFor();
        await page.screenshot({ path: path.join(SHOTS, `${name}-${locale}-${width}.png`), fullPage: true });
        expect(await a11yViolations(page), `${name} ${locale} ${width}`).toEqual([]);
        if (width < 500) expect(await spilling(page), `${name} ${locale} ${width}`).toEqual([]);
      }
      await page.goto(`${world.server.url}/alliances/${allianceId}/whistles`);
      await page.getByRole('button', { name: en ? 'Blow the whistle' : '我要吹哨' }).click();
      await page.getByTestId('whistle-form').getByRole('heading').waitFor();
      await page.screenshot({ path: path.join(SHOTS, `form-${locale}-${width}.png`) });
      expect(await a11yViolations(page), `form ${locale} ${width}`).toEqual([]);
      await context.close();
    };
    for (const locale of ['zh-CN', 'en'] as const) for (const width of [1440, 390]) await shoot(world.browser, locale, width);
  }, 300_000);
});
