import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { e2eWorld } from './support/server.js';
import { loginInBrowser } from './support/session.js';

const SHOTS = process.env.TONGXIN_SHOTS_DIR ?? path.resolve('test-results/screenshots/notifications');
const shot = (page: Page, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  return page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

const LEAD_UNIT = '和平里社区党委';
const FIRST = '整治和平里小区楼道堆物';
const SECOND = '更新社区消防器材';

/** Nothing spills sideways on a phone. */
const spilling = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => `${e.tagName}.${e.className}`),
  );

const noViolations = async (page: Page, screen: string) =>
  expect({ screen, violations: await a11yViolations(page) }).toEqual({ screen, violations: [] });

/**
 * 消息中心 in the browser: a secretary assigns work; the lead unit's bell counts it at once,
 * without a reload; the panel opens the item and marks it read; 全部已读 clears the rest; the list
 * and the settings read well in both languages, on a desk and on a phone.
 */
describe('the notification centre in the browser', () => {
  // No reminder scheduler: the bell counts only what the test does.
  const world = e2eWorld({ REMINDER_TICK_MS: '0' });

  async function assign(api: APIRequestContext, title: string): Promise<string> {
    const url = world.server.url;
    const me = await (await api.get(`${url}/api/me`)).json();
    const allianceId = me.alliances[0].id as string;
    const alliance = await (await api.get(`${url}/api/alliances/${allianceId}`)).json();
    const unit = (alliance.memberships as { unit: { id: string; name: string } }[]).find((m) => m.unit.name === LEAD_UNIT)!;
    const created = await api.post(`${url}/api/alliances/${allianceId}/action-items`, {
      headers: { origin: url },
      data: { title, leadUnit: unit.unit.id, cooperatingUnits: [], responsiblePerson: '王建国', dueDate: '2099-06-30' },
    });
    expect(created.status()).toBe(201);
    return (await created.json()).id as string;
  }

  const bellCount = async (page: Page) => {
    const badge = page.getByTestId('bell-count');
    return (await badge.count()) === 0 ? 0 : Number(await badge.textContent());
  };

  it('the lead unit’s bell rises live; the panel opens the item and marks it read; 全部已读 clears the rest', async () => {
    const sec = await loginInBrowser(world.browser, world.server.url, 'secretary');
    // rep2 represents 和平里社区党委.
    const lead = await loginInBrowser(world.browser, world.server.url, 'rep2', { axe: true });
    const bell = lead.page.getByTestId('bell');
    await bell.waitFor();
    const before = await bellCount(lead.page);

    const itemId = await assign(sec.page.request, FIRST);
    await expect.poll(() => bellCount(lead.page), { timeout: 15_000 }).toBe(before + 1);
    // Announced to screen readers, and shown for a moment.
    await lead.page.getByRole('status').filter({ hasText: `新消息：新的督办事项：${FIRST}` }).waitFor();
    expect(await bell.getAttribute('aria-label')).toBe(`消息，${before + 1} 条未读`);

    await bell.click();
    const panel = lead.page.getByRole('region', { name: '最新消息' });
    const entry = panel.getByRole('link', { name: new RegExp(`新的督办事项：${FIRST}`) });
    await entry.waitFor();
    await panel.getByText(`${LEAD_UNIT}为牵头单位，完成时限 2099-06-30，请及时签收。`).waitFor();
    await shot(lead.page, 'bell-panel-zh-1440');
    await noViolations(lead.page, 'bell panel');
    // Escape closes it and gives the focus back to the bell.
    await lead.page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await bell.evaluate((b) => b === document.activeElement)).toBe(true);

    // By keyboard: open, go to the entry, open it.
    await lead.page.keyboard.press('Enter');
    await entry.focus();
    await lead.page.keyboard.press('Enter');
    await lead.page.waitForURL(`**/action-items/${itemId}`);
    await lead.page.getByRole('heading', { level: 1, name: FIRST }).waitFor();
    await expect.poll(() => bellCount(lead.page), { timeout: 15_000 }).toBe(before);

    // A second one arrives while the person reads the item; 全部已读 clears everything.
    await assign(sec.page.request, SECOND);
    await expect.poll(() => bellCount(lead.page), { timeout: 15_000 }).toBe(before + 1);
    await bell.click();
    await panel.getByRole('button', { name: '全部已读' }).click();
    await expect.poll(() => bellCount(lead.page), { timeout: 15_000 }).toBe(0);
    expect(await bell.getAttribute('aria-label')).toBe('消息，没有未读');

    // The full list: newest first, both read now.
    await panel.getByRole('link', { name: '查看全部消息' }).click();
    await lead.page.getByRole('heading', { level: 1, name: '消息中心' }).waitFor();
    // The heading shows before the list has loaded: wait for the entries, then read them.
    const titles = lead.page.locator('.notif-title');
    await titles.nth(1).waitFor();
    expect((await titles.allTextContents()).slice(0, 2)).toEqual([`新的督办事项：${SECOND}`, `新的督办事项：${FIRST}`]);
    await lead.page.getByLabel('只看未读').check();
    await lead.page.getByText('没有未读消息').waitFor();
    await sec.context.close();
    await lead.context.close();
  });

  it('the settings keep what a person chose, and say what is wrong under the field', async () => {
    const { page, context } = await loginInBrowser(world.browser, world.server.url, 'rep2', { axe: true });
    await page.goto(`${world.server.url}/notifications/settings`);
    await page.getByRole('heading', { level: 1, name: '消息设置' }).waitFor();
    const actionItems = page.getByRole('group', { name: '督办' });
    await actionItems.getByLabel('推进情况报告').uncheck();
    await page.getByLabel('开启免打扰').check();
    await page.getByLabel('开始时间').fill('22:00');
    await page.getByLabel('结束时间').fill('22:00');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByText('开始时间和结束时间不能相同。').waitFor();
    await page.getByLabel('结束时间').fill('07:00');
    await page.getByLabel('将提醒汇总为每天 08:30 的一条消息').check();
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByRole('status').filter({ hasText: '消息设置已保存。' }).waitFor();
    const saved = await (await page.request.get(`${world.server.url}/api/notifications/preferences`)).json();
    expect(saved).toEqual({
      disabledKinds: ['item.progressReported'],
      quietHours: { from: '22:00', to: '07:00' },
      dailyDigest: true,
    });
    await page.reload();
    expect(await page.getByLabel('推进情况报告').isChecked()).toBe(false);
    expect(await page.getByLabel('结束时间').inputValue()).toBe('07:00');
    await context.close();
  });

  it('the list, the panel and the settings read well in both languages, on a desk and on a phone', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const width of [1440, 390]) {
        const { page, context } = await loginInBrowser(world.browser, world.server.url, 'rep2', { width, locale, axe: true });
        const tag = `${locale}-${width}`;
        await page.goto(`${world.server.url}/notifications`);
        await page.getByRole('heading', { level: 1, name: locale === 'en' ? 'Notifications' : '消息中心' }).waitFor();
        await page.locator('.notif-item').first().waitFor();
        await shot(page, `list-${tag}`);
        await noViolations(page, `list ${tag}`);
        expect(await spilling(page)).toEqual([]);

        await page.getByTestId('bell').click();
        await page.locator('.bell-panel .notif-item').first().waitFor();
        await shot(page, `panel-${tag}`);
        expect(await spilling(page)).toEqual([]);
        await page.keyboard.press('Escape');

        await page.goto(`${world.server.url}/notifications/settings`);
        await page.getByRole('heading', { level: 1, name: locale === 'en' ? 'Notification settings' : '消息设置' }).waitFor();
        await shot(page, `settings-${tag}`);
        await noViolations(page, `settings ${tag}`);
        expect(await spilling(page)).toEqual([]);
        await context.close();
      }
    }
  });
});
