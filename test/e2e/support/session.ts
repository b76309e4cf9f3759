import type { Browser, BrowserContext, Page } from 'playwright-core';

export const DEMO_PASSWORD = 'tongxin-demo';

/** A fresh browser context (its own cookies), logged in through the login form as a person would. */
export async function loginInBrowser(
  browser: Browser,
  baseUrl: string,
  login: string,
  /** `axe`: let a11yViolations inject axe-core past the page's CSP. */
  /** `mobile`: a phone (touch, mobile viewport meta), as `isMobile` + `hasTouch` in Playwright. */
  opts: { width?: number; height?: number; locale?: 'zh-CN' | 'en'; axe?: boolean; mobile?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  // Times show in the viewer's zone; our users are in China.
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 },
    timezoneId: 'Asia/Shanghai',
    // The browser's own widgets (date pickers) follow its locale, as on the user's machine.
    locale: opts.locale === 'en' ? 'en-US' : 'zh-CN',
    bypassCSP: opts.axe === true,
    isMobile: opts.mobile === true,
    hasTouch: opts.mobile === true,
  });
  const page = await context.newPage();
  if (opts.locale === 'en') {
    await page.addInitScript("localStorage.setItem('tongxin.locale', 'en')");
  }
  await page.goto(`${baseUrl}/login`);
  const zh = opts.locale !== 'en';
  await page.getByLabel(zh ? '登录名' : 'Login').fill(login);
  await page.getByLabel(zh ? '密码' : 'Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: zh ? '登录' : 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: zh ? /您好/ : /Hello/ }).waitFor();
  return { context, page };
}
