import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { apiSession } from './support/meetingDriver.js';
import { e2eWorld } from './support/server.js';
import { loginInBrowser } from './support/session.js';

const ALLIANCE = '和平街道区域化党建大工委';
const COMMUNITY = '青年湖社区党委';
const WORK_UNIT = '城投建设集团有限公司';
const ACTIVITY = '青年湖东里楼道清理和水电义务检修';
const CANCELLED = '青年湖社区反诈宣传进楼门';
const OPEN = '独居老人家中燃气安全检查';
const SHOTS = '/tmp/shots-h8';
// The server's clock: a Monday morning in the second quarter of 2031, far from any seeded record.
const START = new Date('2031-05-12T01:00:00Z');
const PERIOD = '2031-Q2';

/** Nothing spills sideways on a phone (tables scroll inside their own focusable region). */
const spilling = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter(
        (e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1,
      )
      .map((e) => `${e.tagName}.${e.className}`),
  );

/**
 * The people of a 大工委 in the browser: the secretary fills in the committee (书记 and a 兼职委员 from
 * a resident unit) and it shows on the alliance page; 赵磊 of 城投建设集团 registers with 青年湖社区
 * (双报到); the community publishes a service activity, 赵磊 signs up, the community checks him in
 * with 2 hours; his work unit sees the 2 hours in the quarter.
 */
describe('委员名单 and 双报到 in the browser', () => {
  const world = e2eWorld({ NODE_ENV: 'test', TEST_CLOCK_AT: START.toISOString(), REMINDER_TICK_MS: '0' });
  let allianceId = '';
  let activityUrl = '';
  let workUnitId = '';

  const setClock = async (at: Date) => {
    const base = world.server.url;
    const secretary = await apiSession(base, 'secretary');
    const moved = await fetch(`${base}/api/test/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: base, authorization: `Bearer ${secretary.token}` },
      body: JSON.stringify({ at: at.toISOString() }),
    });
    expect(moved.status).toBe(200);
  };

  it('the secretary edits the committee and sees it on the alliance page', async () => {
    const url = world.server.url;
    const { context, page } = await loginInBrowser(world.browser, url, 'secretary');
    await page.getByRole('link', { name: ALLIANCE }).first().click();
    await page.getByRole('heading', { level: 1, name: ALLIANCE }).waitFor();
    allianceId = new URL(page.url()).pathname.split('/')[2]!;
    const card = page.getByTestId('committee');
    await card.getByRole('heading', { name: '委员名单' }).waitFor();
    await card.getByRole('link', { name: '编辑委员名单' }).click();

    const editor = page.getByTestId('committee-editor');
    await editor.waitFor();
    const before = await editor.getByTestId('committee-row').count();
    // A new row takes the focus on its name; saving it empty names what is missing under each field.
    await editor.getByRole('button', { name: '添加委员' }).click();
    const first = editor.getByTestId('committee-row').nth(before);
    expect(await first.getByLabel('姓名', { exact: true }).evaluate((e) => e === document.activeElement)).toBe(true);
    await editor.getByRole('button', { name: '保存委员名单' }).click();
    await first.getByText('请填写此项。').waitFor();
    await first.getByText('请选择。').waitFor();
    expect(await first.getByLabel('姓名', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    // 书记: the account names the member.
    await first.getByLabel('职务').selectOption({ label: '书记' });
    await first.getByLabel('所在单位').selectOption({ label: '和平街道党工委' });
    await first.getByLabel('账号（可选）').selectOption({ label: '孙丽' });
    expect(await first.getByLabel('姓名', { exact: true }).inputValue()).toBe('孙丽');
    await first.getByLabel('本职（可选）').fill('和平街道党工委书记');
    // 兼职委员 from a resident unit, without an account.
    await editor.getByRole('button', { name: '添加委员' }).click();
    const second = editor.getByTestId('committee-row').nth(before + 1);
    await second.getByLabel('姓名', { exact: true }).fill('刘建国');
    await second.getByLabel('所在单位').selectOption({ label: '区住房和城乡建设局' });
    await second.getByLabel('本职（可选）').fill('区住建局副局长');
    expect(await second.getByLabel('职务').inputValue()).toBe('partTimeMember');
    // Put the 兼职委员 first with the keyboard, then back: the focus stays on the arrow.
    await second.getByRole('button', { name: '上移 刘建国' }).focus();
    await page.keyboard.press('Enter');
    expect(await editor.getByTestId('committee-row').nth(before).getByLabel('姓名', { exact: true }).inputValue()).toBe(
      '刘建国',
    );
    const down = editor.getByRole('button', { name: '下移 刘建国' });
    await down.focus();
    await page.keyboard.press('Enter');
    expect(
      await editor
        .getByTestId('committee-row')
        .nth(before + 1)
        .getByLabel('姓名', { exact: true })
        .inputValue(),
    ).toBe('刘建国');
    // A row added by mistake is removed; the focus stays in the list.
    await editor.getByRole('button', { name: '添加委员' }).click();
    await editor.getByRole('button', { name: '删除 （未填姓名）' }).click();
    expect(await editor.getByTestId('committee-row').count()).toBe(before + 2);
    expect(
      await editor
        .getByTestId('committee-row')
        .nth(before + 1)
        .getByLabel('姓名', { exact: true })
        .evaluate((e) => e === document.activeElement),
    ).toBe(true);
    await editor.getByRole('button', { name: '保存委员名单' }).click();
    await editor.getByRole('status').getByText('已保存。').waitFor();

    await page.getByRole('link', { name: '返回联合体' }).click();
    const shown = page.getByTestId('committee');
    await shown.locator('[data-post="secretary"]', { hasText: '孙丽' }).waitFor();
    expect(await shown.locator('[data-post="secretary"]', { hasText: '孙丽' }).textContent()).toContain(
      '和平街道党工委书记',
    );
    const partTime = shown.locator('[data-post="partTimeMember"]', { hasText: '刘建国' });
    expect(await partTime.textContent()).toContain('区住房和城乡建设局');
    // Grouped in the order of the posts: 书记 before 兼职委员.
    const groups = await shown.locator('h3').allTextContents();
    expect(groups.findIndex((g) => g.startsWith('书记'))).toBeLessThan(
      groups.findIndex((g) => g.startsWith('兼职委员')),
    );
    await context.close();
  }, 180_000);

  it('a member registers with a community; the community publishes an activity; he signs up, is checked in with 2 hours; his work unit sees them', async () => {
    const url = world.server.url;
    // 赵磊 of 城投建设集团 registers with 青年湖社区.
    const member = await loginInBrowser(world.browser, url, 'rep7');
    const mp = member.page;
    await mp.goto(`${url}/alliances/${allianceId}`);
    await mp.getByRole('link', { name: '双报到' }).click();
    await mp.getByRole('heading', { level: 1, name: '双报到' }).waitFor();
    await mp.getByRole('tab', { name: '我的报到' }).click();
    const form = mp.getByTestId('register-form');
    await form.getByRole('button', { name: '报到' }).click();
    await form.getByText('请选择。').waitFor();
    await form.getByLabel('报到社区').selectOption({ label: COMMUNITY });
    await form.getByLabel('特长技能（可选）').fill('水电维修、安全检查');
    await form.getByLabel('联系电话（可选）').fill('13800000007');
    await form.getByRole('button', { name: '报到' }).click();
    const mine = mp.getByTestId('my-registration');
    await mine.getByText(COMMUNITY, { exact: true }).waitFor();
    expect(await mine.textContent()).toContain(`工作单位：${WORK_UNIT}`);
    expect(await mine.textContent()).toContain('水电维修');

    // 张伟 of 青年湖社区 publishes an activity for Wednesday morning.
    const organizer = await loginInBrowser(world.browser, url, 'rep3');
    const op = organizer.page;
    await op.goto(`${url}/alliances/${allianceId}/service`);
    await op.getByRole('button', { name: '发布活动' }).click();
    const dialog = op.getByTestId('activity-form');
    await dialog.getByRole('button', { name: '发布' }).click();
    await dialog.getByText('请填写此项。').first().waitFor();
    expect(await dialog.getByLabel('活动名称').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('活动名称').fill(ACTIVITY);
    await dialog.getByLabel('活动内容（可选）').fill('清理楼道堆物，检查老旧电线和水管，登记需要维修的住户。');
    await dialog.getByLabel('开始时间').fill('2031-05-14T09:00');
    await dialog.getByLabel('地点').fill('青年湖东里 3 号楼');
    await dialog.getByLabel('时长（小时）').fill('2.3');
    await dialog.getByLabel('需要人数').fill('2');
    await dialog.getByLabel('所需技能（可选）').fill('水电维修，体力劳动');
    await dialog.getByRole('button', { name: '发布' }).click();
    await dialog.getByText('请填 0.5 到 24 之间、以 0.5 为单位的小时数。').waitFor();
    await dialog.getByLabel('时长（小时）').fill('3');
    await dialog.getByRole('button', { name: '发布' }).click();
    await op.getByRole('heading', { level: 1, name: ACTIVITY }).waitFor();
    activityUrl = new URL(op.url()).pathname;
    expect(await op.getByText('已报名 0 / 2 人').count()).toBe(1);

    // 赵磊 signs up from the list.
    await mp.getByRole('tab', { name: '服务活动' }).click();
    const card = mp.getByTestId('service-activities').locator('li', { hasText: ACTIVITY });
    await card.getByRole('button', { name: `报名参加：${ACTIVITY}` }).click();
    await card.getByText('已报名', { exact: true }).waitFor();
    await card.getByText('已报名 1 / 2 人').waitFor();
    await card.getByRole('button', { name: `取消报名：${ACTIVITY}` }).waitFor();

    // 报到党员: the community sees him.
    await op.goto(`${url}/alliances/${allianceId}/service?tab=registrations`);
    const table = op.getByTestId('registrations-table');
    await table.getByRole('rowheader', { name: '赵磊' }).waitFor();
    expect(await table.textContent()).toContain(WORK_UNIT);

    // Wednesday, after the start: the organizer checks him in with 2 hours (the field starts at the activity's 3).
    await setClock(new Date('2031-05-14T04:00:00Z'));
    await op.goto(`${url}${activityUrl}`);
    const row = op.getByTestId('signup-row').filter({ hasText: '赵磊' });
    const hours = row.getByLabel('赵磊 的服务时长（小时）');
    expect(await hours.inputValue()).toBe('3');
    await hours.fill('2');
    await row.getByRole('button', { name: '登记时长' }).click();
    await row.getByText('已登记 2 小时').waitFor();
    // 完成活动, confirmed.
    await op.getByRole('button', { name: '完成活动' }).click();
    await op.getByRole('dialog', { name: '确认活动已完成？' }).getByRole('button', { name: '完成活动' }).click();
    await op.getByTestId('activity-status').getByText('已完成').waitFor();

    // His work unit's view: 2 hours in the quarter.
    const me = await apiSession(url, 'rep7');
    workUnitId = (await me.get<{ unit: { id: string } }>('/me')).unit.id;
    await mp.getByRole('tab', { name: '我的报到' }).click();
    await mp.getByTestId('my-hours').getByText('2 小时').waitFor();
    await mp.getByRole('link', { name: '本单位党员服务情况' }).click();
    await mp.getByRole('heading', { level: 1, name: `${WORK_UNIT}党员双报到服务` }).waitFor();
    // The server's current quarter by default.
    await mp.getByTestId('unit-total').getByText('本期服务时长合计：2 小时').waitFor();
    expect(await mp.getByLabel('考核周期').inputValue()).toBe(PERIOD);
    const unitRow = mp.getByTestId('unit-service-table').locator('tbody tr', { hasText: '赵磊' });
    expect((await unitRow.locator('td').allTextContents()).map((s) => s.trim())).toEqual([COMMUNITY, '2', '1']);
    // By month: April had none, May has the 2 hours.
    await mp.getByLabel('周期类型').selectOption({ label: '月度' });
    await expect.poll(() => mp.getByLabel('考核周期').inputValue()).toBe('2031-04');
    await mp.getByText('本期没有本单位党员的服务记录。').waitFor();
    await mp.getByLabel('考核周期').selectOption({ label: '2031年5月' });
    await mp.getByTestId('unit-total').getByText('本期服务时长合计：2 小时').waitFor();

    // Another activity, cancelled with a reason (asked for before it goes).
    await op.goto(`${url}/alliances/${allianceId}/service`);
    await op.getByRole('button', { name: '发布活动' }).click();
    await dialog.getByLabel('活动名称').fill(CANCELLED);
    await dialog.getByLabel('开始时间').fill('2031-05-20T14:30');
    await dialog.getByLabel('地点').fill('青年湖社区党群服务站');
    await dialog.getByRole('button', { name: '发布' }).click();
    await op.getByRole('heading', { level: 1, name: CANCELLED }).waitFor();
    await op.getByRole('button', { name: '取消活动' }).click();
    const confirm = op.getByRole('dialog', { name: '取消这个活动？' });
    await confirm.getByRole('button', { name: '取消活动' }).click();
    await confirm.getByText('请填写取消原因。').waitFor();
    await confirm.getByLabel('取消原因').fill('当天社区有防汛演练，活动改期。');
    await confirm.getByRole('button', { name: '取消活动' }).click();
    await op.getByTestId('activity-status').getByText('已取消').waitFor();

    await member.context.close();
    await organizer.context.close();
  }, 240_000);

  it('every screen in Chinese and English, desktop and phone: no axe A/AA violation, nothing spilling', async () => {
    await fs.mkdir(SHOTS, { recursive: true });
    // An open activity with 赵磊 signed up, as its organizer sees it before checking him in.
    const base = world.server.url;
    const community = (await (await apiSession(base, 'rep3')).get<{ unit: { id: string } }>('/me')).unit.id;
    const open = await (
      await apiSession(base, 'rep3')
    ).post<{ id: string }>(`/alliances/${allianceId}/service/activities`, {
      community,
      title: OPEN,
      description: '为辖区独居老人上门检查燃气灶具和管线。',
      startsAt: '2031-06-02T09:00:00+08:00',
      hours: 2.5,
      place: '青年湖社区各楼门',
      needed: 4,
      skills: ['燃气安全'],
    });
    await (await apiSession(base, 'rep7')).post(`/service/activities/${open.id}/signup`);
    const shoot = async (browser: Browser, login: string, locale: 'zh-CN' | 'en', width: number) => {
      const { context, page } = await loginInBrowser(browser, world.server.url, login, {
        locale,
        width,
        height: 900,
        axe: true,
      });
      const en = locale === 'en';
      const screens: [string, string, string | RegExp, string][] =
        login === 'rep7'
          ? [
              [
                'service-mine',
                `/alliances/${allianceId}/service?tab=mine`,
                en ? 'Community service' : '双报到',
                '[data-testid="my-registration"]',
              ],
              [
                'unit-service',
                `/units/${workUnitId}/service?period=${PERIOD}`,
                en ? /Community service by members/ : /党员双报到服务/,
                '[data-testid="unit-service-table"]',
              ],
            ]
          : [
              ['alliance', `/alliances/${allianceId}`, ALLIANCE, '[data-post="partTimeMember"]'],
              [
                'settings-committee',
                `/alliances/${allianceId}/settings?tab=committee`,
                en ? /Alliance settings/ : /联合体设置/,
                '[data-testid="committee-row"]',
              ],
              [
                'service-activities',
                `/alliances/${allianceId}/service`,
                en ? 'Community service' : '双报到',
                '.service-toolbar',
              ],
              [
                'service-registrations',
                `/alliances/${allianceId}/service?tab=registrations`,
                en ? 'Community service' : '双报到',
                '[data-testid="registrations-table"]',
              ],
              ['activity', activityUrl, ACTIVITY, '[data-testid="signup-row"]'],
              ['activity-open', `/service-activities/${open.id}`, OPEN, '[data-testid="signup-row"] input'],
            ];
      for (const [name, at, heading, ready] of screens) {
        await page.goto(`${world.server.url}${at}`);
        await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
        await page.locator(ready).first().waitFor();
        await page.screenshot({ path: path.join(SHOTS, `${name}-${locale}-${width}.png`), fullPage: true });
        expect(await a11yViolations(page), `${name} ${locale} ${width}`).toEqual([]);
        if (width < 500) expect(await spilling(page), `${name} ${locale} ${width}`).toEqual([]);
      }
      if (login === 'secretary') {
        // The completed activity in the list, then the form to publish one.
        await page.goto(`${world.server.url}/alliances/${allianceId}/service`);
        await page.locator('.service-toolbar select').selectOption('completed');
        await page.getByTestId('service-activities').waitFor();
        await page.screenshot({ path: path.join(SHOTS, `service-completed-${locale}-${width}.png`), fullPage: true });
        expect(await a11yViolations(page), `completed ${locale} ${width}`).toEqual([]);
        await page.getByRole('button', { name: en ? 'Publish an activity' : '发布活动' }).click();
        await page.getByTestId('activity-form').getByRole('heading').waitFor();
        await page
          .getByTestId('activity-form')
          .getByRole('button', { name: en ? 'Publish' : '发布' })
          .click();
        await page.getByTestId('activity-form').locator('.field-error').first().waitFor();
        await page.screenshot({ path: path.join(SHOTS, `activity-form-${locale}-${width}.png`) });
        expect(await a11yViolations(page), `form ${locale} ${width}`).toEqual([]);
      }
      await context.close();
    };
    for (const locale of ['zh-CN', 'en'] as const)
      for (const width of [1440, 390])
        for (const login of ['secretary', 'rep7']) await shoot(world.browser, login, locale, width);
  }, 400_000);
});
