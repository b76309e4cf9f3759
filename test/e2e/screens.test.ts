import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { screenshotPath } from './support/browser.js';
import { e2eWorld } from './support/server.js';
import { DEMO_PASSWORD } from './support/session.js';

/**
 * Every main screen at desktop and phone width, in Chinese and English: a screenshot to look at,
 * nothing wider than the window, and no WCAG 2.1 A/AA violation that axe-core can find
 * (contrast, labels, names, ARIA).
 */
describe('every main screen, 1440 and 390 px, zh-CN and en', () => {
  const world = e2eWorld();

  async function session(locale: 'zh-CN' | 'en', width: number): Promise<{ context: BrowserContext; page: Page }> {
    const context = await world.browser.newContext({
      viewport: { width, height: 900 },
      timezoneId: 'Asia/Shanghai',
      locale: locale === 'en' ? 'en-US' : 'zh-CN',
      // axe-core is injected as a script; the app's Content-Security-Policy would refuse it.
      bypassCSP: true,
    });
    await context.addInitScript(`localStorage.setItem('tongxin.locale', '${locale}')`);
    return { context, page: await context.newPage() };
  }

  async function check(page: Page, name: string, locale: string, width: number) {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.screenshot({ path: screenshotPath(`screen-${name}-${locale}-${width}`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect({ name, overflow }).toEqual({ name, overflow: 0 });
    expect({ name, violations: await a11yViolations(page) }).toEqual({ name, violations: [] });
  }

  for (const [locale, width] of [
    ['zh-CN', 1440],
    ['zh-CN', 390],
    ['en', 1440],
    ['en', 390],
  ] as const) {
    it(`${locale} at ${width} px`, async () => {
      const zh = locale === 'zh-CN';
      const { context, page } = await session(locale, width);
      const base = world.server.url;
      try {
        await page.goto(`${base}/login`);
        await page.getByRole('button', { name: zh ? '登录' : 'Log in' }).waitFor();
        await check(page, 'login', locale, width);

        await page.getByLabel(zh ? '登录名' : 'Login').fill('secretary');
        await page.getByLabel(zh ? '密码' : 'Password').fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: zh ? '登录' : 'Log in' }).click();
        await page.getByRole('heading', { level: 1, name: zh ? /您好/ : /Hello/ }).waitFor();
        await check(page, 'workbench', locale, width);

        // Where things are, read through the API with this browser's session.
        const me = await (await page.request.get(`${base}/api/me`)).json();
        const allianceId = me.alliances[0].id as string;
        const meetings = async (when: string) =>
          (await (await page.request.get(`${base}/api/alliances/${allianceId}/meetings?when=${when}`)).json())
            .items as { id: string; seq: number }[];
        const upcoming = (await meetings('upcoming'))[0]!;
        const past = (await meetings('past')).find((m) => m.seq === 1)!;
        const ledger = await (await page.request.get(`${base}/api/alliances/${allianceId}/action-items`)).json();
        const decisions = await (await page.request.get(`${base}/api/meetings/${upcoming.id}/decisions`)).json();
        let decisionId = decisions.items[0]?.id as string | undefined;
        if (!decisionId) {
          const created = await page.request.post(`${base}/api/meetings/${upcoming.id}/decisions`, {
            data: { title: '关于背街小巷环境整治的决议' },
            headers: { origin: base },
          });
          decisionId = (await created.json()).id as string;
        }

        await page.goto(`${base}/alliances/${allianceId}`);
        await page.getByTestId('ledger-row').first().waitFor();
        await check(page, 'alliance', locale, width);

        await page.goto(`${base}/meetings/${upcoming.id}`);
        await page.getByRole('heading', { level: 2, name: zh ? '议程' : 'Agenda', exact: true }).waitFor();
        await check(page, 'meeting', locale, width);

        await page.goto(`${base}/decisions/${decisionId}`);
        await page.getByRole('textbox', { name: zh ? '决议正文' : 'Decision text' }).waitFor();
        await check(page, 'decision', locale, width);

        // The room before quorum: the chair's one next step is 签到, not starting without quorum.
        await page.goto(`${base}/meetings/${upcoming.id}/live`);
        await page.getByTestId('room').waitFor();
        const chair = page.getByTestId('chair-console');
        await chair.getByRole('button', { name: zh ? '组织签到' : 'Run the check-in' }).waitFor();
        expect(await chair.getByRole('button', { name: zh ? /仍要开会/ : /start anyway/ }).count()).toBe(0);
        await check(page, 'room', locale, width);

        // The room of a closed meeting (its minutes published): no console, no timer, the way to the minutes.
        await page.goto(`${base}/meetings/${past.id}/live`);
        const closed = page.getByTestId('room-closed');
        await closed.getByText(zh ? '会议纪要已签发。' : 'The minutes have been published.').waitFor();
        expect(await page.getByTestId('chair-console').count()).toBe(0);
        expect(await page.getByTestId('item-timer').count()).toBe(0);
        await check(page, 'room-closed', locale, width);

        await page.goto(`${base}/action-items/${ledger.items[0].id}`);
        await page.getByTestId('progress-timeline').waitFor();
        await check(page, 'action-item', locale, width);

        await page.goto(`${base}/meetings/${past.id}/minutes`);
        await page.getByRole('textbox', { name: zh ? '纪要正文' : /minutes/i }).waitFor();
        await check(page, 'minutes', locale, width);
      } finally {
        await context.close();
      }
    });
  }
});
