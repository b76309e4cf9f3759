import fs from 'node:fs/promises';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { localDate } from '@tongxin/shared';
import { a11yViolations } from './support/a11y.js';
import { screenshotPath } from './support/browser.js';
import { e2eWorld } from './support/server.js';
import { DEMO_PASSWORD } from './support/session.js';

const UPCOMING = '第二次联席会议：背街小巷环境整治';

/** A calendar day `days` from today in Beijing, as the deadlines are written. */
const dayFromToday = (days: number) => localDate(new Date(Date.now() + days * 86_400_000));

/** Nothing spills sideways on a phone. */
const spilling = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => `${e.tagName}.${e.className}`),
  );

/**
 * Logged in through the login form, as `loginInBrowser` does, in a context that lets axe-core be
 * injected (the app's Content-Security-Policy would refuse it).
 */
async function loginInBrowser(
  browser: Browser,
  baseUrl: string,
  login: string,
  opts: { width?: number; locale?: 'zh-CN' | 'en' } = {},
) {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1440, height: 900 },
    timezoneId: 'Asia/Shanghai',
    locale: opts.locale === 'en' ? 'en-US' : 'zh-CN',
    bypassCSP: true,
  });
  const page = await context.newPage();
  if (opts.locale === 'en') await page.addInitScript("localStorage.setItem('tongxin.locale', 'en')");
  await page.goto(`${baseUrl}/login`);
  const zh = opts.locale !== 'en';
  await page.getByLabel(zh ? '登录名' : 'Login').fill(login);
  await page.getByLabel(zh ? '密码' : 'Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: zh ? '登录' : 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: zh ? /您好/ : /Hello/ }).waitFor();
  return { context, page };
}

const noViolations = async (page: Page, screen: string) =>
  expect({ screen, violations: await a11yViolations(page) }).toEqual({ screen, violations: [] });

/**
 * Correcting an action item (督办事项) in the browser: the secretary edits it, extends its deadline
 * (延期) with the old date kept and shown, and deletes one assigned by mistake — which leaves the
 * live room at once; an item with reported progress is cancelled with a reason instead.
 */
describe('correcting action items in the browser', () => {
  const world = e2eWorld();

  /** The secretary's REST helpers, through the browser's own session (cookies and origin). */
  async function secretaryApi(api: APIRequestContext) {
    const url = world.server.url;
    const headers = { origin: url };
    const me = await (await api.get(`${url}/api/me`)).json();
    const allianceId = me.alliances[0].id as string;
    const alliance = await (await api.get(`${url}/api/alliances/${allianceId}`)).json();
    const unitId = (name: string) =>
      (alliance.memberships as { unit: { id: string; name: string } }[]).find((m) => m.unit.name === name)!.unit.id;
    const create = async (title: string, more: Record<string, unknown> = {}) => {
      const res = await api.post(`${url}/api/alliances/${allianceId}/action-items`, {
        headers,
        data: {
          title,
          description: '在社区党群服务站设置宣传栏，公示加装电梯政策、流程和补贴标准。',
          leadUnit: unitId('和平里社区党委'),
          cooperatingUnits: [unitId('区住房和城乡建设局')],
          responsiblePerson: '李秀英',
          measures: '住建局提供政策材料，社区负责制作和更新。',
          dueDate: dayFromToday(20),
          ...more,
        },
      });
      expect(res.status()).toBe(201);
      return (await res.json()).id as string;
    };
    const extend = async (id: string, dueDate: string, reason: string) =>
      expect(
        (await api.post(`${url}/api/action-items/${id}/extend`, { headers, data: { dueDate, reason } })).status(),
      ).toBe(200);
    return { allianceId, unitId, create, extend };
  }

  it('the secretary edits an item and extends its deadline; the lead unit’s open room follows live, the ledger shows the original date', async () => {
    // The upcoming meeting is in session, so the lead unit can watch its room's action items.
    const meeting = await world.server.ctx.db.models.Meeting.findOneAndUpdate(
      { title: UPCOMING },
      { $set: { status: 'in_session', scheduledAt: new Date(Date.now() - 10 * 60_000) } },
    );
    const meetingId = String(meeting!._id);
    const sec = await loginInBrowser(world.browser, world.server.url, 'secretary');
    const api = await secretaryApi(sec.page.request);
    const overdueSince = dayFromToday(-5);
    const itemId = await api.create('设置加装电梯政策宣传栏', { meetingId, dueDate: overdueSince });

    // rep2 speaks for the lead unit (和平里社区党委) and has the room open on a phone.
    const lead = await loginInBrowser(world.browser, world.server.url, 'rep2', { width: 390 });
    await lead.page.goto(`${world.server.url}/meetings/${meetingId}/live`);
    const roomItems = lead.page.getByTestId('action-items');
    await roomItems.getByRole('link', { name: '设置加装电梯政策宣传栏' }).waitFor();

    const page = sec.page;
    await page.goto(`${world.server.url}/action-items/${itemId}`);
    await page.getByRole('heading', { level: 1, name: '设置加装电梯政策宣传栏' }).waitFor();
    await page.locator('.ai-headline .ai-overdue').waitFor();

    // 修改: the form is checked with the shared schema, errors under their fields.
    await page.getByRole('button', { name: '修改', exact: true }).click();
    const form = page.getByTestId('item-edit');
    await form.getByLabel('督办事项').fill('');
    await form.getByRole('button', { name: '保存修改' }).click();
    await form.getByText('此项不能为空。').waitFor();
    await form.getByText('请说明修改原因。').waitFor();
    expect(await form.getByLabel('督办事项').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('督办事项').fill('设置加装电梯政策宣传栏（和平里片区）');
    await form.getByLabel('责任人').fill('王芳');
    await form.getByRole('checkbox', { name: '城投建设集团有限公司' }).check();
    await form.getByLabel('修改原因').fill('会上明确由城投集团配合，责任人调整为社区副书记王芳。');
    await page.screenshot({ path: screenshotPath('aicorrect-edit-zh-CN-1440'), fullPage: true });
    await noViolations(page, 'edit form');
    await form.getByRole('button', { name: '保存修改' }).click();
    await page.getByRole('status').filter({ hasText: '修改已保存。' }).waitFor();
    await page.getByRole('heading', { level: 1, name: '设置加装电梯政策宣传栏（和平里片区）' }).waitFor();
    await page.getByText('区住房和城乡建设局和城投建设集团有限公司').waitFor();
    // The room on the lead unit's phone follows without a reload.
    await roomItems.getByRole('link', { name: '设置加装电梯政策宣传栏（和平里片区）' }).waitFor();
    await roomItems.getByText('责任人：王芳').waitFor();

    // 延期: not earlier than the deadline or today; the reason is required.
    await page.getByRole('button', { name: '延期', exact: true }).click();
    const ext = page.getByTestId('item-extend');
    await ext.getByLabel('新的完成时限').fill(dayFromToday(-1));
    await ext.getByRole('button', { name: '确认延期' }).click();
    await ext.getByText('新的完成时限不能早于今天。').waitFor();
    await ext.getByText('请说明延期原因。').waitFor();
    const newDate = dayFromToday(15);
    await ext.getByLabel('新的完成时限').fill(newDate);
    await ext.getByLabel('延期原因').fill('宣传栏材质需经住建局统一招采，到货推迟。');
    await page.screenshot({ path: screenshotPath('aicorrect-extend-zh-CN-1440'), fullPage: true });
    await noViolations(page, 'extend form');
    await ext.getByRole('button', { name: '确认延期' }).click();
    await page.getByRole('status').filter({ hasText: '已延期至' }).waitFor();
    // The old date stays, in words; overdue is reckoned from the new one.
    const history = page.getByTestId('deadline-history');
    await history.getByText(/^原定 .+，延期至 .+：宣传栏材质需经住建局统一招采，到货推迟。$/).waitFor();
    expect(await page.locator('.ai-headline .ai-overdue').count()).toBe(0);
    // The lead unit's room shows the new deadline, marked as extended, without a reload.
    await roomItems.locator('li', { hasText: '设置加装电梯政策宣传栏' }).getByText('已延期').waitFor();
    expect(await spilling(lead.page)).toEqual([]);
    await lead.page.screenshot({ path: screenshotPath('aicorrect-room-zh-CN-390'), fullPage: true });
    expect(await page.locator('.ai-facts time').first().getAttribute('datetime')).toBe(newDate);
    await page.screenshot({ path: screenshotPath('aicorrect-item-extended-zh-CN-1440'), fullPage: true });
    await noViolations(page, 'extended item');

    // The ledger marks it 已延期 with the original date, and its CSV carries that date too.
    await page.getByRole('link', { name: '返回工作台账' }).click();
    const row = page.getByTestId('ledger-row').filter({ hasText: '设置加装电梯政策宣传栏（和平里片区）' });
    await row.waitFor();
    await row.getByText('已延期').waitFor();
    await row.locator('.ai-original').waitFor();
    await page.locator('section.ai-ledger').screenshot({ path: screenshotPath('aicorrect-ledger-zh-CN-1440') });
    await noViolations(page, 'ledger');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '导出 CSV' }).click(),
    ]);
    const csv = await fs.readFile((await download.path())!, 'utf8');
    expect(csv).toContain('原定完成时限');
    expect(csv).toContain(`${newDate},${overdueSince}`);

    // The lead unit revises its own measures, and may do nothing else of the kind.
    await lead.page.goto(`${world.server.url}/action-items/${itemId}`);
    await lead.page.getByRole('heading', { level: 1, name: '设置加装电梯政策宣传栏（和平里片区）' }).waitFor();
    expect(await lead.page.getByRole('button', { name: '延期', exact: true }).count()).toBe(0);
    expect(await lead.page.getByRole('button', { name: '删除事项' }).count()).toBe(0);
    await lead.page.getByRole('button', { name: '修改', exact: true }).click();
    const leadForm = lead.page.getByTestId('item-edit');
    await leadForm.getByText('牵头单位可以调整推进措施').waitFor();
    expect(await leadForm.getByLabel('督办事项').count()).toBe(0);
    await leadForm.getByLabel('推进措施').fill('住建局提供政策材料；社区每月更新一次，并在居民群同步推送。');
    await leadForm.getByLabel('修改原因').fill('增加线上同步推送。');
    expect(await spilling(lead.page)).toEqual([]);
    await lead.page.screenshot({ path: screenshotPath('aicorrect-edit-lead-zh-CN-390'), fullPage: true });
    await noViolations(lead.page, 'lead unit edit form');
    await leadForm.getByRole('button', { name: '保存修改' }).click();
    await lead.page.getByRole('status').filter({ hasText: '修改已保存。' }).waitFor();
    await lead.page.getByText('并在居民群同步推送').waitFor();
    expect(await spilling(lead.page)).toEqual([]);
    await lead.page.screenshot({ path: screenshotPath('aicorrect-item-extended-zh-CN-390'), fullPage: true });

    await sec.context.close();
    await lead.context.close();
  });

  it('an item assigned by mistake is deleted after a confirmation and leaves the live room; one with reported progress is cancelled with a reason instead', async () => {
    const meeting = await world.server.ctx.db.models.Meeting.findOne({ title: UPCOMING }).lean();
    const meetingId = String(meeting!._id);
    const sec = await loginInBrowser(world.browser, world.server.url, 'secretary');
    const api = await secretaryApi(sec.page.request);
    const mistaken = await api.create('误建：重复交办的宣传栏事项', { meetingId });

    const lead = await loginInBrowser(world.browser, world.server.url, 'rep2', { width: 390 });
    await lead.page.goto(`${world.server.url}/meetings/${meetingId}/live`);
    const roomItems = lead.page.getByTestId('action-items');
    await roomItems.getByRole('link', { name: '误建：重复交办的宣传栏事项' }).waitFor();

    const page = sec.page;
    await page.goto(`${world.server.url}/action-items/${mistaken}`);
    await page.getByRole('heading', { level: 1, name: '误建：重复交办的宣传栏事项' }).waitFor();
    await page.getByRole('button', { name: '删除事项' }).click();
    const dialog = page.getByRole('dialog', { name: '删除督办事项' });
    await dialog.waitFor();
    // The safe choice has the focus; Escape closes without deleting.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent), { timeout: 15_000 })
      .toBe('不删除');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: '删除事项' }).click();
    await dialog.getByText('删除后不能恢复').waitFor();
    await page.screenshot({ path: screenshotPath('aicorrect-delete-zh-CN-1440') });
    await noViolations(page, 'delete dialog');
    await dialog.getByRole('button', { name: '确认删除' }).click();
    // Back on the ledger, which says what was deleted; the room drops it at once.
    await page.getByRole('status').filter({ hasText: '已删除督办事项“误建：重复交办的宣传栏事项”。' }).waitFor();
    await page.getByRole('heading', { name: '工作台账' }).waitFor();
    await expect
      .poll(() => roomItems.getByRole('link', { name: '误建：重复交办的宣传栏事项' }).count(), { timeout: 15_000 })
      .toBe(0);
    expect(await page.getByTestId('ledger-row').filter({ hasText: '误建：重复交办的宣传栏事项' }).count()).toBe(0);

    // Once the lead unit reported progress, deleting is no longer offered: cancel, with a reason.
    const reported = await api.create('整治地坛社区废旧自行车', { meetingId });
    const progress = await lead.page.request.post(`${world.server.url}/api/action-items/${reported}/progress`, {
      headers: { origin: world.server.url },
      data: { text: '已清点废旧自行车 46 辆，张贴认领公告。', percent: 30 },
    });
    expect(progress.status()).toBe(201);
    await page.goto(`${world.server.url}/action-items/${reported}`);
    await page.getByRole('heading', { level: 1, name: '整治地坛社区废旧自行车' }).waitFor();
    await page.getByText('已报送推进情况或已开始办理的事项不能删除').waitFor();
    expect(await page.getByRole('button', { name: '删除事项' }).count()).toBe(0);
    await page.getByRole('button', { name: '取消事项' }).click();
    await page.getByText('取消事项须填写原因。').waitFor();
    await page.getByLabel('办理意见（可选）').fill('该片区纳入全市废旧自行车集中清理行动，不再单独督办。');
    await page.getByRole('button', { name: '取消事项' }).click();
    const confirm = page.getByRole('dialog', { name: '取消督办事项' });
    await confirm.getByText('不再单独督办').waitFor();
    await page.screenshot({ path: screenshotPath('aicorrect-cancel-zh-CN-1440') });
    await noViolations(page, 'cancel dialog');
    await confirm.getByRole('button', { name: '确认取消事项' }).click();
    await expect.poll(() => page.locator('.ai-headline .ai-status').textContent(), { timeout: 15_000 }).toBe('已取消');
    await page.getByTestId('progress-timeline').getByText('不再单独督办').waitFor();
    await expect
      .poll(
        () => roomItems.locator('li', { hasText: '整治地坛社区废旧自行车' }).locator('.status').first().textContent(),
        { timeout: 15_000 },
      )
      .toMatch(/取消/);

    await sec.context.close();
    await lead.context.close();
  });

  for (const [locale, width] of [
    ['zh-CN', 1440],
    ['zh-CN', 390],
    ['en', 1440],
    ['en', 390],
  ] as const) {
    it(`screens: an extended item, its edit and extend forms, the delete confirmation and the ledger (${locale}, ${width} px)`, async () => {
      const zh = locale === 'zh-CN';
      const setup = await loginInBrowser(world.browser, world.server.url, 'secretary');
      const api = await secretaryApi(setup.page.request);
      const title = `更新和平里小区楼道照明（${locale}-${width}）`;
      const id = await api.create(title, { dueDate: dayFromToday(1) });
      await api.extend(id, dayFromToday(2), '灯具型号变更，需重新报价。');
      await setup.context.close();

      const { context, page } = await loginInBrowser(world.browser, world.server.url, 'secretary', { width, locale });
      await page.goto(`${world.server.url}/action-items/${id}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByTestId('deadline-history').getByText('灯具型号变更，需重新报价。', { exact: false }).waitFor();
      expect(await spilling(page)).toEqual([]);
      await page.screenshot({ path: screenshotPath(`aicorrect-item-${locale}-${width}`), fullPage: true });
      await noViolations(page, `item ${locale} ${width}`);

      await page.getByRole('button', { name: zh ? '修改' : 'Edit', exact: true }).click();
      await page.getByTestId('item-edit').waitFor();
      expect(await spilling(page)).toEqual([]);
      await page.getByTestId('item-edit').screenshot({ path: screenshotPath(`aicorrect-editform-${locale}-${width}`) });
      await noViolations(page, `edit ${locale} ${width}`);
      await page.getByRole('button', { name: zh ? '收起' : 'Close', exact: true }).click();

      await page.getByRole('button', { name: zh ? '延期' : 'Extend', exact: true }).click();
      const ext = page.getByTestId('item-extend');
      await ext.getByRole('button', { name: zh ? '确认延期' : 'Extend deadline' }).click();
      await ext.getByText(zh ? '请说明延期原因。' : 'Please give a reason for the extension.').waitFor();
      expect(await spilling(page)).toEqual([]);
      await ext.screenshot({ path: screenshotPath(`aicorrect-extendform-${locale}-${width}`) });
      await noViolations(page, `extend ${locale} ${width}`);

      await page.getByRole('button', { name: zh ? '删除事项' : 'Delete item' }).click();
      await page.getByRole('dialog').waitFor();
      await page.screenshot({ path: screenshotPath(`aicorrect-deletedialog-${locale}-${width}`) });
      await noViolations(page, `delete dialog ${locale} ${width}`);
      await page.keyboard.press('Escape');

      await page.getByRole('link', { name: zh ? '返回工作台账' : 'Back to the work ledger' }).click();
      await page.getByRole('heading', { name: zh ? '工作台账' : 'Work ledger' }).waitFor();
      // Earlier tests added items: narrow the ledger to what is due by then, so this one is on the first page.
      await page.goto(`${page.url()}?dueTo=${dayFromToday(2)}`);
      const row = page.getByTestId('ledger-row').filter({ hasText: title });
      await row.locator('.ai-extended').waitFor();
      expect(await spilling(page)).toEqual([]);
      await page
        .locator('section.ai-ledger')
        .screenshot({ path: screenshotPath(`aicorrect-ledger-${locale}-${width}`) });
      await noViolations(page, `ledger ${locale} ${width}`);
      await context.close();
    });
  }
});
