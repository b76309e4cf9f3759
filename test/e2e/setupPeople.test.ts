import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { screenshotPath } from './support/browser.js';
import { e2eWorld } from './support/server.js';
import { DEMO_PASSWORD } from './support/session.js';

type Locale = 'zh-CN' | 'en';

/** REST as a non-browser client, for setting up what a screen shows. */
async function api(base: string, login: string, password = DEMO_PASSWORD) {
  const res = await fetch(`${base}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  const { token } = (await res.json()) as { token: string };
  return async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return (await r.json()) as any;
  };
}

/** Logs in through the form with any password; returns the page where the app landed. */
async function loginWith(
  browser: Browser,
  base: string,
  login: string,
  password: string,
  locale: Locale = 'zh-CN',
  width = 1440,
) {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    timezoneId: 'Asia/Shanghai',
    locale: locale === 'en' ? 'en-US' : 'zh-CN',
    // axe is injected as an inline script, which the app's CSP rightly refuses.
    bypassCSP: true,
  });
  const page = await context.newPage();
  if (locale === 'en') await page.addInitScript("localStorage.setItem('tongxin.locale', 'en')");
  await page.goto(`${base}/login`);
  const zh = locale === 'zh-CN';
  await page.getByLabel(zh ? '登录名' : 'Login').fill(login);
  await page.getByLabel(zh ? '密码' : 'Password').fill(password);
  await page.getByRole('button', { name: zh ? '登录' : 'Log in' }).click();
  return { context, page };
}

async function noViolations(page: Page) {
  expect(await a11yViolations(page)).toEqual([]);
}

describe('setup screens: units, people and the forced password change', () => {
  const world = e2eWorld();

  it('an admin adds, checks and deactivates a unit; creates a person who must change the one-time password', async () => {
    const base = world.server.url;
    const { context, page } = await loginWith(world.browser, base, 'admin', DEMO_PASSWORD);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // The system status card is for admins.
    await page.getByRole('heading', { level: 1, name: /您好/ }).waitFor();
    await page.getByRole('heading', { name: '系统状态' }).waitFor();

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '成员单位' }).click();
    await page.getByRole('heading', { level: 1, name: '成员单位' }).waitFor();
    await page.getByTestId('unit-row').first().waitFor();

    // Empty form: each field says what is wrong under itself; nothing is created.
    await page.getByText('新增单位').click();
    await page.getByRole('button', { name: '创建单位' }).click();
    await expect.poll(() => page.getByText('请填写此项。').count()).toBe(1);
    expect(await page.getByText('请选择一项。', { exact: true }).count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.getByLabel('单位名称', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: screenshotPath('setup-units-errors-zh-CN-1440'), fullPage: true });

    await page.getByLabel('单位名称', { exact: true }).fill('青龙胡同社区党委');
    await page.getByLabel('单位类型', { exact: true }).selectOption({ label: '社区' });
    await page.getByLabel('行政层级', { exact: true }).selectOption({ label: '社区村级' });
    await page.getByLabel('所在区域', { exact: true }).fill('东城区安定门街道');
    await page.getByRole('button', { name: '创建单位' }).click();
    await page.getByText('已创建单位“青龙胡同社区党委”。').waitFor();

    // A taken name is said under the name.
    await page.getByLabel('单位名称', { exact: true }).fill('青龙胡同社区党委');
    await page.getByLabel('单位类型', { exact: true }).selectOption({ label: '社区' });
    await page.getByLabel('行政层级', { exact: true }).selectOption({ label: '社区村级' });
    await page.getByRole('button', { name: '创建单位' }).click();
    await page.getByText('已有同名单位。').waitFor();

    await page.getByLabel('搜索单位名称').fill('青龙');
    await expect.poll(() => page.getByTestId('unit-row').count()).toBe(1);
    await noViolations(page);

    // Deactivate, with a confirmation first.
    await page.getByRole('button', { name: '停用 青龙胡同社区党委' }).click();
    const dialog = page.getByRole('dialog', { name: '停用“青龙胡同社区党委”？' });
    await dialog.waitFor();
    await page.screenshot({ path: screenshotPath('setup-units-confirm-zh-CN-1440') });
    await dialog.getByRole('button', { name: '停用' }).click();
    await expect.poll(() => page.getByTestId('unit-row').count()).toBe(0);
    await page.getByLabel('状态', { exact: true }).selectOption('all');
    await page.getByTestId('unit-row').filter({ hasText: '已停用' }).waitFor();

    // People: create one for a unit; the one-time password is shown once.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '人员' }).click();
    await page.getByRole('heading', { level: 1, name: '人员' }).waitFor();
    await page.getByTestId('person-row').first().waitFor();
    await page.getByText('新增人员').click();
    // The deactivated unit is not offered.
    expect(await page.getByLabel('所属单位', { exact: true }).locator('option', { hasText: '青龙胡同' }).count()).toBe(
      0,
    );
    await page.getByLabel('登录名', { exact: true }).fill('Bad Login!');
    await page.getByLabel('电子邮箱（选填）', { exact: true }).fill('not-an-email');
    await page.getByRole('button', { name: '创建账号' }).click();
    await page.getByText('登录名须为 2–40 位小写字母').waitFor();
    await page.getByText('请填写有效的电子邮箱地址。').waitFor();
    await page.screenshot({ path: screenshotPath('setup-people-errors-zh-CN-1440'), fullPage: true });

    await page.getByLabel('姓名', { exact: true }).fill('吴新');
    await page.getByLabel('登录名', { exact: true }).fill('wuxin');
    await page.getByLabel('所属单位', { exact: true }).selectOption({ label: '和平里社区党委' });
    await page.getByLabel('电话（选填）', { exact: true }).fill('010-6400 1234');
    await page.getByLabel('电子邮箱（选填）', { exact: true }).fill('');
    await page.getByRole('button', { name: '创建账号' }).click();
    const shown = page.getByRole('dialog', { name: '已为“吴新”创建账号' });
    await shown.waitFor();
    const otp = (await shown.getByTestId('one-time-password').textContent())!.trim();
    expect(otp).toMatch(/^[A-Za-z2-9]{14}$/);
    await noViolations(page);
    await page.screenshot({ path: screenshotPath('setup-people-otp-zh-CN-1440') });
    await shown.getByRole('button', { name: '我已记下，关闭' }).click();
    await page.getByLabel('搜索姓名或登录名').fill('wuxin');
    await page.getByTestId('person-row').filter({ hasText: '待修改初始密码' }).waitFor();

    // The new person: straight to the password change; nothing else until it is done.
    const person = await loginWith(world.browser, base, 'wuxin', otp);
    await person.page.getByRole('heading', { level: 1, name: '请先修改初始密码' }).waitFor();
    expect(new URL(person.page.url()).pathname).toBe('/change-password');
    await person.page.goto(`${base}/admin/units`);
    await person.page.getByRole('heading', { level: 1, name: '请先修改初始密码' }).waitFor();
    await person.page.getByLabel('一次性密码（当前密码）').fill(otp);
    await person.page.getByLabel('新密码', { exact: true }).fill('wuxin-own-password');
    await person.page.getByLabel('再次输入新密码').fill('wuxin-other-password');
    await person.page.getByRole('button', { name: '修改密码' }).click();
    await person.page.getByText('两次输入的新密码不一致。').waitFor();
    await noViolations(person.page);
    await person.page.getByLabel('再次输入新密码').fill('wuxin-own-password');
    await person.page.getByRole('button', { name: '修改密码' }).click();
    await person.page.getByRole('heading', { level: 1, name: '吴新，您好' }).waitFor();
    // Not an admin and no secretary: no setup entries, no system status.
    expect(await person.page.getByRole('link', { name: '人员' }).count()).toBe(0);
    expect(await person.page.getByRole('heading', { name: '系统状态' }).count()).toBe(0);
    await person.context.close();

    // Reset: a new one-time password, shown once.
    await page.reload();
    await page.getByLabel('搜索姓名或登录名').fill('wuxin');
    await expect.poll(() => page.getByTestId('person-row').count()).toBe(1);
    await page.getByRole('button', { name: '重置密码 吴新' }).click();
    await page.getByRole('dialog', { name: '重置“吴新”的密码？' }).getByRole('button', { name: '重置密码' }).click();
    const reset = page.getByRole('dialog', { name: '已重置“吴新”的密码' });
    await reset.waitFor();
    const resetOtp = (await reset.getByTestId('one-time-password').textContent())!.trim();
    expect(resetOtp).not.toBe(otp);
    await reset.getByRole('button', { name: '我已记下，关闭' }).click();

    // Deactivate: confirmed, then shown as deactivated.
    await page.getByRole('button', { name: '停用账号 吴新' }).click();
    await page.getByRole('dialog', { name: '停用“吴新”的账号？' }).getByRole('button', { name: '停用账号' }).click();
    await expect.poll(() => page.getByTestId('person-row').count()).toBe(0);
    await page.getByLabel('状态', { exact: true }).selectOption('inactive');
    await page.getByTestId('person-row').filter({ hasText: '已停用' }).waitFor();
    const refused = await loginWith(world.browser, base, 'wuxin', resetOtp);
    await refused.page.getByText('该账号已停用，不能登录。').waitFor();
    await refused.context.close();

    expect(errors).toEqual([]);
    await context.close();
  });

  it('a secretary sees the units and their alliances’ people, may add, but not reset or deactivate', async () => {
    const { context, page } = await loginWith(world.browser, world.server.url, 'secretary', DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: /您好/ }).waitFor();
    expect(await page.getByRole('heading', { name: '系统状态' }).count()).toBe(0);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '人员' }).click();
    await page.getByTestId('person-row').first().waitFor();
    expect(await page.getByRole('button', { name: /^重置密码/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^停用账号/ }).count()).toBe(0);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '成员单位' }).click();
    await page.getByTestId('unit-row').first().waitFor();
    expect(await page.getByRole('button', { name: /^编辑/ }).count()).toBe(0);
    await page.getByText('新增单位').waitFor();
    await noViolations(page);
    await context.close();
  });

  for (const locale of ['zh-CN', 'en'] as const) {
    for (const width of [1440, 390]) {
      it(`units, people and the password change in ${locale} at ${width} px, accessible`, async () => {
        const base = world.server.url;
        const zh = locale === 'zh-CN';
        const { context, page } = await loginWith(world.browser, base, 'admin', DEMO_PASSWORD, locale, width);
        await page.getByRole('heading', { level: 1, name: zh ? /您好/ : /Hello/ }).waitFor();
        await page.goto(`${base}/admin/units`);
        await page.getByTestId('unit-row').first().waitFor();
        await noViolations(page);
        await page.screenshot({ path: screenshotPath(`setup-units-${locale}-${width}`), fullPage: true });

        await page.goto(`${base}/admin/people`);
        await page.getByTestId('person-row').first().waitFor();
        await page.getByText(zh ? '新增人员' : 'Add a person').click();
        await noViolations(page);
        await page.screenshot({ path: screenshotPath(`setup-people-${locale}-${width}`), fullPage: true });
        if (width === 390) {
          await page.getByTestId('person-row').first().scrollIntoViewIfNeeded();
          await page.screenshot({ path: screenshotPath(`setup-people-list-${locale}-${width}`) });
        }
        await context.close();

        // Someone with a one-time password, as after a reset.
        const admin = await api(base, 'admin');
        const login = `otp-${locale.toLowerCase()}-${width}`;
        const created = await admin('POST', '/users', { name: zh ? '郑一' : 'Zheng Yi', login });
        const person = await loginWith(world.browser, base, login, created.oneTimePassword, locale, width);
        await person.page
          .getByRole('heading', {
            level: 1,
            name: zh ? '请先修改初始密码' : 'Please change your one-time password first',
          })
          .waitFor();
        await person.page.getByRole('button', { name: zh ? '修改密码' : 'Change password' }).click();
        await person.page
          .getByText(zh ? '请填写此项。' : 'Please fill this in.')
          .first()
          .waitFor();
        await noViolations(person.page);
        await person.page.screenshot({
          path: screenshotPath(`setup-change-password-${locale}-${width}`),
          fullPage: true,
        });
        await person.context.close();
      });
    }
  }
});
