import { describe, expect, it } from 'vitest';
import { screenshotPath } from './support/browser.js';
import { e2eWorld } from './support/server.js';

describe('the start page in a real browser', () => {
  const world = e2eWorld();

  for (const width of [1440, 390]) {
    it(`greets a visitor with the login page in Chinese first, then in English, at ${width} px`, async () => {
      const context = await world.browser.newContext({ viewport: { width, height: 900 }, locale: 'en-US' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));

      await page.goto(world.server.url);
      await page.waitForURL(/\/login\?next=%2F$/);
      // Chinese by default, even for a browser that asks for English.
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await page.getByRole('heading', { level: 1, name: '登录同心' }).waitFor();
      await page.screenshot({ path: screenshotPath(`login-zh-CN-${width}`), fullPage: true });

      await page.getByRole('combobox', { name: '语言' }).selectOption('en');
      await page.getByRole('heading', { level: 1, name: 'Log in to Tongxin' }).waitFor();
      await page.screenshot({ path: screenshotPath(`login-en-${width}`), fullPage: true });

      // The choice persists across a reload.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Log in to Tongxin' }).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('serves the app shell for client-side routes and a helpful page for unknown ones', async () => {
    const page = await world.browser.newPage();
    const res = await page.goto(`${world.server.url}/no/such/page`);
    expect(res?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: '页面不存在' }).waitFor();
    await page.getByRole('link', { name: '返回工作台' }).click();
    await page.getByRole('heading', { level: 1, name: '登录同心' }).waitFor();
    await page.close();
  });
});
