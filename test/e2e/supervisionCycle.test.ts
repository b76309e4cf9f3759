import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshotPath } from './support/browser.js';
import { e2eWorld } from './support/server.js';
import { loginInBrowser } from './support/session.js';

const ITEM = '老旧小区楼道杂物清理';
const FRESH = '社区养老驿站选址论证';
const LEAD_UNIT = '和平里社区党委';

/** Nothing spills sideways on a phone. */
const spilling = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => `${e.tagName}.${e.className}`),
  );

const statusChip = (page: Page) => page.locator('.ai-headline .ai-status');

/**
 * The 督办 cycle in the browser: the lead unit acknowledges (签收) and asks for a later deadline;
 * the secretary approves it and chases the work (催办); hand-in at 0 % is held back with its
 * reason in view, and sending work back (退回整改) is confirmed with its reason.
 */
describe('签收, 延期申请 and 催办 in the browser', () => {
  const world = e2eWorld();
  let allianceId = '';
  let itemId = '';
  let freshId = '';

  /** The secretary assigns an item through REST, as after a meeting. */
  const assign = async (api: APIRequestContext, title: string) => {
    const base = world.server.url;
    const me = await (await api.get(`${base}/api/me`)).json();
    allianceId = me.alliances[0].id as string;
    const alliance = await (await api.get(`${base}/api/alliances/${allianceId}`)).json();
    const unitId = (name: string) =>
      (alliance.memberships as { unit: { id: string; name: string } }[]).find((m) => m.unit.name === name)!.unit.id;
    const created = await api.post(`${base}/api/alliances/${allianceId}/action-items`, {
      headers: { origin: base },
      data: {
        title,
        description: '清理楼道堆放杂物，消除消防隐患。',
        leadUnit: unitId(LEAD_UNIT),
        cooperatingUnits: [unitId('区住房和城乡建设局')],
        responsiblePerson: '李秀英',
        measures: '逐楼栋入户告知，集中清运。',
        dueDate: '2099-06-30',
      },
    });
    expect(created.status()).toBe(201);
    return (await created.json()).id as string;
  };

  it('the lead unit acknowledges and asks for more time; the secretary approves, chases, and sends the work back with a reason', async () => {
    const sec = await loginInBrowser(world.browser, world.server.url, 'secretary');
    itemId = await assign(sec.page.request, ITEM);
    freshId = await assign(sec.page.request, FRESH);
    const itemUrl = `${world.server.url}/action-items/${itemId}`;

    // rep2 speaks for the lead unit (和平里社区党委): the item waits for its 签收.
    const lead = await loginInBrowser(world.browser, world.server.url, 'rep2');
    await lead.page.getByTestId('my-unit-items').getByRole('link', { name: ITEM }).waitFor();
    await lead.page.getByTestId('my-unit-items').locator('li', { hasText: ITEM }).getByText('待签收').waitFor();
    await lead.page.goto(itemUrl);
    const banner = lead.page.getByTestId('ack-banner');
    await banner.getByText(/签收时限：/).waitFor();
    // Nothing reported yet: 提请验收 is there, disabled, with the reason in plain view.
    const submit = lead.page.getByRole('button', { name: '提请验收' });
    expect(await submit.isDisabled()).toBe(true);
    await lead.page.getByText('进度为 0% 时不能提请验收，请先报告推进情况。').waitFor();

    // The secretary sees that it waits, and has no 签收 button.
    await sec.page.goto(itemUrl);
    await sec.page.getByTestId('ack-waiting').waitFor();
    expect(await sec.page.getByRole('button', { name: '签收', exact: true }).count()).toBe(0);

    await banner.getByRole('button', { name: '签收', exact: true }).click();
    await lead.page.getByTestId('ack-done').getByText(/已签收 · .* · 李秀英/).waitFor();
    expect(await lead.page.getByTestId('ack-banner').count()).toBe(0);
    // The secretary's open page follows live.
    await sec.page.getByTestId('ack-done').waitFor();

    // 延期申请: checked before it is sent, errors under the fields.
    const ext = lead.page.getByTestId('extension-requests');
    await ext.getByRole('button', { name: '申请延期' }).click();
    await ext.getByRole('button', { name: '提交申请' }).click();
    await ext.getByText('请选择申请延期至的日期。').waitFor();
    await ext.getByText('请说明申请延期的理由。').waitFor();
    await ext.getByLabel('申请延期至').fill('2099-05-31');
    await ext.getByLabel('申请理由').fill('清运车辆调度紧张，需错峰作业。');
    await ext.getByRole('button', { name: '提交申请' }).click();
    await ext.getByText(/申请的日期须晚于当前完成时限/).waitFor();
    await ext.getByLabel('申请延期至').fill('2099-07-31');
    await ext.getByRole('button', { name: '提交申请' }).click();
    await ext.getByRole('status').filter({ hasText: '延期申请已提交' }).waitFor();
    await ext.getByTestId('extension-pending').getByText('待审批').waitFor();
    expect(await ext.getByRole('button', { name: '申请延期' }).count()).toBe(0);

    // The secretary approves, after a confirmation; the deadline moves and the history keeps the old one.
    const pending = sec.page.getByTestId('extension-pending');
    await pending.getByText('清运车辆调度紧张，需错峰作业。').waitFor();
    await pending.getByLabel('审批意见').fill('同意，请错峰作业注意安全。');
    await pending.getByRole('button', { name: '批准', exact: true }).click();
    await sec.page.getByRole('dialog', { name: '批准延期申请' }).getByRole('button', { name: '确认批准' }).click();
    await sec.page.getByTestId('extension-requests').getByRole('status').filter({ hasText: '已批准' }).waitFor();
    await sec.page.getByTestId('deadline-history').getByText(/清运车辆调度紧张/).waitFor();
    await lead.page.getByTestId('extension-requests').getByText('已批准').waitFor();

    // 催办, with a note; a second one at once is refused with the reason, in the dialog.
    const nudges = sec.page.getByTestId('nudges');
    await nudges.getByRole('button', { name: '催办' }).click();
    const dialog = sec.page.getByRole('dialog', { name: '催办牵头单位' });
    await dialog.getByLabel('催办说明（可选）').fill('请本周五前报送清理进度。');
    await dialog.getByRole('button', { name: '发送催办' }).click();
    await nudges.getByTestId('nudge-count').getByText('已催办 1 次').waitFor();
    await nudges.getByText('请本周五前报送清理进度。').waitFor();
    await nudges.getByRole('button', { name: '催办' }).click();
    await dialog.getByRole('button', { name: '发送催办' }).click();
    await dialog.getByText(/此事项刚催办过，请 \d+ 分钟后再催办/).waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    // The lead unit sees the reminder without reloading.
    await lead.page.getByTestId('nudge-count').getByText('已催办 1 次').waitFor();

    // The lead unit reports and hands in; the secretary sends it back — the reason is required and confirmed.
    await lead.page.getByLabel('本阶段推进情况').fill('已清理 8 个楼栋的楼道杂物。');
    await lead.page.getByLabel('完成进度（%）').fill('100');
    await lead.page.getByRole('button', { name: '报送', exact: true }).click();
    await expect.poll(() => submit.isEnabled(), { timeout: 15_000 }).toBe(true);
    await submit.click();
    await expect.poll(() => statusChip(sec.page).textContent(), { timeout: 15_000 }).toBe('已完成待验收');
    await sec.page.getByRole('button', { name: '退回整改' }).click();
    await sec.page.getByText('退回整改须在办理意见中说明理由。').waitFor();
    await sec.page.getByLabel('办理意见（可选）').fill('3 号楼仍有杂物，请补充清理照片。');
    await sec.page.getByRole('button', { name: '退回整改' }).click();
    const reopen = sec.page.getByRole('dialog', { name: '退回整改' });
    await reopen.getByText('3 号楼仍有杂物，请补充清理照片。').waitFor();
    await reopen.getByRole('button', { name: '确认退回' }).click();
    await expect.poll(() => statusChip(sec.page).textContent(), { timeout: 15_000 }).toBe('进行中');
    await expect.poll(() => statusChip(lead.page).textContent(), { timeout: 15_000 }).toBe('进行中');

    // A new request waits, so the screens below show a pending one.
    const again = await lead.page.request.post(`${world.server.url}/api/action-items/${itemId}/extension-requests`, {
      headers: { origin: world.server.url },
      data: { to: '2099-08-31', reason: '雨季影响清运，再延一个月。' },
    });
    expect(again.status()).toBe(201);

    // The ledger shows the fresh item 待签收.
    await sec.page.goto(`${world.server.url}/alliances/${allianceId}`);
    const row = sec.page.getByTestId('ledger-row').filter({ hasText: FRESH });
    await row.getByTestId('ack-badge').waitFor();
    await sec.context.close();
    await lead.context.close();
  });

  for (const [locale, width] of [
    ['zh-CN', 1440],
    ['zh-CN', 390],
    ['en', 1440],
    ['en', 390],
  ] as const) {
    it(`screens: the cycle on an item page and the setting (${locale}, ${width} px)`, async () => {
      const zh = locale === 'zh-CN';
      const sec = await loginInBrowser(world.browser, world.server.url, 'secretary', { width, locale });
      await sec.page.goto(`${world.server.url}/action-items/${itemId}`);
      await sec.page.getByTestId('extension-pending').getByRole('button', { name: zh ? '批准' : 'Approve', exact: true }).waitFor();
      await sec.page.getByTestId('nudge-count').waitFor();
      expect(await spilling(sec.page)).toEqual([]);
      await sec.page.screenshot({ path: screenshotPath(`cycle-supervisor-${locale}-${width}`), fullPage: true });
      await sec.page.getByTestId('nudges').getByRole('button', { name: zh ? '催办' : 'Send reminder' }).click();
      const dialog = sec.page.getByRole('dialog', { name: zh ? '催办牵头单位' : 'Remind the lead unit' });
      await dialog.waitFor();
      await sec.page.screenshot({ path: screenshotPath(`cycle-nudge-dialog-${locale}-${width}`) });
      await dialog.getByRole('button', { name: zh ? '取消' : 'Cancel' }).click();

      await sec.page.goto(`${world.server.url}/alliances/${allianceId}/settings?tab=basics`);
      await sec.page.getByLabel(zh ? '签收时限（工作日）' : 'Acknowledgement window (working days)').waitFor();
      expect(await spilling(sec.page)).toEqual([]);
      await sec.page.screenshot({ path: screenshotPath(`cycle-settings-${locale}-${width}`), fullPage: true });
      await sec.context.close();

      const lead = await loginInBrowser(world.browser, world.server.url, 'rep2', { width, locale });
      await lead.page.goto(`${world.server.url}/action-items/${freshId}`);
      await lead.page.getByTestId('ack-banner').waitFor();
      await lead.page.getByTestId('submit-blocked').waitFor();
      expect(await spilling(lead.page)).toEqual([]);
      await lead.page.screenshot({ path: screenshotPath(`cycle-lead-${locale}-${width}`), fullPage: true });
      await lead.page.getByRole('button', { name: zh ? '申请延期' : 'Request extension' }).click();
      await lead.page.getByRole('button', { name: zh ? '提交申请' : 'Send request' }).click();
      await lead.page.getByTestId('extension-request-form').locator('.field-error').first().waitFor();
      await lead.page
        .getByTestId('extension-requests')
        .screenshot({ path: screenshotPath(`cycle-request-form-${locale}-${width}`) });
      await lead.context.close();
    });
  }
});
