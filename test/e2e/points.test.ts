import fs from 'node:fs/promises';
import path from 'node:path';
import { periodKey } from '@tongxin/shared';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { e2eWorld } from './support/server.js';
import { loginInBrowser } from './support/session.js';

const ALLIANCE = '和平街道区域化党建大工委';
const MEETING = '第一次联席会议：老旧小区加装电梯协调';
const STREET = '和平街道党工委';
const COMMUNITY = '和平里社区党委';
const REASON = '牵头组织加装电梯居民议事会 3 场，经联席会议认可加分。';
const SHOTS = '/tmp/shots-h2';

/** Nothing spills sideways on a phone (the tables scroll inside their own focusable regions). */
const spilling = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => `${e.tagName}.${e.className}`),
  );

/** A unit's total in the units table, as shown. */
const unitTotal = async (page: Page, unit: string) =>
  Number(
    (
      await page
        .getByTestId('points-units')
        .locator('tr', { has: page.getByRole('button', { name: new RegExp(unit) }) })
        .locator('td.total')
        .textContent()
    )?.replace('−', '-'),
  );

/**
 * 积分 in the browser: the demo alliance's records are projected into points (重新核算 through the
 * API); the secretary opens the quarter of the first joint meeting, sees each unit's points, opens a
 * unit's ledger and follows an entry to its meeting; adds points by hand (the empty reason refused
 * first), withdraws them, and raises the points for attending a meeting.
 */
describe('积分 in the browser', () => {
  const world = e2eWorld();
  let allianceId = '';
  let period = '';

  async function seed(api: APIRequestContext) {
    const url = world.server.url;
    const me = await (await api.get(`${url}/api/me`)).json();
    allianceId = me.alliances[0].id as string;
    const rebuilt = await api.post(`${url}/api/alliances/${allianceId}/points/rebuild`, { headers: { origin: url }, data: {} });
    expect(rebuilt.status()).toBe(200);
    const past = await (await api.get(`${url}/api/alliances/${allianceId}/meetings?when=past`)).json();
    const meeting = (past.items as { title: string; scheduledAt: string }[]).find((m) => m.title === MEETING)!;
    period = periodKey(new Date(meeting.scheduledAt), 'quarter');
  }

  it('a secretary sees the units’ points, follows an entry to its meeting, adds and withdraws points, and changes a rule', async () => {
    const url = world.server.url;
    const sec = await loginInBrowser(world.browser, url, 'secretary');
    const page = sec.page;
    await seed(page.request);

    // From the alliance page to the evaluation area: the current quarter first.
    await page.getByRole('link', { name: ALLIANCE }).first().click();
    await page.getByRole('link', { name: '考核评价' }).click();
    await page.getByRole('heading', { level: 1, name: '积分' }).waitFor();
    expect(await page.getByRole('navigation', { name: '考核评价' }).getByRole('link', { name: '积分' }).getAttribute('aria-current')).toBe('page');
    const [year, q] = period.split('-Q');
    const label = `${year}年第${q}季度`;
    for (let i = 0; i < 4 && (await page.getByTestId('period-label').textContent()) !== label; i++) {
      await page.getByRole('button', { name: '上一期' }).click();
    }
    expect(await page.getByTestId('period-label').textContent()).toBe(label);

    // Seven of eight units came to the first meeting: each has the points for attending.
    const units = page.getByTestId('points-units');
    await units.getByRole('button', { name: new RegExp(STREET) }).waitFor();
    expect(await unitTotal(page, STREET)).toBeGreaterThanOrEqual(2);
    const before = await unitTotal(page, COMMUNITY);

    // A unit's ledger, and an entry's source: the meeting it came from.
    await units.getByRole('button', { name: new RegExp(STREET) }).click();
    const ledger = page.getByTestId('point-ledger');
    await ledger.getByRole('heading', { name: `积分明细：${STREET}` }).waitFor();
    const attended = ledger.getByTestId('ledger-entry').filter({ hasText: '参加联席会议' }).first();
    await attended.getByText('+2').waitFor();
    await attended.getByText('系统自动记分').waitFor();
    await attended.getByRole('link', { name: MEETING }).click();
    await page.getByRole('heading', { level: 1, name: MEETING }).waitFor();
    await page.goBack();
    await page.getByTestId('point-ledger').getByRole('heading', { name: `积分明细：${STREET}` }).waitFor();

    // 加分: the reason is required, under its field; the confirmation says what will happen.
    await page.getByRole('button', { name: '加分 / 扣分' }).click();
    const dialog = page.getByTestId('manual-points');
    await dialog.getByRole('combobox', { name: '单位' }).selectOption({ label: COMMUNITY });
    await dialog.getByLabel('分值').fill('2');
    await dialog.getByRole('button', { name: '确认加分' }).click();
    await dialog.getByText('请填写此项。').waitFor();
    expect(await dialog.getByLabel('理由').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('理由').fill(REASON);
    await dialog.getByText(`将为“${COMMUNITY}”加 2 分。`).waitFor();
    await dialog.getByRole('button', { name: '确认加分' }).click();
    await ledger.getByRole('heading', { name: `积分明细：${COMMUNITY}` }).waitFor();
    const manual = ledger.getByTestId('ledger-entry').filter({ hasText: REASON });
    await manual.getByText('+2').waitFor();
    await manual.getByText('录入人：孙丽').waitFor();
    await expect.poll(() => unitTotal(page, COMMUNITY)).toBe(before + 2);

    // 撤销: a reason again; the line stays, struck through, and the total goes back.
    await manual.getByRole('button', { name: '撤销' }).click();
    const voiding = page.getByRole('dialog', { name: '撤销这条积分' });
    await voiding.getByRole('button', { name: '确认撤销' }).click();
    await voiding.getByText('请填写撤销原因。').waitFor();
    await voiding.getByLabel('撤销原因').fill('议事会由街道组织，重复计分。');
    await voiding.getByRole('button', { name: '确认撤销' }).click();
    await manual.getByTestId('ledger-voided').getByText(/已撤销（孙丽，.*）：议事会由街道组织，重复计分。/).waitFor();
    expect(await manual.getAttribute('class')).toContain('voided');
    expect(await manual.getByRole('button', { name: '撤销' }).count()).toBe(0);
    await expect.poll(() => unitTotal(page, COMMUNITY)).toBe(before);

    // 积分规则: a bad cap is refused under its field; attending a meeting now earns 3; 重新核算.
    await page.getByRole('link', { name: '积分规则' }).click();
    await page.getByRole('heading', { level: 1, name: '积分规则' }).waitFor();
    const rule = page.locator('[data-criterion="meeting.attended"]');
    await rule.getByLabel('每次分值').fill('3');
    await rule.getByLabel('上限', { exact: true }).fill('-1');
    await page.getByRole('button', { name: '保存规则' }).click();
    await rule.getByText('上限须为正数，或留空。').waitFor();
    await rule.getByLabel('上限', { exact: true }).fill('');
    await page.getByRole('button', { name: '保存规则' }).click();
    await page.getByText('积分规则已保存，积分将按新规则重新计算。').waitFor();
    await page.getByRole('button', { name: '重新核算' }).click();
    await page.getByRole('dialog', { name: '重新核算全部积分？' }).getByRole('button', { name: '开始核算' }).click();
    // Saving already recomputed the points; 重新核算 finds what is left to correct, if anything.
    expect(await page.getByTestId('rebuild-result').textContent()).toMatch(/^核算完成，\d+ 条积分有变化。$/);

    await page.goto(`${url}/alliances/${allianceId}/points?period=${period}&unit=`);
    await page.getByTestId('points-units').waitFor();
    await page.getByTestId('points-units').getByRole('button', { name: new RegExp(STREET) }).click();
    const attendedNow = page.getByTestId('point-ledger').getByTestId('ledger-entry').filter({ hasText: '参加联席会议' });
    await attendedNow.first().getByText('+3').waitFor();
    expect(await attendedNow.getByText('+2').count()).toBe(0);
    await sec.context.close();
  }, 240_000);

  it('every screen in Chinese and English, desktop and phone: no axe A/AA violation, nothing spilling', async () => {
    await fs.mkdir(SHOTS, { recursive: true });
    const shoot = async (browser: Browser, locale: 'zh-CN' | 'en', width: number) => {
      const { context, page } = await loginInBrowser(browser, world.server.url, 'secretary', { locale, width, height: 900, axe: true });
      const en = locale === 'en';
      const check = async (name: string) => {
        await page.screenshot({ path: path.join(SHOTS, `${name}-${locale}-${width}.png`), fullPage: true });
        expect(await a11yViolations(page), `${name} ${locale} ${width}`).toEqual([]);
        if (width < 500) expect(await spilling(page), `${name} ${locale} ${width}`).toEqual([]);
      };
      const unit = (await (await page.request.get(`${world.server.url}/api/alliances/${allianceId}`)).json()).memberships.find(
        (m: { unit: { name: string } }) => m.unit.name === COMMUNITY,
      ).unit.id as string;
      await page.goto(`${world.server.url}/alliances/${allianceId}/points?period=${period}&unit=${unit}`);
      await page.getByRole('heading', { level: 1, name: en ? 'Points' : '积分' }).waitFor();
      await page.getByTestId('ledger-voided').first().waitFor();
      await check('points');

      await page.getByRole('button', { name: en ? 'Add / deduct points' : '加分 / 扣分' }).click();
      const dialog = page.getByTestId('manual-points');
      await dialog.getByRole('heading').waitFor();
      await dialog.getByRole('button', { name: en ? 'Confirm' : '确认' }).click();
      await dialog.locator('.field-error').first().waitFor();
      await page.screenshot({ path: path.join(SHOTS, `manual-${locale}-${width}.png`) });
      expect(await a11yViolations(page), `manual ${locale} ${width}`).toEqual([]);

      await page.goto(`${world.server.url}/alliances/${allianceId}/points/scheme`);
      await page.getByRole('heading', { level: 1, name: en ? 'Points scheme' : '积分规则' }).waitFor();
      await page.getByTestId('scheme-rules').waitFor();
      await check('scheme');

      await page.goto(`${world.server.url}/alliances/${allianceId}/points?period=2020-Q1`);
      await page.getByTestId('points-empty').waitFor();
      await page.getByTestId('ledger-empty').waitFor();
      await check('empty');
      await context.close();
    };
    for (const locale of ['zh-CN', 'en'] as const) for (const width of [1440, 390]) await shoot(world.browser, locale, width);
  }, 300_000);
});
