import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshotPath } from './support/browser.js';
import { e2eWorld } from './support/server.js';
import { agendaTitles, downloadMinutes } from './support/screens.js';
import { loginInBrowser } from './support/session.js';

// The "done when", in two browser windows and nothing but the UI: the secretary (孙丽) and
// the representative of 和平街道党工委 (王建华, rep1) prepare the seeded upcoming meeting, hold it in
// the live room, publish and download its minutes, and follow up the action item it assigned.
// No REST calls, no sockets and no database access from Node: only clicks and typing.

const MEETING = '第二次联席会议：背街小巷环境整治';
const AGENDA = ['通报上次会议督办事项进展', '审议背街小巷环境整治方案'];
const DECISION = '关于背街小巷环境整治的决议';
const SEC_TEXT = '一、各成员单位按职责分工推进背街小巷环境整治。';
const REP_TEXT = '二、和平街道党工委牵头，每月通报整治进展。';
const ITEM = '背街小巷环境整治第一阶段';
const REPORT = '已完成第一批12条背街小巷的问题摸排，建立问题台账。';
const LEAD = '和平街道党工委';
// The convener (和平里社区党委) and two more units are recorded present by the secretary (代签).
const ON_BEHALF = ['和平里社区党委', '青年湖社区党委', '地坛社区党委'];

const room = (page: Page) => page.getByTestId('room');
const vote = (page: Page) => page.getByTestId('vote').first();
const decisionEditor = (page: Page) => page.getByRole('textbox', { name: '决议正文' });
const minutesEditor = (page: Page) => page.getByRole('textbox', { name: '纪要正文' });
const shot = (page: Page, name: string) => page.screenshot({ path: screenshotPath(`full-${name}`), fullPage: true });

describe('a complete joint meeting, in two browser windows, through the UI only', () => {
  const world = e2eWorld();

  it(
    'check-in, agenda, co-drafted decision, vote, action item, minutes published and downloaded, progress reported',
    {
      timeout: 120_000,
    },
    async () => {
      const started = Date.now();
      const contexts: BrowserContext[] = [];
      try {
        const sec = await loginInBrowser(world.browser, world.server.url, 'secretary');
        contexts.push(sec.context);
        const rep = await loginInBrowser(world.browser, world.server.url, 'rep1');
        contexts.push(rep.context);

        // ── Before the meeting: both open it from their workbench; the secretary builds the agenda.
        for (const p of [sec.page, rep.page]) {
          await p.getByRole('link', { name: MEETING }).first().click();
          await p.getByRole('heading', { level: 1, name: MEETING }).waitFor();
          await p.getByRole('heading', { name: '议程' }).waitFor();
        }
        for (const title of AGENDA) {
          await sec.page.getByLabel('添加议题').fill(title);
          await sec.page.getByRole('spinbutton', { name: '时长（分钟）' }).last().fill('30');
          await sec.page.getByRole('button', { name: '添加议题' }).click();
        }
        // The representative's open page follows live.
        await expect.poll(() => agendaTitles(rep.page)).toEqual(AGENDA);

        // ── The secretary starts a decision draft; both co-edit it and each sees the other's text.
        await sec.page.getByLabel('新建决议草案').fill(DECISION);
        await sec.page.getByRole('button', { name: '创建', exact: true }).click();
        await sec.page.getByRole('link', { name: DECISION }).click();
        await decisionEditor(sec.page).waitFor();
        await rep.page.getByRole('link', { name: DECISION }).click();
        await decisionEditor(rep.page).waitFor();

        await decisionEditor(sec.page).click();
        await sec.page.keyboard.type(SEC_TEXT);
        await expect.poll(() => decisionEditor(rep.page).textContent(), { timeout: 15_000 }).toContain(SEC_TEXT);
        await decisionEditor(rep.page).click();
        await rep.page.keyboard.press('End');
        await rep.page.keyboard.press('Enter');
        await rep.page.keyboard.type(REP_TEXT);
        await expect.poll(() => decisionEditor(sec.page).textContent(), { timeout: 15_000 }).toContain(REP_TEXT);
        await sec.page.locator('.collab-caret-label', { hasText: `王建华 · ${LEAD}` }).waitFor();
        await shot(sec.page, 'decision-zh-CN-1440');

        // ── Both go back to the meeting and enter the room.
        for (const p of [sec.page, rep.page]) {
          await p.getByRole('link', { name: '返回会议' }).click();
          await p.getByRole('link', { name: '进入会议室' }).click();
          await room(p).waitFor();
          expect(new URL(p.url()).pathname).toMatch(/^\/meetings\/[0-9a-f]{24}\/live$/);
        }

        // ── Check-in: rep1 for their unit; the secretary records three more units present, to quorum.
        await rep.page.getByRole('button', { name: `为${LEAD}签到` }).click();
        await expect.poll(() => sec.page.getByTestId('quorum').textContent()).toContain('未达到法定人数，还差 3');
        for (const unit of ON_BEHALF) {
          await sec.page.getByRole('button', { name: `代签：${unit}` }).click();
          await expect.poll(() => sec.page.locator(`[data-unit="${unit}"]`).textContent()).toContain('孙丽 代签');
        }
        for (const p of [sec.page, rep.page]) {
          await expect.poll(() => p.getByTestId('quorum').textContent()).toContain('已达到法定人数');
          await expect.poll(() => p.getByTestId('quorum').textContent()).toContain('已到 4 / 应到 8，法定人数 4');
        }

        // ── The secretary starts the meeting and takes up the item the decision answers.
        expect(await rep.page.getByRole('button', { name: '开始会议' }).count()).toBe(0);
        await sec.page.getByRole('button', { name: '开始会议' }).click();
        for (const p of [sec.page, rep.page]) {
          await expect.poll(() => p.getByTestId('meeting-status').textContent()).toBe('进行中');
        }
        await sec.page.getByRole('button', { name: `将“${AGENDA[1]}”设为当前议题` }).click();
        for (const p of [sec.page, rep.page]) {
          await expect.poll(() => p.getByTestId('current-item').textContent()).toContain(AGENDA[1]);
          await p.getByTestId('item-timer').waitFor();
        }

        // ── The co-drafted text is in the room; the secretary freezes it and puts version 1 to the vote.
        for (const p of [sec.page, rep.page]) {
          await expect
            .poll(() => p.getByTestId('room-decision').getByRole('textbox', { name: '决议正文' }).textContent(), {
              timeout: 15_000,
            })
            .toContain(REP_TEXT);
        }
        expect(await sec.page.getByTestId('room-decision').locator('.room-decision-title').textContent()).toBe(
          DECISION,
        );
        await sec.page.getByTestId('room-decision').getByRole('button', { name: '定稿为新版本' }).click();
        await sec.page.getByText('已定稿为第 1 版。').waitFor();
        await sec.page.locator('summary', { hasText: '发起表决' }).click();
        const form = sec.page.locator('.room-open-vote form');
        await form.getByLabel('定稿版本').waitFor();
        await expect.poll(() => form.getByLabel('定稿版本').locator('option').count()).toBe(1);
        expect(await form.getByLabel('表决的决议').locator('option:checked').textContent()).toBe(DECISION);
        await form.getByRole('button', { name: '发起表决' }).click();
        await vote(rep.page).waitFor();
        await vote(rep.page).getByText('第 1 版', { exact: true }).waitFor();

        // ── rep1 votes for the unit through the confirmation step and gets a receipt.
        const card = vote(rep.page);
        await card.getByRole('button', { name: '选择“同意”' }).click();
        const confirm = card.getByRole('group', { name: '请确认您的选择' });
        await confirm.waitFor();
        expect(await confirm.textContent()).toContain(`以“${LEAD}”名义`);
        expect(await confirm.getByTestId('confirm-choice').textContent()).toBe('同意');
        await shot(rep.page, 'vote-confirm-zh-CN-1440');
        await confirm.getByRole('button', { name: '确认投“同意”' }).click();
        const receipt = card.getByTestId('receipt');
        await receipt.waitFor();
        expect(await receipt.textContent()).toBe('已记录“同意”。');
        await expect.poll(() => sec.page.getByTestId('turnout').textContent()).toMatch(/^已投 1 \/ 出席 \d+（应到 8）$/);

        // ── The secretary closes the vote; both see it adopted and the rule that decided it.
        await vote(sec.page).getByRole('button', { name: '结束表决' }).click();
        await sec.page.getByRole('dialog', { name: '结束表决？' }).getByRole('button', { name: '确认结束表决' }).click();
        for (const p of [sec.page, rep.page]) {
          const result = vote(p).getByTestId('vote-result');
          await result.waitFor();
          expect(await result.getAttribute('class')).toContain('outcome-adopted');
          expect(await result.textContent()).toContain('通过');
          expect(await result.textContent()).toContain('同意 1，反对 0，弃权 0');
          await expect
            .poll(() => p.getByTestId('room-decision').textContent(), { timeout: 15_000 })
            .toContain('已通过');
        }

        // ── An action item from the adopted decision, led by rep1's unit.
        await sec.page.getByRole('button', { name: '新建督办事项' }).click();
        const itemForm = sec.page.getByRole('dialog', { name: '新建督办事项' }).getByTestId('action-item-form');
        await expect
          .poll(() => itemForm.getByLabel('依据的决议').locator('option:checked').textContent())
          .toBe(DECISION);
        await itemForm.getByLabel('事项名称', { exact: true }).fill(ITEM);
        await itemForm.getByLabel('牵头单位', { exact: true }).selectOption({ label: LEAD });
        await itemForm.getByRole('checkbox', { name: '区城市管理综合行政执法局' }).check();
        await itemForm.getByLabel('责任人', { exact: true }).fill('王建华');
        await itemForm
          .getByLabel('推进措施', { exact: true })
          .fill('建立问题台账，每周巡查一次，月底前完成第一批整治。');
        await itemForm.getByRole('button', { name: '创建督办事项' }).click();
        await sec.page.getByText(`已创建督办事项“${ITEM}”。`).waitFor();
        for (const p of [sec.page, rep.page]) {
          await expect.poll(() => p.getByTestId('action-items').textContent()).toContain(ITEM);
        }
        expect(await rep.page.getByTestId('action-items').textContent()).toContain(`牵头：${LEAD}`);
        await sec.page.locator('.room-editor [data-testid="connection-banner"]').waitFor({ state: 'detached' });
        await shot(sec.page, 'room-zh-CN-1440');

        // ── The secretary closes the meeting (散会), confirmed in a dialog.
        await sec.page.getByRole('button', { name: '宣布散会' }).click();
        await sec.page.getByRole('dialog', { name: '宣布散会' }).getByRole('button', { name: '确认散会' }).click();
        for (const p of [sec.page, rep.page]) {
          await expect.poll(() => p.getByTestId('meeting-status').textContent(), { timeout: 15_000 }).toBe('已散会');
        }

        // ── Both open the minutes from the meeting page; the draft carries what the meeting produced.
        for (const p of [sec.page, rep.page]) {
          await p.getByRole('link', { name: '返回会议详情' }).click();
          await p.getByRole('heading', { level: 1, name: MEETING }).waitFor();
          // The meeting screen knows at once what the room did: no stale "scheduled" in between.
          expect(await p.locator('dl.facts .status').textContent()).toBe('已散会');
          await p.getByRole('link', { name: '会议纪要' }).click();
          await minutesEditor(p).waitFor();
          await expect.poll(() => minutesEditor(p).textContent(), { timeout: 15_000 }).toContain('一、会议议题');
        }
        const draft = (await minutesEditor(sec.page).textContent()) ?? '';
        for (const part of [
          SEC_TEXT,
          REP_TEXT,
          '实到4个',
          '由孙丽代为签到',
          AGENDA[1]!,
          '同意1票，反对0票，弃权0票',
          '表决结果：通过',
          ITEM,
          `牵头单位：${LEAD}`,
          '区城市管理综合行政执法局',
        ]) {
          expect(draft).toContain(part);
        }
        expect(await sec.page.getByTestId('minutes-status').textContent()).toBe('草稿');

        // ── rep1 confirms for the unit; the secretary sees it without reloading.
        await rep.page.getByText(`代表 ${LEAD}`).waitFor();
        await rep.page.getByLabel('确认纪要内容无误').check();
        await rep.page.getByRole('button', { name: '提交' }).click();
        await rep.page.getByRole('status').filter({ hasText: '已提交' }).waitFor();
        const secRow = sec.page.locator('.minutes-unit', { hasText: LEAD });
        await expect.poll(() => secRow.getAttribute('data-state'), { timeout: 15_000 }).toBe('confirmed');
        expect(await sec.page.getByTestId('minutes-progress').textContent()).toBe('已确认 1/8 个单位');

        // ── The secretary publishes; both see it published and locked.
        await sec.page.getByRole('button', { name: '发布纪要…' }).click();
        await sec.page.getByRole('button', { name: '确认发布' }).click();
        for (const p of [sec.page, rep.page]) {
          await p.getByTestId('minutes-status').filter({ hasText: '已发布' }).waitFor({ timeout: 15_000 });
          await expect.poll(() => minutesEditor(p).getAttribute('contenteditable')).toBe('false');
          await minutesEditor(p).click();
          await p.keyboard.type('发布后不应出现的文字');
        }
        for (const p of [sec.page, rep.page]) {
          expect(await minutesEditor(p).textContent()).toBe(draft);
          expect(await p.getByRole('button', { name: '提交' }).count()).toBe(0);
          expect(await p.getByRole('button', { name: '发布纪要…' }).count()).toBe(0);
        }
        await shot(sec.page, 'minutes-published-zh-CN-1440');

        // ── The secretary downloads the record as DOCX, PDF and Markdown.
        // The record is named for the meeting's number: 第N次联席会议纪要.
        const md = await downloadMinutes(sec.page, '第[一二三四五六七八九十]+次联席会议纪要');
        expect(md).toContain(SEC_TEXT);
        expect(md).toContain(ITEM);

        // ── Follow-up: the secretary opens the item from the alliance's ledger and watches it;
        // rep1 opens it from the workbench (my unit's items) and reports progress.
        await sec.page.getByRole('link', { name: '返回会议' }).click();
        await sec.page.getByRole('link', { name: '返回联合体' }).click();
        const ledger = sec.page.locator('section', { has: sec.page.getByRole('heading', { name: '工作台账' }) });
        await ledger.getByRole('link', { name: ITEM }).click();
        await sec.page.getByRole('heading', { level: 1, name: ITEM }).waitFor();

        await rep.page.getByRole('link', { name: '工作台' }).click();
        const mine = rep.page.getByTestId('my-unit-items');
        await mine.getByRole('link', { name: ITEM }).click();
        await rep.page.getByRole('heading', { level: 1, name: ITEM }).waitFor();
        await rep.page.getByLabel('本阶段推进情况').fill(REPORT);
        await rep.page.getByLabel('完成进度（%）').fill('30');
        await rep.page.getByRole('button', { name: '报送', exact: true }).click();
        await rep.page.getByRole('status').filter({ hasText: '推进情况已报送。' }).waitFor();
        await rep.page.getByTestId('progress-timeline').getByText(REPORT).waitFor();

        // The secretary's open page follows live.
        await sec.page.getByTestId('progress-timeline').getByText(REPORT).waitFor({ timeout: 15_000 });
        await expect.poll(() => sec.page.locator('.ai-headline .ai-status').textContent()).toBe('进行中');
        await shot(sec.page, 'action-item-zh-CN-1440');

        console.log(`full meeting took ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } finally {
        for (const c of contexts) await c.close().catch(() => undefined);
      }
    },
  );
});
