import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { screenshotPath } from './support/browser.js';
import { e2eWorld } from './support/server.js';
import { DEMO_PASSWORD } from './support/session.js';

type Locale = 'zh-CN' | 'en';

/** REST as a non-browser client, for the actions the log then shows. */
async function api(base: string, login: string) {
  const res = await fetch(`${base}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  const { token } = (await res.json()) as { token: string };
  return async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, body: (await r.json().catch(() => null)) as any };
  };
}

async function signIn(browser: Browser, base: string, login: string, locale: Locale, width: number) {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    // The computer's own zone is not Beijing: the log still says Beijing time.
    timezoneId: 'Europe/Berlin',
    locale: locale === 'en' ? 'en-US' : 'zh-CN',
    // axe is injected as an inline script, which the app's CSP rightly refuses.
    bypassCSP: true,
  });
  const page = await context.newPage();
  if (locale === 'en') await page.addInitScript("localStorage.setItem('tongxin.locale', 'en')");
  await page.goto(`${base}/login`);
  const zh = locale === 'zh-CN';
  await page.getByLabel(zh ? '登录名' : 'Login').fill(login);
  await page.getByLabel(zh ? '密码' : 'Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: zh ? '登录' : 'Log in' }).click();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return { context, page };
}

/** What a reader could take for machine talk: ids, UTC timestamps, JSON, codes such as `meeting.create` or `in_session`. */
function rawBits(text: string): string[] {
  return [
    ...text.matchAll(/[0-9a-f]{24}|\d{4}-\d{2}-\d{2}T\d{2}|[{}]|\b[a-z]+[._][a-zA-Z_]+\b|\b(?:status|action|targetType|after|before)\b/g),
  ].map((m) => m[0]);
}

async function logText(page: Page, name: string): Promise<string> {
  const section = page.getByRole('region', { name }).or(page.locator('section', { has: page.getByRole('heading', { name }) }));
  return (await section.first().innerText()).trim();
}

describe('the audit log reads as prose', () => {
  const world = e2eWorld();

  it('a secretary reads the alliance log: who, which unit, what, on which meeting (a link), Beijing time', async () => {
    const base = world.server.url;
    const secretary = await api(base, 'secretary');
    const allianceId = (await secretary('GET', '/me')).body.alliances[0].id as string;
    const meeting = await secretary('POST', `/alliances/${allianceId}/meetings`, {
      title: '第3次联席会议',
      // 14:00 Beijing time.
      scheduledAt: '2026-12-03T06:00:00.000Z',
      place: '和平街道会议室',
    });
    expect(meeting.status).toBe(201);
    expect((await secretary('PATCH', `/alliances/${allianceId}`, { description: '街道、社区和驻区单位共建共治。' })).status).toBe(200);

    for (const [locale, width] of [
      ['zh-CN', 1440],
      ['zh-CN', 390],
      ['en', 1440],
      ['en', 390],
    ] as const) {
      const zh = locale === 'zh-CN';
      const { context, page } = await signIn(world.browser, base, 'secretary', locale, width);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${base}/alliances/${allianceId}`);
      const title = zh ? '操作记录' : 'Audit log';
      const heading = page.getByRole('heading', { name: title, exact: true });
      await heading.waitFor();
      await heading.scrollIntoViewIfNeeded();
      const link = page.locator('.audit-entry a', { hasText: '第3次联席会议' }).first();
      await link.waitFor();
      expect(await link.getAttribute('href')).toBe(`/meetings/${meeting.body.id}`);

      const text = await logText(page, title);
      if (zh) {
        expect(text).toMatch(/和平街道党工委 孙丽 创建了会议《第3次联席会议》/);
        expect(text).toContain('开会时间：12月3日 14:00');
        expect(text).toContain('时间均为北京时间');
        // Every record the seed's entries name still exists: each is named (述职评议 too), none 已删除.
        expect(text).toMatch(/述职评议《2026年第四季度[^》]+》/);
        expect(text).not.toContain('（已删除）');
        expect(rawBits(text)).toEqual([]);
      } else {
        expect(text).toMatch(/— 孙丽 \(和平街道党工委\) created the meeting “第3次联席会议”/);
        expect(text).toContain('Time: 3 Dec 14:00');
        expect(text.match(/[0-9a-f]{24}|\d{4}-\d{2}-\d{2}T\d{2}|[{}]/g)).toBeNull();
      }
      // The seed's earlier meetings are further back than the first page: the meetings alone show them.
      await page.getByLabel(zh ? '操作类别' : 'Kind of action').selectOption({ label: zh ? '会议' : 'Meetings' });
      await expect
        .poll(async () => logText(page, title))
        .toMatch(zh ? /和平街道党工委 孙丽 发布了会议《[^》]+》的纪要\s+状态：已散会 → 纪要已发布/ : /Status: Closed → Minutes published/);
      if (zh) expect(rawBits(await logText(page, title))).toEqual([]);
      await page.locator('.audit-filters').screenshot({ path: screenshotPath(`audit-filters-${locale}-${width}`) });
      await page.locator('section', { has: heading }).screenshot({ path: screenshotPath(`audit-alliance-${locale}-${width}`) });
      expect(await a11yViolations(page)).toEqual([]);

      if (zh && width === 1440) {
        // By kind of action: only membership changes.
        await page.getByLabel('操作类别').selectOption({ label: '联合体与成员' });
        await expect.poll(async () => (await logText(page, title)).includes('创建了会议')).toBe(false);
        expect(await logText(page, title)).toMatch(/修改了联合体“和平街道区域化党建大工委”的基本信息/);
        // A period that ends before it starts is refused under the field, and nothing changes.
        await page.getByLabel('起始日期').fill('2026-02-01');
        await page.getByLabel('截止日期').fill('2026-01-01');
        await page.getByText('截止日期不能早于起始日期。').waitFor();
        expect(await page.getByLabel('截止日期').getAttribute('aria-invalid')).toBe('true');
        expect(await a11yViolations(page)).toEqual([]);
        await page.locator('.audit-filters').screenshot({ path: screenshotPath('audit-filters-error-zh-CN-1440') });
        // The founding day only (15 January 2026, Beijing time).
        await page.getByLabel('起始日期').fill('2026-01-15');
        await page.getByLabel('截止日期').fill('2026-01-15');
        await expect.poll(async () => (await logText(page, title)).includes('创建了联合体')).toBe(true);
        expect(await logText(page, title)).not.toContain('修改了联合体');
        // Nothing in a period without events: the empty state says so.
        await page.getByLabel('起始日期').fill('2020-01-01');
        await page.getByLabel('截止日期').fill('2020-01-02');
        await page.getByText('没有符合筛选条件的操作记录。').waitFor();
        await page.getByRole('button', { name: '清除筛选' }).click();
        await page.locator('.audit-entry a', { hasText: '第3次联席会议' }).first().waitFor();
        // The link leads to the meeting.
        await page.locator('.audit-entry a', { hasText: '第3次联席会议' }).first().click();
        await page.waitForURL(`**/meetings/${meeting.body.id}`);
      }
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('an administrator reads the system log: units added, a refused login by the login typed', async () => {
    const base = world.server.url;
    const admin = await api(base, 'admin');
    expect((await admin('POST', '/units', { name: '区教育委员会', kind: 'agency', level: 'district' })).status).toBe(201);
    const refused = await fetch(`${base}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'zhangmin', password: 'Wrong-Secret-1' }),
    });
    expect(refused.status).toBe(401);

    for (const [locale, width] of [
      ['zh-CN', 1440],
      ['zh-CN', 390],
      ['en', 1440],
      ['en', 390],
    ] as const) {
      const zh = locale === 'zh-CN';
      const { context, page } = await signIn(world.browser, base, 'admin', locale, width);
      await page.getByRole('navigation').getByRole('link', { name: zh ? '操作记录' : 'Audit log' }).click();
      await page.getByRole('heading', { level: 1, name: zh ? '系统操作记录' : 'System audit log' }).waitFor();
      await page.locator('.audit-entry').first().waitFor();
      const text = await page.locator('main').innerText();
      if (zh) {
        expect(text).toMatch(/系统管理员 新增了单位“区教育委员会”/);
        expect(text).toContain('类型：机关');
        expect(text).toMatch(/登录名“zhangmin” 登录失败/);
        expect(rawBits(text)).toEqual([]);
      } else {
        expect(text).toMatch(/— 系统管理员 added the unit “区教育委员会”/);
        expect(text).toMatch(/— Login “zhangmin” failed to sign in/);
      }
      await page.screenshot({ path: screenshotPath(`audit-system-${locale}-${width}`), fullPage: true });
      expect(await a11yViolations(page)).toEqual([]);
      await context.close();
    }

    // Not for a secretary: the page says so, and the API refuses.
    const { context, page } = await signIn(world.browser, base, 'secretary', 'zh-CN', 1440);
    expect(await page.getByRole('navigation').getByRole('link', { name: '操作记录' }).count()).toBe(0);
    await page.goto(`${base}/admin/audit`);
    await page.getByRole('alert').waitFor();
    expect((await (await api(base, 'secretary'))('GET', '/audit')).status).toBe(403);
    await context.close();
  });
});
