import fs from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshotPath } from './support/browser.js';
import { e2eWorld } from './support/server.js';
import { loginInBrowser } from './support/session.js';

const ALLIANCE = '和平街道区域化党建大工委';
const UPCOMING = '第二次联席会议：背街小巷环境整治';
const ITEM = '设立加装电梯政策咨询窗口';

/** Nothing spills sideways on a phone. */
const spilling = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => `${e.tagName}.${e.className}`),
  );

const statusChip = (page: Page) => page.locator('.ai-headline .ai-status');

describe('action items (督办事项) and the work ledger (工作台账) in the browser', () => {
  const world = e2eWorld();
  let itemUrl = '';

  it('the lead unit reports progress and hands the work in; the secretary verifies and closes it; the ledger and its CSV show it closed', async () => {
    const sec = await loginInBrowser(world.browser, world.server.url, 'secretary');
    // The secretary assigns the item through REST, as after a meeting.
    const api = sec.page.request;
    const me = await (await api.get(`${world.server.url}/api/me`)).json();
    const allianceId = me.alliances[0].id as string;
    const alliance = await (await api.get(`${world.server.url}/api/alliances/${allianceId}`)).json();
    const unitId = (name: string) =>
      (alliance.memberships as { unit: { id: string; name: string } }[]).find((m) => m.unit.name === name)!.unit.id;
    const past = await (await api.get(`${world.server.url}/api/alliances/${allianceId}/meetings?when=past`)).json();
    const created = await api.post(`${world.server.url}/api/alliances/${allianceId}/action-items`, {
      // A cookie-carrying write must say where it comes from, as a browser's fetch does.
      headers: { origin: world.server.url },
      data: {
        title: ITEM,
        description: '在社区党群服务站设立窗口，集中解答居民关于加装电梯的政策和流程问题。',
        leadUnit: unitId('和平里社区党委'),
        cooperatingUnits: [unitId('区住房和城乡建设局')],
        responsiblePerson: '李秀英',
        measures: '每周二、四下午住建局派员坐班；印发一次性告知单。',
        dueDate: '2099-06-30',
        meetingId: past.items[0].id,
      },
    });
    expect(created.status()).toBe(201);
    const itemId = (await created.json()).id as string;
    itemUrl = `/action-items/${itemId}`;

    // rep2 represents the lead unit (和平里社区党委). Their workbench lists the unit's open work,
    // overdue first, then by deadline.
    const lead = await loginInBrowser(world.browser, world.server.url, 'rep2');
    const mine = lead.page.getByTestId('my-unit-items');
    await mine.getByRole('link', { name: ITEM }).waitFor();
    const rows = await mine.locator('li').evaluateAll((lis) =>
      lis.map((li) => ({
        title: li.querySelector('.ai-card-title')?.textContent ?? '',
        overdue: li.querySelector('.ai-overdue') !== null,
      })),
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows[0]!.overdue).toBe(true);
    const firstOnTime = rows.findIndex((r) => !r.overdue);
    expect(rows.slice(firstOnTime).every((r) => !r.overdue)).toBe(true);
    expect(rows.at(-1)!.title).toBe(ITEM); // due in 2099: last

    // The secretary watches the item while the lead unit works on it.
    await sec.page.goto(`${world.server.url}${itemUrl}`);
    await sec.page.getByRole('heading', { level: 1, name: ITEM }).waitFor();
    expect(await sec.page.getByRole('button', { name: '验收并销号' }).count()).toBe(0);

    await mine.getByRole('link', { name: ITEM }).click();
    await lead.page.getByRole('heading', { level: 1, name: ITEM }).waitFor();
    // The form is checked with the server's schema before anything is sent.
    await lead.page.getByRole('button', { name: '报送', exact: true }).click();
    await lead.page.getByText('请填写推进情况。').waitFor();
    await lead.page.getByLabel('本阶段推进情况').fill('窗口已在和平里社区党群服务站挂牌，本周接待居民咨询 23 人次。');
    await lead.page.getByLabel('完成进度（%）').fill('150');
    await lead.page.getByRole('button', { name: '报送', exact: true }).click();
    await lead.page.getByText('完成进度应为 0 到 100 之间的整数。').waitFor();
    await lead.page.getByLabel('完成进度（%）').fill('100');
    await lead.page.getByRole('button', { name: '报送', exact: true }).click();
    await lead.page.getByRole('status').filter({ hasText: '推进情况已报送。' }).waitFor();
    await lead.page.getByTestId('progress-timeline').getByText('本周接待居民咨询 23 人次').waitFor();
    await expect.poll(() => statusChip(lead.page).textContent(), { timeout: 15_000 }).toBe('进行中');

    // The unit that did the work hands it in; it cannot sign it off itself.
    await lead.page.getByRole('button', { name: '提请验收' }).click();
    await expect.poll(() => statusChip(lead.page).textContent(), { timeout: 15_000 }).toBe('已完成待验收');
    expect(await lead.page.getByRole('button', { name: '验收并销号' }).count()).toBe(0);
    await lead.page.getByText('等待秘书或召集单位验收销号').waitFor();

    // The secretary's open page follows live: the report and the hand-in arrive without a reload.
    await expect.poll(() => statusChip(sec.page).textContent(), { timeout: 15_000 }).toBe('已完成待验收');
    await sec.page.getByTestId('progress-timeline').getByText('本周接待居民咨询 23 人次').waitFor();
    await sec.page.getByLabel('办理意见（可选）').fill('窗口运行正常，资料齐全，同意销号。');
    await sec.page.getByRole('button', { name: '验收并销号' }).click();
    // 销号 cannot be undone: it is confirmed in a dialog first.
    const verify = sec.page.getByRole('dialog', { name: '验收并销号' });
    await verify.getByRole('button', { name: '确认销号' }).click();
    await expect.poll(() => statusChip(sec.page).textContent(), { timeout: 15_000 }).toBe('已销号');
    await expect.poll(() => statusChip(lead.page).textContent(), { timeout: 15_000 }).toBe('已销号');
    // The timeline keeps the steps and the verifier's note, for the lead unit to read too.
    const timeline = lead.page.getByTestId('progress-timeline');
    await timeline.getByText('窗口运行正常，资料齐全，同意销号。').waitFor();
    await timeline.getByText('已验收销号。').waitFor();
    await timeline.getByText('已提请验收。').waitFor();

    // The ledger, filtered by status, shows it closed; the filter lives in the URL.
    await sec.page.goto(`${world.server.url}/alliances/${allianceId}`);
    const ledger = sec.page.locator('section', { has: sec.page.getByRole('heading', { name: '工作台账' }) });
    await ledger.getByTestId('ledger-row').first().waitFor();
    await ledger.getByLabel('状态').selectOption({ label: '已销号' });
    await expect.poll(() => new URL(sec.page.url()).searchParams.get('status')).toBe('closed');
    const closedRow = ledger.getByTestId('ledger-row').filter({ hasText: ITEM });
    await closedRow.waitFor();
    expect(await closedRow.locator('.ai-status').textContent()).toBe('已销号');
    // The previous page stays on screen while the filtered one loads: wait for the filtered rows,
    // which are all closed.
    await expect
      .poll(async () => [...new Set(await ledger.getByTestId('ledger-row').locator('.ai-status').allTextContents())])
      .toEqual(['已销号']);

    // The CSV export carries the same filters.
    const exportLink = ledger.getByRole('link', { name: '导出 CSV' });
    expect(await exportLink.getAttribute('href')).toContain('status=closed');
    const [download] = await Promise.all([sec.page.waitForEvent('download'), exportLink.click()]);
    const csv = await fs.readFile((await download.path())!, 'utf8');
    expect(csv).toContain(ITEM);
    expect(csv).toContain('已销号');
    expect(csv).not.toContain('摸排辖区老旧小区加装电梯意愿'); // still open: filtered out

    // Overdue only, then nothing matches on top of "closed".
    await ledger.getByLabel('只看逾期').check();
    await ledger.getByText('没有符合条件的督办事项。').waitFor();
    await ledger.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => new URL(sec.page.url()).search).toBe('');

    await sec.context.close();
    await lead.context.close();
  });

  it('an earlier item is put on the upcoming meeting’s agenda in one click, and another browser sees it', async () => {
    const sec = await loginInBrowser(world.browser, world.server.url, 'secretary');
    const rep = await loginInBrowser(world.browser, world.server.url, 'rep1', { width: 390 });
    for (const p of [sec.page, rep.page]) {
      await p.getByRole('link', { name: UPCOMING }).first().click();
      await p.getByRole('heading', { name: '上次会议督办事项进展' }).waitFor();
    }
    const earlier = sec.page.getByTestId('earlier-items');
    // Open items of the first meeting, overdue first; closed ones are not listed.
    await earlier.getByRole('link', { name: '摸排辖区老旧小区加装电梯意愿' }).waitFor();
    expect(await earlier.getByRole('link', { name: ITEM }).count()).toBe(0);
    expect(await earlier.getByRole('link', { name: '成立加装电梯工作专班' }).count()).toBe(0);

    const add = earlier.getByRole('button', { name: '列入议程：摸排辖区老旧小区加装电梯意愿' });
    await expect.poll(() => add.isEnabled()).toBe(true);
    await add.click();
    await earlier
      .locator('li', { hasText: '摸排辖区老旧小区加装电梯意愿' })
      .getByRole('button', { name: '已列入议程' })
      .waitFor();

    // The representative's agenda shows it, presented by the lead unit; their button is spent too.
    const agendaItem = rep.page.getByRole('listitem', { name: /督办事项进展：摸排辖区老旧小区加装电梯意愿/ });
    await agendaItem.waitFor();
    const presenter = agendaItem.getByRole('combobox');
    await expect
      .poll(() =>
        presenter.evaluate((s) => (s as unknown as { selectedOptions: { text: string }[] }).selectedOptions[0]?.text),
      )
      .toBe('和平里社区党委');
    await rep.page
      .getByTestId('earlier-items')
      .locator('li', { hasText: '摸排辖区老旧小区加装电梯意愿' })
      .getByRole('button', { name: '已列入议程' })
      .waitFor();
    expect(await spilling(rep.page)).toEqual([]);
    await sec.page.screenshot({ path: screenshotPath('actionitems-meeting-zh-CN-1440'), fullPage: true });
    await rep.page.screenshot({ path: screenshotPath('actionitems-meeting-zh-CN-390'), fullPage: true });
    await sec.context.close();
    await rep.context.close();
  });

  for (const [locale, width] of [
    ['zh-CN', 1440],
    ['zh-CN', 390],
    ['en', 1440],
    ['en', 390],
  ] as const) {
    it(`screens: home, ledger and an action item (${locale}, ${width} px)`, async () => {
      const zh = locale === 'zh-CN';
      const { context, page } = await loginInBrowser(world.browser, world.server.url, 'rep1', { width, locale });
      await page.getByTestId('my-unit-items').locator('li').first().waitFor();
      expect(await spilling(page)).toEqual([]);
      await page.screenshot({ path: screenshotPath(`actionitems-home-${locale}-${width}`), fullPage: true });

      await page.getByRole('link', { name: ALLIANCE }).click();
      await page.getByRole('heading', { name: zh ? '工作台账' : 'Work ledger' }).waitFor();
      await page.getByTestId('ledger-row').first().waitFor();
      expect(await spilling(page)).toEqual([]);
      await page
        .locator('section.ai-ledger')
        .screenshot({ path: screenshotPath(`actionitems-ledger-${locale}-${width}`) });

      await page.getByRole('link', { name: '公示首批加装电梯试点楼栋名单' }).click();
      await page.getByRole('heading', { level: 1, name: '公示首批加装电梯试点楼栋名单' }).waitFor();
      await page.getByTestId('progress-timeline').getByText('试点楼栋初选名单已形成').waitFor();
      await page.getByRole('heading', { name: zh ? '来源会议' : 'Source meeting' }).waitFor();
      await page.getByRole('link', { name: '第一次联席会议：老旧小区加装电梯协调' }).waitFor();
      expect(await spilling(page)).toEqual([]);
      await page.screenshot({ path: screenshotPath(`actionitems-item-${locale}-${width}`), fullPage: true });
      await context.close();
    });
  }

  it('a meeting in session shows on the workbench as a banner that leads to its room, also after its start time', async () => {
    // Starting a meeting is the live room's business (and its own test); here it has simply started on time.
    await world.server.ctx.db.models.Meeting.updateOne(
      { title: UPCOMING },
      { $set: { status: 'in_session', scheduledAt: new Date(Date.now() - 10 * 60_000) } },
    );
    const { context, page } = await loginInBrowser(world.browser, world.server.url, 'rep1');
    const banner = page.locator('.banner', { hasText: `${UPCOMING} 正在进行中` });
    await banner.waitFor();
    await banner.getByRole('link', { name: '进入会议' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/meetings\/[0-9a-f]{24}\/live$/);
    await context.close();
  });
});
