import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshotPath } from './support/browser.js';
import { e2eWorldWithProxy } from './support/server.js';
import { loginInBrowser } from './support/session.js';

const editor = (page: Page) => page.getByRole('textbox', { name: /决议正文|Decision text/ });

describe('co-drafting a decision in two browsers', () => {
  const world = e2eWorldWithProxy();

  it('the secretary and a representative co-edit, see each other’s caret and text, survive a dropped connection, and freeze a version', async () => {
    const sec = await loginInBrowser(world.browser, world.server.url, 'secretary');
    // The representative reaches the server through a proxy the test can cut.
    const rep = await loginInBrowser(world.browser, world.proxy.url, 'rep1');

    // The secretary starts a draft from the upcoming meeting.
    await sec.page.getByRole('link', { name: '第二次联席会议：背街小巷环境整治' }).first().click();
    await sec.page.getByLabel('新建决议草案').fill('关于背街小巷环境整治的决议');
    await sec.page.getByRole('button', { name: '创建', exact: true }).click();
    await sec.page.getByRole('link', { name: '关于背街小巷环境整治的决议' }).click();
    await editor(sec.page).waitFor();
    const decisionUrl = sec.page.url();

    await rep.page.goto(decisionUrl.replace(world.server.url, world.proxy.url));
    await editor(rep.page).waitFor();

    await editor(sec.page).click();
    await sec.page.keyboard.type('一、各成员单位按职责分工推进整治。');
    await expect.poll(() => editor(rep.page).textContent()).toContain('一、各成员单位按职责分工推进整治。');

    await editor(rep.page).click();
    await rep.page.keyboard.press('End');
    await rep.page.keyboard.press('Enter');
    await rep.page.keyboard.type('二、街道党工委牵头，每月通报进展。');
    await expect.poll(() => editor(sec.page).textContent()).toContain('二、街道党工委牵头，每月通报进展。');

    // Carets carry name and unit.
    await sec.page.locator('.collab-caret-label', { hasText: '王建华 · 和平街道党工委' }).waitFor();
    await rep.page.locator('.collab-caret-label', { hasText: '孙丽 · 和平街道党工委' }).waitFor();
    await rep.page.getByTestId('editors').filter({ hasText: '孙丽' }).waitFor();
    await sec.page.screenshot({ path: screenshotPath('decision-zh-CN-1440'), fullPage: true });

    // The representative's connection drops: the banner says so, typing goes on, and it arrives later.
    await world.proxy.cut();
    await rep.page.getByTestId('connection-banner').waitFor({ timeout: 15_000 });
    await rep.page.screenshot({ path: screenshotPath('decision-offline-zh-CN-1440'), fullPage: true });
    await editor(rep.page).click();
    await rep.page.keyboard.press('End');
    await rep.page.keyboard.press('Enter');
    await rep.page.keyboard.type('三、断网期间补充的条款。');
    await world.proxy.restore();
    await rep.page.getByTestId('connection-banner').waitFor({ state: 'detached', timeout: 20_000 });
    await expect.poll(() => editor(sec.page).textContent(), { timeout: 15_000 }).toContain('三、断网期间补充的条款。');

    // The secretary freezes the text the meeting will vote on.
    await sec.page.getByRole('button', { name: '定稿为新版本' }).click();
    const v1 = sec.page.getByTestId('version-1');
    await v1.waitFor();
    expect(await v1.textContent()).toContain('三、断网期间补充的条款。');
    expect(await v1.textContent()).toMatch(/指纹（SHA-256）：[0-9a-f]{64}/);
    // A representative cannot freeze.
    expect(await rep.page.getByRole('button', { name: '定稿为新版本' }).count()).toBe(0);
    await sec.page.screenshot({ path: screenshotPath('decision-version-zh-CN-1440'), fullPage: true });

    await sec.context.close();
    await rep.context.close();
  });

  it('the decision screen in English at phone width', async () => {
    const { context, page } = await loginInBrowser(world.browser, world.server.url, 'rep2', {
      width: 390,
      locale: 'en',
    });
    await page
      .getByRole('link', { name: /背街小巷环境整治/ })
      .first()
      .click();
    await page.getByRole('link', { name: '关于背街小巷环境整治的决议' }).click();
    await editor(page).waitFor();
    await expect.poll(() => editor(page).textContent()).toContain('一、各成员单位按职责分工推进整治。');
    await page.getByTestId('version-1').waitFor();
    await page.screenshot({ path: screenshotPath('decision-en-390'), fullPage: true });
    await context.close();
  });
});
