import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { screenshotPath } from './support/browser.js';
import { e2eWorld } from './support/server.js';
import { loginInBrowser } from './support/session.js';

const ALLIANCE = '和平街道区域化党建大工委';
const LATE_ITEM = '摸排辖区老旧小区加装电梯意愿';
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-h3';

/** Nothing spills sideways on a phone. */
const spilling = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => `${e.tagName}.${e.className}`),
  );

async function shot(page: Page, name: string, target?: ReturnType<Page['locator']>) {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const file of [path.join(SHOTS, `${name}.png`), screenshotPath(name)]) {
    if (target) await target.screenshot({ path: file });
    else await page.screenshot({ path: file, fullPage: true });
  }
}

/**
 * 亮灯 in the browser: the ledger's lights with their words, the count above it and the filter by
 * light, the item's header, and the alliance's light rules and working calendar.
 */
describe('the status light (亮灯) in the browser', () => {
  const world = e2eWorld();

  for (const [locale, width] of [
    ['zh-CN', 1440],
    ['zh-CN', 390],
    ['en', 1440],
    ['en', 390],
  ] as const) {
    it(`screens: the ledger with lights, an item's header, the calendar settings (${locale}, ${width} px)`, async () => {
      const zh = locale === 'zh-CN';
      const { context, page } = await loginInBrowser(world.browser, world.server.url, 'secretary', {
        width,
        locale,
        axe: true,
      });
      await page.getByRole('link', { name: ALLIANCE }).first().click();
      const ledger = page.locator('section.ai-ledger');
      await ledger.getByTestId('light-summary').waitFor();
      const late = ledger.getByTestId('ledger-row').filter({ hasText: LATE_ITEM });
      const badge = late.getByTestId('status-light');
      // The colour is never alone: the words say it.
      expect(await badge.getAttribute('data-light')).toBe('red');
      expect(await badge.textContent()).toMatch(zh ? /^红灯已逾期 \d+ 天$/ : /^Redoverdue by \d+ days$/);
      await ledger.getByTestId('light-legend').waitFor();
      expect(await spilling(page)).toEqual([]);
      await shot(page, `statuslight-ledger-${locale}-${width}`, ledger);
      expect({ screen: 'ledger', violations: await a11yViolations(page, ['section.ai-ledger']) }).toEqual({
        screen: 'ledger',
        violations: [],
      });

      await late.getByRole('link', { name: LATE_ITEM }).click();
      await page.getByRole('heading', { level: 1, name: LATE_ITEM }).waitFor();
      const header = page.locator('.ai-headline').getByTestId('status-light');
      expect(await header.textContent()).toMatch(zh ? /^红灯已逾期 \d+ 天$/ : /^Redoverdue by \d+ days$/);
      expect(await spilling(page)).toEqual([]);
      await shot(page, `statuslight-item-${locale}-${width}`);
      expect({ screen: 'item', violations: await a11yViolations(page) }).toEqual({ screen: 'item', violations: [] });

      const allianceId = (await (await page.request.get(`${world.server.url}/api/me`)).json()).alliances[0].id as string;
      await page.goto(`${world.server.url}/alliances/${allianceId}/settings?tab=calendar`);
      await page.getByRole('heading', { level: 2, name: zh ? '亮灯与工作日历' : 'Status lights & calendar' }).waitFor();
      await page
        .getByText(
          zh
            ? '2027 年及以后的节假日安排尚未内置：国务院办公厅公布后请在此录入'
            : 'Holidays from 2027 on are not built in yet: enter them here once the General Office of the State Council announces them',
        )
        .waitFor();
      expect(await spilling(page)).toEqual([]);
      await shot(page, `statuslight-calendar-${locale}-${width}`);
      expect({ screen: 'calendar', violations: await a11yViolations(page) }).toEqual({
        screen: 'calendar',
        violations: [],
      });
      await context.close();
    });
  }

  it('the count above the ledger filters by light, and the Excel export follows the filter', async () => {
    const { context, page } = await loginInBrowser(world.browser, world.server.url, 'secretary');
    await page.getByRole('link', { name: ALLIANCE }).first().click();
    const ledger = page.locator('section.ai-ledger');
    const summary = ledger.getByTestId('light-summary');
    const red = summary.getByRole('button', { name: /^红灯 \d+$/ });
    await red.waitFor();
    const count = Number((await red.textContent())!.replace(/\D/g, ''));
    expect(count).toBeGreaterThanOrEqual(2);
    await red.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('light')).toBe('red');
    await expect
      .poll(async () => [...new Set(await ledger.getByTestId('status-light').evaluateAll((b) => b.map((e) => e.getAttribute('data-light'))))])
      .toEqual(['red']);
    expect(await ledger.getByTestId('ledger-row').count()).toBe(count);
    expect(await red.getAttribute('aria-pressed')).toBe('true');
    // The filter select shows the same choice, and both exports carry it.
    expect(await ledger.getByRole('combobox', { name: /^亮灯/ }).inputValue()).toBe('red');
    const xlsx = ledger.getByRole('link', { name: '导出 Excel' });
    expect(await xlsx.getAttribute('href')).toContain('light=red');
    const [download] = await Promise.all([page.waitForEvent('download'), xlsx.click()]);
    expect(download.suggestedFilename()).toMatch(/工作台账\.xlsx$/);
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK'); // a zip: an Office Open XML workbook
    await context.close();
  });

  it('a secretary enters next year’s holidays: the warning goes, the list is saved sorted, a bad entry is refused', async () => {
    const { context, page } = await loginInBrowser(world.browser, world.server.url, 'secretary');
    const allianceId = (await (await page.request.get(`${world.server.url}/api/me`)).json()).alliances[0].id as string;
    await page.goto(`${world.server.url}/alliances/${allianceId}/settings?tab=calendar`);
    const warning = page.getByTestId('calendar-warning');
    await warning.waitFor();
    const holidays = page.getByTestId('calendar-holidays');
    const workdays = page.getByTestId('calendar-workdays');
    for (const day of ['2027-02-10', '2027-02-08']) {
      await holidays.getByLabel('添加放假日期').fill(day);
      await holidays.getByRole('button', { name: '添加' }).click();
    }
    // A day already off cannot also be worked; the error is under the field.
    await workdays.getByLabel('添加调休上班日期').fill('2027-02-08');
    await workdays.getByRole('button', { name: '添加' }).click();
    await workdays.getByText('同一天不能既是放假日又是调休上班日。').waitFor();
    expect(await warning.count()).toBe(0);
    await page.getByLabel('临近时限（工作日）').fill('11');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('请填写 1 到 10 之间的整数。').waitFor();
    await page.getByLabel('临近时限（工作日）').fill('4');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').filter({ hasText: '已保存。' }).waitFor();
    const saved = await (await page.request.get(`${world.server.url}/api/alliances/${allianceId}`)).json();
    expect(saved.calendar).toEqual({ holidays: ['2027-02-08', '2027-02-10'], workdays: [] });
    expect(saved.statusLightRules).toEqual({ dueSoonWorkingDays: 4, silentDays: 14 });
    expect(await holidays.locator('time').allTextContents()).toHaveLength(2);

    // Removing one is a click; saving puts the list back as it was.
    await holidays.getByRole('button', { name: /^移除 / }).first().click();
    await holidays.getByRole('button', { name: /^移除 / }).first().click();
    await page.getByLabel('临近时限（工作日）').fill('3');
    await page.getByRole('button', { name: '保存' }).click();
    await expect
      .poll(async () => (await (await page.request.get(`${world.server.url}/api/alliances/${allianceId}`)).json()).calendar)
      .toEqual({ holidays: [], workdays: [] });
    await context.close();
  });
});
