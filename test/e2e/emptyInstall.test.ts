import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { screenshotPath } from './support/browser.js';
import { e2eWorld } from './support/server.js';

// A real installation's first hour, through the browser only: no demo data, no API calls. A
// county business district's 联合党委 — six units, one secretary — sets itself up and schedules
// its first joint meeting.

const ADMIN_LOGIN = 'chief';
const ADMIN_FIRST_PASSWORD = 'first-start-only-2026';
const ADMIN_OWN_PASSWORD = 'chief-own-password-2026';

const UNITS = [
  '城关街道党工委',
  '商务区管委会党组',
  '县市场监管局党组',
  '县税务局党委',
  '联华商厦党支部',
  '新城社区党委',
] as const;

async function open(browser: Browser, base: string, width = 1440) {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    timezoneId: 'Asia/Shanghai',
    locale: 'zh-CN',
    // axe is injected as an inline script, which the app's CSP rightly refuses.
    bypassCSP: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

async function logIn(page: Page, base: string, login: string, password: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

async function changeFirstPassword(page: Page, oneTime: string, own: string) {
  await page.getByRole('heading', { level: 1, name: '请先修改初始密码' }).waitFor();
  await page.getByLabel('一次性密码（当前密码）').fill(oneTime);
  await page.getByLabel('新密码', { exact: true }).fill(own);
  await page.getByLabel('再次输入新密码').fill(own);
  await page.getByRole('button', { name: '修改密码' }).click();
}

async function noViolations(page: Page) {
  expect(await a11yViolations(page)).toEqual([]);
}

const nav = (page: Page) => page.getByRole('navigation', { name: '主导航' });

/** Creates a person for a unit on the people screen; returns the one-time password shown once. */
async function createPerson(page: Page, name: string, login: string, unit: string): Promise<string> {
  await page.getByLabel('姓名', { exact: true }).fill(name);
  await page.getByLabel('登录名', { exact: true }).fill(login);
  await page.getByLabel('所属单位', { exact: true }).selectOption({ label: unit });
  await page.getByRole('button', { name: '创建账号' }).click();
  const shown = page.getByRole('dialog', { name: `已为“${name}”创建账号` });
  await shown.waitFor();
  const otp = (await shown.getByTestId('one-time-password').textContent())!.trim();
  await shown.getByRole('button', { name: '我已记下，关闭' }).click();
  await shown.waitFor({ state: 'hidden' });
  return otp;
}

describe('an empty installation set up in the browser, from the first administrator to meeting 1', () => {
  const world = e2eWorld({
    SEED_DEMO: 'false',
    ADMIN_LOGIN,
    ADMIN_PASSWORD: ADMIN_FIRST_PASSWORD,
    ADMIN_NAME: '县委组织部 王强',
  });
  const oneTime = new Map<string, string>();
  let admin: Awaited<ReturnType<typeof open>>;

  it(
    'the first administrator must change the one-time password before anything else',
    { timeout: 120_000 },
    async () => {
      admin = await open(world.browser, world.server.url);
      const { page } = admin;
      await logIn(page, world.server.url, ADMIN_LOGIN, ADMIN_FIRST_PASSWORD);
      await page.getByRole('heading', { level: 1, name: '请先修改初始密码' }).waitFor();
      // Nothing else opens until it is changed.
      await page.goto(`${world.server.url}/admin/units`);
      await changeFirstPassword(page, ADMIN_FIRST_PASSWORD, ADMIN_OWN_PASSWORD);
      await page.getByRole('heading', { level: 1, name: /您好/ }).waitFor();
      // An empty installation: no alliance yet, and the way to found one.
      await page.getByRole('link', { name: '新建联合体' }).waitFor();
      await page.screenshot({ path: screenshotPath('empty-install-workbench-zh-CN-1440'), fullPage: true });
      await noViolations(page);
    },
  );

  it('creates the six units, a representative for each and a secretary', { timeout: 300_000 }, async () => {
    const { page } = admin;
    await nav(page).getByRole('link', { name: '成员单位' }).click();
    await page.getByRole('heading', { level: 1, name: '成员单位' }).waitFor();
    // With no unit yet, the form is open; it stays open after each unit, ready for the next.
    await page.getByLabel('单位名称', { exact: true }).waitFor();
    for (const [i, name] of UNITS.entries()) {
      await page.getByLabel('单位名称', { exact: true }).fill(name);
      await page
        .getByLabel('单位类型', { exact: true })
        .selectOption(i === 0 ? 'street' : i < 4 ? 'agency' : i === 4 ? 'private_enterprise' : 'community');
      await page.getByLabel('行政层级', { exact: true }).selectOption(i === 5 ? 'community' : 'district');
      await page.getByLabel('所在区域', { exact: true }).fill('城关镇商务区');
      await page.getByRole('button', { name: '创建单位' }).click();
      await page.getByText(`已创建单位“${name}”。`).waitFor();
    }
    await expect.poll(() => page.getByTestId('unit-row').count()).toBe(6);
    await page.screenshot({ path: screenshotPath('empty-install-units-zh-CN-1440'), fullPage: true });

    await nav(page).getByRole('link', { name: '人员' }).click();
    await page.getByRole('heading', { level: 1, name: '人员' }).waitFor();
    // The form stays open after each person, ready for the next.
    await page.getByText('新增人员').click();
    for (const [i, unit] of UNITS.entries()) {
      oneTime.set(`rep${i + 1}`, await createPerson(page, `代表${i + 1}`, `rep${i + 1}`, unit));
    }
    oneTime.set('secretary', await createPerson(page, '李秘书', 'secretary', UNITS[0]));
    await page.getByLabel('搜索姓名或登录名').fill('rep');
    await expect.poll(() => page.getByTestId('person-row').count()).toBe(6);
    await page.screenshot({ path: screenshotPath('empty-install-people-zh-CN-1440'), fullPage: true });
    await noViolations(page);
  });

  it(
    'founds the alliance: lead unit, members with their representatives, secretary, rotation, quorum 2/3, charter',
    { timeout: 300_000 },
    async () => {
      const { page } = admin;
      await page.goto(`${world.server.url}/`);
      await page.getByRole('link', { name: '新建联合体' }).click();
      await page.getByRole('heading', { level: 1, name: '新建联合体' }).waitFor();
      await page.getByLabel('联合体名称').fill('城关镇商务区联合党委');
      await page.getByLabel('类型').selectOption('regional');
      await page.getByLabel('简介').fill('商务区六家单位共商共建，每月召开一次联席会议。');
      for (const unit of UNITS) {
        await page.getByLabel('查找单位').fill(unit.slice(0, 4));
        await page.getByRole('button', { name: `添加 ${unit}` }).click();
      }
      // The first unit chosen leads.
      await expect.poll(() => page.getByLabel(`${UNITS[0]}的角色`).inputValue()).toBe('lead');
      await page.getByRole('button', { name: '创建联合体' }).click();
      await page.getByRole('heading', { level: 1, name: /联合体设置/ }).waitFor();
      await page.getByRole('heading', { level: 2, name: '成员单位与代表' }).waitFor();

      for (const [i, unit] of UNITS.entries()) {
        await page.getByRole('button', { name: `编辑 ${unit}` }).click();
        await page.getByLabel(`代表${i + 1}`, { exact: true }).check();
        await page.getByRole('button', { name: '保存', exact: true }).click();
        await page.getByRole('status').filter({ hasText: '已保存。' }).waitFor();
      }
      await page.screenshot({ path: screenshotPath('empty-install-members-zh-CN-1440'), fullPage: true });

      const sections = page.getByRole('navigation', { name: '设置项目' });
      await sections.getByRole('link', { name: '秘书' }).click();
      await page.getByLabel('所在单位').selectOption({ label: UNITS[0] });
      await page.getByLabel('人员').selectOption({ label: '李秘书' });
      await page.getByRole('button', { name: '添加秘书' }).click();
      await page.getByRole('button', { name: '取消 李秘书 的秘书身份' }).waitFor();

      // The rotation follows the order the units joined: the lead unit convenes first.
      await sections.getByRole('link', { name: '召集轮值' }).click();
      await expect
        .poll(() => page.getByTestId('rotation-order').locator('.rotation-name').allTextContents())
        .toEqual([...UNITS]);

      await sections.getByRole('link', { name: '表决规则' }).click();
      await page.getByLabel('法定人数', { exact: true }).selectOption({ label: '6 个中至少 4 个' });
      await expect.poll(() => page.getByTestId('quorum-line').textContent()).toBe('6 个有表决权的单位中至少 4 个到会');
      await page.getByRole('button', { name: '保存', exact: true }).click();
      await page.getByRole('status').filter({ hasText: '已保存。' }).waitFor();

      await sections.getByRole('link', { name: '章程' }).click();
      await page
        .getByLabel('章程全文')
        .fill('第一条 联合党委每月召开一次联席会议，成员单位轮值召集。\n第二条 重要事项实行一单位一票表决。');
      await page.getByRole('button', { name: '保存章程' }).click();
      await page.getByTestId('charter-version-1').waitFor();
      await noViolations(page);
    },
  );

  it('the secretary schedules meeting 1, and the rotation’s first unit convenes it', { timeout: 180_000 }, async () => {
    const secretary = await open(world.browser, world.server.url, 390);
    const { page } = secretary;
    await logIn(page, world.server.url, 'secretary', oneTime.get('secretary')!);
    await changeFirstPassword(page, oneTime.get('secretary')!, 'li-mishu-own-password');
    await page.getByRole('link', { name: '城关镇商务区联合党委' }).first().click();
    await page.getByRole('heading', { name: '安排会议' }).waitFor();
    await expect
      .poll(() => page.getByLabel('召集单位').locator('option').first().textContent())
      .toBe(`按轮值（${UNITS[0]}）`);
    await page.getByLabel('会议名称').fill('第一次联席会议：商务区停车难问题');
    await page.getByLabel('地点', { exact: true }).fill('城关街道党群服务中心三楼会议室');
    await page.getByRole('button', { name: '创建会议草稿' }).click();
    await page.getByRole('status').filter({ hasText: '已创建第一次联席会议（草稿）' }).waitFor();
    await page.getByRole('link', { name: '第一次联席会议：商务区停车难问题' }).click();
    await page.getByRole('heading', { level: 1, name: '第一次联席会议：商务区停车难问题' }).waitFor();
    const convener = page.locator('dt', { hasText: '召集单位' }).locator('xpath=following-sibling::dd[1]');
    await expect.poll(() => convener.textContent()).toBe(UNITS[0]);
    await page.getByRole('button', { name: '发布会议安排' }).click();
    await page.locator('.status').filter({ hasText: '已安排' }).waitFor();
    await page.screenshot({ path: screenshotPath('empty-install-meeting1-zh-CN-390'), fullPage: true });
    await noViolations(page);
    expect(secretary.errors).toEqual([]);
    expect(admin.errors).toEqual([]);
    await secretary.context.close();
    await admin.context.close();
  });
});
