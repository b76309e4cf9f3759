import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eWorld } from './support/server.js';
import { DEMO_PASSWORD } from './support/session.js';

const MEETING = '第二次联席会议：背街小巷环境整治';
const DECISION = '关于内容安全策略的决议';
const editor = (page: Page) => page.getByRole('textbox', { name: /决议正文|Decision text/ });

/**
 * A browser that records every Content-Security-Policy violation from the first byte of every
 * page: the `securitypolicyviolation` event (reported by an init script) and the console error
 * Chromium prints for it.
 */
async function signIn(browser: Browser, baseUrl: string, login: string, violations: string[]) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Shanghai' });
  await context.exposeBinding('__reportCsp', (_source, v: string) => void violations.push(`${login}: ${v}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCsp(v: string): void }).__reportCsp;
      report(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`,
      );
    });
  });
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.text().includes('Content Security Policy')) violations.push(`${login}: ${msg.text()}`);
  });
  const res = await page.goto(`${baseUrl}/login`);
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { level: 1, name: /您好/ }).waitFor();
  return { context, page };
}

describe('the app under its Content-Security-Policy', () => {
  const world = e2eWorld();

  it('logging in, the meeting, its live room and two people co-editing a decision break no rule of the policy', async () => {
    const violations: string[] = [];
    const sec = await signIn(world.browser, world.server.url, 'secretary', violations);
    const rep = await signIn(world.browser, world.server.url, 'rep1', violations);

    // The meeting page (agenda bound to Yjs), then its live room (bars sized from script).
    await sec.page.getByRole('link', { name: MEETING }).first().click();
    await sec.page.getByRole('heading', { name: '议程' }).waitFor();
    const meetingUrl = sec.page.url();
    await sec.page.getByRole('link', { name: '进入会议室' }).click();
    await sec.page.getByTestId('room').waitFor();
    await sec.page.getByTestId('quorum').waitFor();

    // A decision drafted by two people: the editor's styles, carets and selections.
    await sec.page.goto(meetingUrl);
    await sec.page.getByLabel('新建决议草案').fill(DECISION);
    await sec.page.getByRole('button', { name: '创建', exact: true }).click();
    await sec.page.getByRole('link', { name: DECISION }).click();
    await editor(sec.page).waitFor();
    await rep.page.goto(sec.page.url());
    await editor(rep.page).waitFor();

    await editor(sec.page).click();
    await sec.page.keyboard.type('一、各成员单位遵守内容安全策略。');
    await expect.poll(() => editor(rep.page).textContent()).toContain('遵守内容安全策略');
    await editor(rep.page).click();
    await rep.page.keyboard.press('End');
    await rep.page.keyboard.press('Shift+Home');
    await sec.page.locator('.collab-caret-label', { hasText: '王建华' }).waitFor();
    await expect.poll(() => sec.page.locator('.ProseMirror-yjs-selection').count()).toBeGreaterThan(0);

    // The editor's base styles arrive from the stylesheet, not from an injected <style>.
    expect(await editor(sec.page).evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('break-spaces');
    expect(violations).toEqual([]);
    await sec.context.close();
    await rep.context.close();
  });
});
