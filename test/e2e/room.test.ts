import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { screenshotPath } from './support/browser.js';
import { collectData, expectCatalogueOnly, PSEUDO_INIT } from './support/catalogueOnly.js';
import { e2eWorldWithProxy } from './support/server.js';
import { DEMO_PASSWORD, loginInBrowser } from './support/session.js';

const MEETING = '第二次联席会议：背街小巷环境整治';
const AGENDA = ['通报上次会议督办事项进展', '审议背街小巷环境整治方案'];
const DECISION = '关于背街小巷环境整治的决议';
const DECISION_TEXT = '一、各成员单位按职责分工推进背街小巷环境整治。';
const ITEM = '背街小巷环境整治第一阶段';

const room = (page: Page) => page.getByTestId('room');
const vote = (page: Page) => page.getByTestId('vote').first();
/** Nothing spills sideways: the page is no wider than the window. */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function castBallot(page: Page, unit: string, choice: '同意' | '反对' | '弃权', shot?: string) {
  const card = vote(page);
  await card.getByRole('button', { name: `选择“${choice}”` }).click();
  // The confirmation repeats the exact choice, the unit and the version of the text.
  const confirm = card.getByRole('group', { name: '请确认您的选择' });
  await confirm.waitFor();
  expect(await confirm.textContent()).toContain(`以“${unit}”名义`);
  expect(await confirm.getByTestId('confirm-choice').textContent()).toBe(choice);
  // The fingerprint is kept for checking, behind 核验: the whole of it, not on the card.
  expect(await card.getByTestId('vote-hash').getAttribute('data-value')).toMatch(/^[0-9a-f]{64}$/);
  expect(await confirm.textContent()).toMatch(/（第 \d+ 版）/);
  if (shot) await page.screenshot({ path: screenshotPath(shot), fullPage: true });
  await confirm.getByRole('button', { name: `确认投“${choice}”` }).click();
  const receipt = card.getByTestId('receipt');
  await receipt.waitFor();
  expect(await receipt.textContent()).toBe(`已记录“${choice}”。`);
  expect(await card.getByTestId('receipt-number').getAttribute('data-value')).toMatch(/^[0-9a-f]{32}$/);
}

/** Opens the room pseudo-localised as the secretary: any visible text outside ⟦…⟧ that is not data fails. */
async function checkRoomCatalogueOnly(browser: Browser, baseUrl: string, liveUrl: string) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'Asia/Shanghai' });
  await context.addInitScript(PSEUDO_INIT);
  const page = await context.newPage();
  const data = collectData(page);
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('登录名').fill('secretary');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登录/ }).click();
  await page.getByRole('heading', { level: 1, name: /您好/ }).waitFor();
  await page.goto(liveUrl);
  await vote(page).getByTestId('vote-result').waitFor();
  await page.getByTestId('action-items').waitFor();
  // Open the chair's forms so their labels are read too.
  for (const summary of await page.locator('.room summary').all()) await summary.click();
  await page.waitForLoadState('networkidle').catch(() => undefined);
  // Agenda titles and the decision text arrive through Yjs (binary frames): data as well.
  await expectCatalogueOnly(page, data, 'room', [...AGENDA, DECISION_TEXT]);
  await context.close();
}

describe('the live meeting room', () => {
  const world = e2eWorldWithProxy();

  it(
    'check-in to quorum, start, agenda and speakers, a vote on a frozen decision with three ballots, the result everywhere, an action item',
    { timeout: 300_000 },
    async () => {
      const started = Date.now();
      const sec = await loginInBrowser(world.browser, world.server.url, 'secretary', { axe: true });
      const rep1 = await loginInBrowser(world.browser, world.server.url, 'rep1');
      // rep2 goes through a proxy the test can cut; rep3 follows on a phone.
      const rep2 = await loginInBrowser(world.browser, world.proxy.url, 'rep2');
      const rep3 = await loginInBrowser(world.browser, world.server.url, 'rep3', { width: 390 });
      // rep1 also follows in English on a phone, for the screenshots of each state.
      const en390 = await loginInBrowser(world.browser, world.server.url, 'rep1', { width: 390, locale: 'en', axe: true });
      /** No WCAG A/AA violation axe-core finds on either screenshot page, in each state of the room. */
      const accessible = async (state: string) => {
        for (const [name, p] of [
          ['zh-CN-1440', sec.page],
          ['en-390', en390.page],
        ] as const) {
          expect({ state, name, violations: await a11yViolations(p) }).toEqual({ state, name, violations: [] });
        }
      };

      // Before the meeting: the secretary puts two items on the agenda, then enters the room.
      await sec.page.getByRole('link', { name: MEETING }).first().click();
      await sec.page.getByRole('heading', { name: '议程' }).waitFor();
      for (const title of AGENDA) {
        await sec.page.getByLabel('添加议题').fill(title);
        await sec.page.getByRole('spinbutton', { name: '时长（分钟）' }).last().fill('30');
        await sec.page.getByRole('button', { name: '添加议题' }).click();
      }
      await sec.page.getByRole('link', { name: '进入会议室' }).click();
      await room(sec.page).waitFor();
      const liveUrl = sec.page.url();
      expect(liveUrl).toMatch(/\/meetings\/[0-9a-f]{24}\/live$/);

      for (const [p, base] of [
        [rep1.page, world.server.url],
        [rep2.page, world.proxy.url],
        [rep3.page, world.server.url],
        [en390.page, world.server.url],
      ] as const) {
        await p.goto(liveUrl.replace(world.server.url, base));
        await room(p).waitFor();
      }
      // Everyone is listed online with name and unit.
      await expect
        .poll(() => sec.page.getByTestId('online').textContent())
        .toMatch(/王建华 · 和平街道党工委.*李秀英 · 和平里社区党委|李秀英 · 和平里社区党委.*王建华 · 和平街道党工委/);
      await expect.poll(() => sec.page.getByTestId('online-count').textContent()).toBe('4 人在线');

      // Before anyone checks in, the chair's next step is 签到 — not starting without quorum.
      const chairConsole = sec.page.getByTestId('chair-console');
      expect(await chairConsole.locator('[aria-current="step"]').textContent()).toMatch(/^1签到/);
      await chairConsole.getByRole('button', { name: '组织签到' }).waitFor();
      expect(await chairConsole.getByRole('button', { name: /仍要开会/ }).count()).toBe(0);
      expect(await rep1.page.getByTestId('chair-console').count()).toBe(0);
      // On a phone, a representative whose unit has not checked in finds 签到 before the agenda.
      const above = (p: Page, a: string, b: string) =>
        p.evaluate(
          ([x, y]) => document.querySelector(x!)!.getBoundingClientRect().top < document.querySelector(y!)!.getBoundingClientRect().top,
          [a, b],
        );
      expect(await above(rep3.page, '.room-attendance', '.room-agenda')).toBe(true);
      await sec.page.screenshot({ path: screenshotPath('room-before-quorum-zh-CN-1440'), fullPage: true });
      await en390.page.screenshot({ path: screenshotPath('room-before-quorum-en-390'), fullPage: true });
      await accessible('before quorum');

      // Three representatives check in for their units; the secretary records a fourth on its behalf.
      await rep1.page.getByRole('button', { name: '为和平街道党工委签到' }).click();
      await rep2.page.getByRole('button', { name: '为和平里社区党委签到' }).click();
      await rep3.page.getByRole('button', { name: '为青年湖社区党委签到' }).click();
      await expect.poll(() => sec.page.getByTestId('quorum').textContent()).toContain('未达到法定人数，还差 1');
      // Once units have come and quorum is really missing, starting anyway is offered — as a link.
      await chairConsole.getByRole('button', { name: '未达法定人数，仍要开会…' }).waitFor();
      expect(await chairConsole.getByRole('button', { name: '开始会议' }).count()).toBe(0);
      await sec.page.getByRole('button', { name: '代签：地坛社区党委' }).click();
      // 代签 can be undone right where it was done.
      await sec.page.locator('[data-unit="地坛社区党委"]').getByRole('status').filter({ hasText: '已为地坛社区党委代签。' }).waitFor();
      await sec.page.getByRole('button', { name: '撤销刚才为地坛社区党委的代签' }).waitFor();
      expect(await above(rep3.page, '.room-agenda', '.room-attendance')).toBe(true);
      for (const p of [sec.page, rep1.page, rep2.page, rep3.page]) {
        await expect.poll(() => p.getByTestId('quorum').textContent()).toContain('已达到法定人数');
        await expect.poll(() => p.getByTestId('quorum').textContent()).toContain('已到 4 / 应到 8，法定人数 4');
      }
      expect(await sec.page.locator('[data-unit="地坛社区党委"]').textContent()).toContain('孙丽 代签');

      // Only the chair sees the start button, now the one next step; the override link is gone.
      expect(await rep1.page.getByRole('button', { name: '开始会议' }).count()).toBe(0);
      expect(await chairConsole.getByRole('button', { name: /仍要开会/ }).count()).toBe(0);
      expect(await chairConsole.locator('[aria-current="step"]').textContent()).toMatch(/^2开会/);
      await sec.page.getByRole('button', { name: '开始会议' }).click();
      for (const p of [sec.page, rep1.page, rep2.page, rep3.page]) {
        await expect.poll(() => p.getByTestId('meeting-status').textContent()).toBe('进行中');
      }

      // The chair takes up the first agenda item: highlighted and timed everywhere.
      await sec.page.getByRole('button', { name: `将“${AGENDA[0]}”设为当前议题` }).click();
      for (const p of [sec.page, rep1.page, rep3.page]) {
        await expect.poll(() => p.getByTestId('current-item').textContent()).toContain(AGENDA[0]);
        await p.getByTestId('item-timer').waitFor();
      }
      // The timer says the time left, in large type; the plan and time used under it.
      expect(await rep1.page.getByTestId('item-timer').textContent()).toMatch(/^剩余 (29|30):\d\d已用 \d+:\d\d \/ 计划 30 分钟$/);
      expect(await chairConsole.locator('[aria-current="step"]').textContent()).toMatch(/^3议题/);
      expect(await chairConsole.textContent()).toContain(`下一项：${AGENDA[1]}`);
      await sec.page.screenshot({ path: screenshotPath('room-in-session-zh-CN-1440'), fullPage: true });
      await en390.page.screenshot({ path: screenshotPath('room-in-session-en-390'), fullPage: true });
      await accessible('in session');

      // rep2's connection drops: the banner says so; meanwhile the chair moves on; on return the room resyncs.
      await world.proxy.cut();
      await rep2.page.getByTestId('connection-banner').waitFor({ timeout: 15_000 });
      await rep2.page.screenshot({ path: screenshotPath('room-offline-zh-CN-1440') });
      await sec.page.getByRole('button', { name: '进入下一项' }).click();
      await expect.poll(() => sec.page.getByTestId('current-item').textContent()).toContain(AGENDA[1]);
      await world.proxy.restore();
      await rep2.page.getByTestId('connection-banner').waitFor({ state: 'detached', timeout: 20_000 });
      await expect.poll(() => rep2.page.getByTestId('current-item').textContent()).toContain(AGENDA[1]);

      // Speakers: rep2 asks for the floor, the chair gives it with a time box.
      await rep2.page.getByRole('button', { name: '申请发言' }).click();
      await expect.poll(() => sec.page.getByTestId('speaker-queue').textContent()).toContain('李秀英 · 和平里社区党委');
      await sec.page.getByRole('button', { name: '请下一位发言' }).click();
      await expect
        .poll(() => rep1.page.getByTestId('current-speaker').textContent())
        .toContain('李秀英 · 和平里社区党委');
      expect(await rep1.page.getByTestId('current-speaker').textContent()).toMatch(/剩余 \d+:\d\d/);

      // The secretary drafts the decision in the room and freezes it.
      await sec.page.getByLabel('新建决议草案').fill(DECISION);
      await sec.page.getByRole('button', { name: '创建', exact: true }).click();
      const editor = sec.page.getByRole('textbox', { name: '决议正文' });
      await editor.waitFor();
      await editor.click();
      await sec.page.keyboard.type(DECISION_TEXT);
      // The text has reached the server once another participant sees it.
      await expect
        .poll(() => rep1.page.getByRole('textbox', { name: '决议正文' }).textContent(), { timeout: 15_000 })
        .toContain(DECISION_TEXT);
      await sec.page.getByRole('button', { name: '定稿为新版本' }).click();
      await sec.page.getByText('已定稿为第 1 版。').waitFor();

      // The chair opens a vote on version 1; the rule is spelled out before it opens.
      await sec.page.locator('summary', { hasText: '发起表决' }).click();
      const form = sec.page.locator('.room-open-vote form');
      await form.getByLabel('定稿版本').waitFor();
      await expect.poll(() => form.getByLabel('定稿版本').locator('option').count()).toBe(1);
      expect(await form.getByTestId('open-rule').textContent()).toContain('简单多数。同意票多于反对票即通过。');
      await form.getByRole('button', { name: '发起表决' }).click();
      await vote(sec.page).waitFor();

      // Three representatives vote through the confirmation step and get a receipt.
      await castBallot(rep1.page, '和平街道党工委', '同意');
      await castBallot(rep2.page, '和平里社区党委', '同意');
      await castBallot(rep3.page, '青年湖社区党委', '弃权', 'room-vote-confirm-zh-CN-390');
      await expect.poll(() => sec.page.getByTestId('turnout').textContent()).toMatch(/^已投 3 \/ 出席 \d+（应到 8）$/);
      // A second ballot for the same unit is impossible: the buttons are gone after the receipt.
      expect(await vote(rep1.page).getByRole('button', { name: '选择“同意”' }).count()).toBe(0);
      await sec.page.screenshot({ path: screenshotPath('room-voting-zh-CN-1440'), fullPage: true });

      // The chair closes the vote; all four see the result and the rule that decided it.
      await vote(sec.page).getByRole('button', { name: '结束表决' }).click();
      await sec.page.getByRole('dialog', { name: '结束表决？' }).getByRole('button', { name: '确认结束表决' }).click();
      for (const p of [sec.page, rep1.page, rep2.page, rep3.page]) {
        const result = vote(p).getByTestId('vote-result');
        await result.waitFor();
        expect(await result.getAttribute('class')).toContain('outcome-adopted');
        expect(await result.textContent()).toContain('同意 2，反对 0，弃权 1');
        expect(await result.getByTestId('result-rule').textContent()).toBe(
          '依据的规则：简单多数。同意票多于反对票即通过。弃权不计入，既不算赞成也不算反对。',
        );
      }
      await expect.poll(() => rep1.page.getByTestId('room-decision').textContent()).toContain('已通过');

      // The secretary creates an action item from the decision; the shared schema checks the form first.
      // The action-item form needs width: it opens as a dialog, not squeezed into the side column.
      await sec.page.getByRole('button', { name: '新建督办事项' }).click();
      const itemDialog = sec.page.getByRole('dialog', { name: '新建督办事项' });
      const itemForm = itemDialog.getByTestId('action-item-form');
      await itemForm.waitFor();
      expect((await itemForm.boundingBox())!.width).toBeGreaterThan(500);
      expect(await itemForm.getByLabel('依据的决议').locator('option:checked').textContent()).toBe(DECISION);
      await itemForm.getByRole('button', { name: '创建督办事项' }).click();
      await expect.poll(() => itemForm.locator('.field-error').count()).toBeGreaterThanOrEqual(3);
      expect(await itemForm.getByLabel('事项名称', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await itemForm.getByLabel('事项名称', { exact: true }).fill(ITEM);
      await itemForm.getByLabel('牵头单位', { exact: true }).selectOption({ label: '和平街道党工委' });
      await itemForm.getByRole('checkbox', { name: '和平里社区党委' }).check();
      await itemForm.getByRole('checkbox', { name: '区城市管理综合行政执法局' }).check();
      await itemForm.getByLabel('责任人', { exact: true }).fill('王建华');
      await itemForm.getByLabel('推进措施', { exact: true }).fill('建立问题台账，每周巡查一次，月底前完成第一批整治。');
      await itemForm.getByRole('button', { name: '创建督办事项' }).click();
      await sec.page.getByText(`已创建督办事项“${ITEM}”。`).waitFor();
      await itemDialog.waitFor({ state: 'hidden' });
      for (const p of [sec.page, rep1.page, rep3.page]) {
        await expect.poll(() => p.getByTestId('action-items').textContent()).toContain(ITEM);
      }
      expect(await rep1.page.getByTestId('action-items').textContent()).toContain('牵头：和平街道党工委');

      // Screenshots of the room at desktop and phone width, in both languages, once the editor is connected.
      for (const p of [sec.page, rep3.page]) {
        await p.locator('.room-editor [data-testid="connection-banner"]').waitFor({ state: 'detached' });
      }
      await sec.page.screenshot({ path: screenshotPath('room-zh-CN-1440'), fullPage: true });
      await rep3.page.screenshot({ path: screenshotPath('room-zh-CN-390'), fullPage: true });
      expect(await overflow(rep3.page)).toBeLessThanOrEqual(0);
      for (const [width, login] of [[1440, 'secretary']] as const) {
        const en = await loginInBrowser(world.browser, world.server.url, login, { width, locale: 'en' });
        await en.page.goto(liveUrl);
        await room(en.page).waitFor();
        await vote(en.page).getByTestId('vote-result').waitFor();
        await en.page.getByRole('textbox', { name: 'Decision text' }).waitFor();
        await en.page.locator('.room-editor [data-testid="connection-banner"]').waitFor({ state: 'detached' });
        expect(await vote(en.page).getByTestId('result-rule').textContent()).toBe(
          'Decided by the rule: Simple majority. Adopted when there are more votes for than against. Abstentions are not counted: they neither help nor hinder.',
        );
        await en.page.screenshot({ path: screenshotPath(`room-en-${width}`), fullPage: true });
        expect(await overflow(en.page)).toBeLessThanOrEqual(0);
        await en.context.close();
      }

      // Every string the room renders, chair controls included, comes from the catalogue.
      await checkRoomCatalogueOnly(world.browser, world.server.url, liveUrl);

      // The chair closes the meeting (散会), confirmed in a dialog; 暂不散会 keeps it going.
      await sec.page.getByRole('button', { name: '宣布散会' }).click();
      const adjourn = sec.page.getByRole('dialog', { name: '宣布散会' });
      await adjourn.getByRole('button', { name: '暂不散会' }).click();
      await adjourn.waitFor({ state: 'hidden' });
      expect(await rep1.page.getByTestId('meeting-status').textContent()).toBe('进行中');
      await sec.page.getByRole('button', { name: '宣布散会' }).click();
      await adjourn.getByRole('button', { name: '确认散会' }).click();
      for (const p of [sec.page, rep1.page, rep3.page]) {
        // Closing generates the draft minutes first: give it the time a busy machine needs.
        await expect.poll(() => p.getByTestId('meeting-status').textContent(), { timeout: 15_000 }).toBe('已散会');
        // Closed: no timer, nothing 进行中, no chair actions; the way on is to the minutes.
        await p.getByTestId('room-closed').waitFor();
        expect(await p.getByTestId('item-timer').count()).toBe(0);
        expect(await p.getByTestId('current-item').textContent()).toContain('会议已散会，没有进行中的议题。');
        expect(await p.getByTestId('room-agenda').getByText('进行中').count()).toBe(0);
        expect(await p.getByTestId('chair-console').count()).toBe(0);
        expect(await p.locator('summary', { hasText: '发起表决' }).count()).toBe(0);
        expect(await p.getByRole('button', { name: '新建督办事项' }).count()).toBe(0);
        expect(await p.getByRole('button', { name: '申请发言' }).count()).toBe(0);
      }
      expect(await sec.page.getByTestId('room-closed').textContent()).toContain('请整理会议纪要，征求各成员单位确认后签发。');
      expect(await rep1.page.getByTestId('room-closed').textContent()).toContain('会议纪要草稿已生成');
      await rep1.page.getByTestId('room-closed').getByRole('link', { name: '查看会议详情' }).waitFor();
      await en390.page.getByTestId('room-closed').getByText('The meeting is closed').waitFor();
      await sec.page.screenshot({ path: screenshotPath('room-adjourned-zh-CN-1440'), fullPage: true });
      await en390.page.screenshot({ path: screenshotPath('room-adjourned-en-390'), fullPage: true });
      expect(await overflow(en390.page)).toBeLessThanOrEqual(0);
      await accessible('adjourned');
      await sec.page.getByTestId('room-closed').getByRole('link', { name: '前往会议纪要' }).click();
      await sec.page.waitForURL(/\/meetings\/[0-9a-f]{24}\/minutes$/);

      // The workbench asks the secretary to publish (待签发) and each unit to confirm (待确认纪要).
      const minutesPath = new URL(sec.page.url()).pathname;
      for (const p of [sec.page, rep3.page, en390.page]) await p.goto(`${world.server.url}/`);
      const toPublish = sec.page.getByTestId('minutes-to-publish');
      await expect.poll(() => toPublish.textContent(), { timeout: 15_000 }).toContain(MEETING);
      expect(await sec.page.getByTestId('workbench-tasks').textContent()).toMatch(/^待办事项待签发.*已答复 0 \/ 8 个单位/);
      expect(await sec.page.getByTestId('minutes-to-confirm').count()).toBe(0);
      const toConfirm = rep3.page.getByTestId('minutes-to-confirm');
      await expect.poll(() => toConfirm.textContent(), { timeout: 15_000 }).toContain('请代表青年湖社区党委确认或提出意见');
      expect(await rep3.page.getByTestId('minutes-to-publish').count()).toBe(0);
      await en390.page.getByTestId('minutes-to-confirm').getByText('Confirm or comment for 和平街道党工委').waitFor();
      await sec.page.screenshot({ path: screenshotPath('workbench-tasks-zh-CN-1440'), fullPage: true });
      await en390.page.screenshot({ path: screenshotPath('workbench-tasks-en-390'), fullPage: true });
      await accessible('workbench');
      await toConfirm.getByRole('link', { name: `前往纪要：${MEETING}` }).click();
      await rep3.page.waitForURL((url) => url.pathname === minutesPath);

      for (const c of [sec, rep1, rep2, rep3, en390]) await c.context.close();
      console.log(`room scenario took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
  );
});
