import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { screenshotPath } from './support/browser.js';
import { apiSession, roomParticipant, type RoomParticipant } from './support/meetingDriver.js';
import { e2eWorld } from './support/server.js';
import { DEMO_PASSWORD } from './support/session.js';

// Correcting decisions and votes (issue #12 §3): a secretary withdraws a draft (撤回) and revises it
// into a new draft (修改后重新表决); in the live room a representative changes their ballot (改投),
// the chair cancels a vote opened by mistake (取消表决), and a rejected decision is revised and
// adopted at a second vote.

const PARKING = '关于设立共享停车位的决议';
const PARKING_TEXT = '一、机关停车场夜间向居民开放。';
const AMENDED = '二、开放时段为每日19时至次日7时。';

const editor = (page: Page) => page.getByRole('textbox', { name: /决议正文|Decision text/ });
const voteCard = (page: Page) => page.getByTestId('vote').first();

/**
 * Logged in through the form, as loginInBrowser does, in a context that lets the axe script in
 * (the app's Content-Security-Policy would refuse it, rightly).
 */
async function login(
  browser: Browser,
  baseUrl: string,
  who: string,
  opts: { width?: number; locale?: 'zh-CN' | 'en' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
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
  await page.getByLabel(zh ? '登录名' : 'Login').fill(who);
  await page.getByLabel(zh ? '密码' : 'Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: zh ? '登录' : 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: zh ? /您好/ : /Hello/ }).waitFor();
  return { context, page };
}

/** No WCAG A/AA violations on what the page shows now. */
async function accessible(page: Page) {
  expect(await a11yViolations(page)).toEqual([]);
}

/** A meeting of the demo alliance in session, with rep2–rep5 checked in (quorum 4 of 8) from Node. */
async function meetingInSession(baseUrl: string, title: string) {
  const secretary = await apiSession(baseUrl, 'secretary');
  const [mine] = (await secretary.get<{ alliances: { id: string }[] }>('/me')).alliances;
  const meeting = await secretary.post<{ id: string }>(`/alliances/${mine!.id}/meetings`, {
    title,
    scheduledAt: new Date(Date.now() + 5 * 60_000).toISOString(),
    durationMinutes: 90,
    place: '和平街道党群服务中心三楼会议室',
  });
  await secretary.post(`/meetings/${meeting.id}/schedule`);
  const reps: RoomParticipant[] = [];
  for (const login of ['rep2', 'rep3', 'rep4', 'rep5']) {
    const rep = await roomParticipant(baseUrl, login);
    await rep.emit('meeting:join', { meetingId: meeting.id });
    await rep.emit('meeting:checkIn', { meetingId: meeting.id });
    reps.push(rep);
  }
  const chair = await roomParticipant(baseUrl, 'secretary');
  await chair.emit('meeting:join', { meetingId: meeting.id });
  await chair.emit('meeting:start', { meetingId: meeting.id });
  return { meetingId: meeting.id, secretary, reps, chair };
}

/** Opens the chair's vote form in the room, sets what `setup` sets, and opens the vote. */
async function openVoteInRoom(page: Page, setup: (form: ReturnType<Page['locator']>) => Promise<void> = async () => {}) {
  const details = page.locator('details.room-open-vote');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
  const form = details.locator('form');
  await form.waitFor();
  await setup(form);
  await form.getByRole('button', { name: '发起表决' }).click();
  await details.locator('form').waitFor({ state: 'detached' });
}

describe('correcting decisions and votes in the browser', () => {
  const world = e2eWorld();
  const state = {} as { meetingId: string; withdrawnId: string; revisedId: string; reps: RoomParticipant[] };

  it('a secretary withdraws a draft with a reason, then revises it into a linked draft that keeps its text', { timeout: 180_000 }, async () => {
    const m = await meetingInSession(world.server.url, '第九次联席会议：停车难治理');
    state.meetingId = m.meetingId;
    state.reps = m.reps;
    m.chair.disconnect();
    const draft = await m.secretary.post<{ id: string }>(`/meetings/${m.meetingId}/decisions`, { title: PARKING });
    state.withdrawnId = draft.id;

    const sec = await login(world.browser, world.server.url, 'secretary');
    await sec.page.goto(`${world.server.url}/decisions/${draft.id}`);
    await editor(sec.page).click();
    await sec.page.keyboard.type(PARKING_TEXT);
    // A representative may edit the draft but not withdraw it: no button for them.
    const rep = await login(world.browser, world.server.url, 'rep2');
    await rep.page.goto(`${world.server.url}/decisions/${draft.id}`);
    await expect.poll(() => editor(rep.page).textContent()).toContain(PARKING_TEXT);
    expect(await rep.page.getByRole('button', { name: '撤回草案' }).count()).toBe(0);

    // Withdrawing asks for a reason: none given is an error under the field, and nothing changes.
    await sec.page.getByRole('button', { name: '撤回草案' }).click();
    const form = sec.page.getByRole('group', { name: '撤回这份决议草案' });
    await form.getByRole('button', { name: '确认撤回' }).click();
    await form.getByText('请填写理由（至少 2 个字）。').waitFor();
    expect(await form.getByLabel('撤回理由').getAttribute('aria-invalid')).toBe('true');
    await accessible(sec.page);
    await sec.page.screenshot({ path: screenshotPath('correction-withdraw-form-zh-CN-1440'), fullPage: true });
    await form.getByLabel('撤回理由').fill('待交通部门评估后再议');
    await form.getByRole('button', { name: '确认撤回' }).click();

    await sec.page.locator('.page-head .status', { hasText: '已撤回' }).waitFor();
    expect(await sec.page.getByTestId('withdrawal').textContent()).toMatch(/孙丽 于 .+ 撤回。理由：待交通部门评估后再议/);
    // The open editor of the representative turns read-only at once, with the reason why.
    await expect.poll(() => editor(rep.page).getAttribute('contenteditable')).toBe('false');
    await rep.page.getByText('该决议草案已撤回，不能再修改').first().waitFor();
    // …and the page itself follows: the status and the reason, without a reload.
    await rep.page.locator('.page-head .status', { hasText: '已撤回' }).waitFor();
    await rep.page.getByTestId('withdrawal').waitFor();
    await accessible(sec.page);
    await sec.page.screenshot({ path: screenshotPath('correction-withdrawn-zh-CN-1440'), fullPage: true });

    // 修改后重新表决: a new draft, linked both ways, that starts from the withdrawn text.
    await sec.page.getByRole('button', { name: '修改后重新表决' }).click();
    await sec.page.getByText('撤回时的草案文本').waitFor();
    await sec.page.getByRole('button', { name: '新建修改稿' }).click();
    await expect.poll(() => sec.page.url()).not.toContain(draft.id);
    state.revisedId = sec.page.url().split('/').at(-1)!;
    await sec.page.locator('.page-head .status', { hasText: '起草中' }).waitFor();
    expect(await sec.page.getByTestId('decision-links').textContent()).toBe(`修改自：《${PARKING}》`);
    await expect.poll(() => editor(sec.page).textContent()).toContain(PARKING_TEXT);
    await editor(sec.page).click();
    await sec.page.keyboard.press('End');
    await sec.page.keyboard.press('Enter');
    await sec.page.keyboard.type(AMENDED);
    await sec.page.getByRole('button', { name: '定稿为新版本' }).click();
    await sec.page.getByTestId('version-1').waitFor();
    expect(await sec.page.getByTestId('version-1').textContent()).toContain(AMENDED);
    await accessible(sec.page);
    await sec.page.screenshot({ path: screenshotPath('correction-revised-zh-CN-1440'), fullPage: true });

    await sec.page.getByRole('link', { name: `《${PARKING}》` }).click();
    await sec.page.getByTestId('decision-links').filter({ hasText: `已修改为：《${PARKING}》` }).waitFor();
    expect(await sec.page.getByRole('button', { name: '修改后重新表决' }).count()).toBe(0);
    await sec.context.close();
    await rep.context.close();
  });

  it('in the room: a ballot changed, a vote cancelled with a reason, a rejected decision revised and adopted', { timeout: 240_000 }, async () => {
    const { meetingId, reps } = state;
    const liveUrl = `${world.server.url}/meetings/${meetingId}/live`;
    const sec = await login(world.browser, world.server.url, 'secretary');
    const rep = await login(world.browser, world.server.url, 'rep2');
    await sec.page.goto(liveUrl);
    await rep.page.goto(liveUrl);
    await sec.page.getByTestId('room').waitFor();
    await rep.page.getByTestId('room').waitFor();

    // The chair opens a named vote that lets voters change their ballot (not the alliance's default).
    await openVoteInRoom(sec.page, async (form) => {
      const change = form.getByRole('checkbox', { name: /允许改投/ });
      expect(await change.isChecked()).toBe(false);
      await change.check();
      // A secret vote cannot allow changes: ticking secret clears and disables it.
      await form.getByRole('checkbox', { name: /无记名投票/ }).check();
      expect(await change.isChecked()).toBe(false);
      expect(await change.isDisabled()).toBe(true);
      await form.getByRole('checkbox', { name: /无记名投票/ }).uncheck();
      await change.check();
      await form.getByLabel('计票显示').selectOption('live');
      await accessible(sec.page);
      await sec.page.screenshot({ path: screenshotPath('correction-vote-open-zh-CN-1440'), fullPage: true });
    });
    await voteCard(rep.page).getByText('可改投').waitFor();

    // rep2 votes for, then changes to against: the last ballot counts.
    const card = voteCard(rep.page);
    await card.getByRole('button', { name: '选择“同意”' }).click();
    await card.getByRole('button', { name: '确认投“同意”' }).click();
    await card.getByTestId('receipt').waitFor();
    await card.getByRole('button', { name: '改投' }).click();
    await card.getByText('改投：请重新选择').waitFor();
    await card.getByRole('button', { name: '选择“反对”' }).click();
    await accessible(rep.page);
    await rep.page.screenshot({ path: screenshotPath('correction-change-ballot-zh-CN-1440'), fullPage: true });
    await card.getByRole('button', { name: '确认改投“反对”' }).click();
    await expect.poll(() => card.getByTestId('receipt').textContent()).toBe('已改投“反对”。');
    await expect.poll(() => voteCard(sec.page).locator('.room-bar.choice-against .room-bar-n').textContent()).toBe('1');
    expect(await voteCard(sec.page).locator('.room-bar.choice-for .room-bar-n').textContent()).toBe('0');

    // The chair cancels it (opened by mistake), with a reason: it counts nothing, everywhere.
    await voteCard(sec.page).getByRole('button', { name: '取消表决' }).click();
    const cancel = sec.page.getByRole('group', { name: '取消这次表决' });
    await cancel.getByRole('button', { name: '确认取消表决' }).click();
    await cancel.getByText('请填写理由（至少 2 个字）。').waitFor();
    await accessible(sec.page);
    await sec.page.screenshot({ path: screenshotPath('correction-cancel-form-zh-CN-1440'), fullPage: true });
    await cancel.getByLabel('取消理由').fill('未宣读表决文本即开始表决');
    await cancel.getByRole('button', { name: '确认取消表决' }).click();
    for (const p of [sec.page, rep.page]) {
      await p.getByTestId('vote-cancelled').waitFor();
      expect(await p.getByTestId('vote-cancelled').textContent()).toMatch(/孙丽 于 .+ 取消了本次表决，理由：未宣读表决文本即开始表决。已投的票不计。/);
      expect(await voteCard(p).locator('.status').textContent()).toBe('已取消');
    }
    // The decision is drafted again: its editor in the room is writable for the chair.
    await expect.poll(() => editor(sec.page).getAttribute('contenteditable'), { timeout: 15_000 }).toBe('true');
    await accessible(rep.page);
    await rep.page.screenshot({ path: screenshotPath('correction-cancelled-zh-CN-1440'), fullPage: true });

    // Put again (same frozen version), it is rejected: two against, one abstains.
    await openVoteInRoom(sec.page);
    await sec.page.waitForFunction(() => document.querySelectorAll('[data-testid="vote"].is-open').length === 1);
    await voteCard(rep.page).getByRole('button', { name: '选择“反对”' }).click();
    await voteCard(rep.page).getByRole('button', { name: '确认投“反对”' }).click();
    await voteCard(rep.page).getByTestId('receipt').waitFor();
    await castFromNode(reps, meetingId, ['against', 'abstain']);
    await voteCard(sec.page).getByRole('button', { name: '结束表决' }).click();
    await sec.page.getByRole('dialog', { name: '结束表决？' }).getByRole('button', { name: '确认结束表决' }).click();
    await voteCard(sec.page).getByTestId('vote-result').filter({ hasText: '未通过' }).waitFor();

    // 修改后重新表决 from the rejected decision: the new draft starts from the version voted on.
    await sec.page.goto(`${world.server.url}/decisions/${state.revisedId}`);
    await sec.page.locator('.page-head .status', { hasText: '未通过' }).waitFor();
    await sec.page.getByRole('button', { name: '修改后重新表决' }).click();
    await sec.page.getByText('最后定稿版本的文本').waitFor();
    await sec.page.getByLabel('新草案标题').fill(`${PARKING}（修改稿）`);
    await sec.page.getByRole('button', { name: '新建修改稿' }).click();
    await sec.page.getByRole('heading', { level: 1, name: `${PARKING}（修改稿）` }).waitFor();
    await expect.poll(() => editor(sec.page).textContent()).toContain(AMENDED);
    await editor(sec.page).click();
    await sec.page.keyboard.press('End');
    await sec.page.keyboard.press('Enter');
    await sec.page.keyboard.type('三、由和平街道党工委负责日常管理。');
    await sec.page.getByRole('button', { name: '定稿为新版本' }).click();
    await sec.page.getByTestId('version-1').waitFor();

    // The re-vote: adopted.
    await sec.page.goto(liveUrl);
    await sec.page.getByTestId('room').waitFor();
    await openVoteInRoom(sec.page);
    await castFromNode(reps, meetingId, ['for', 'for', 'for']);
    await expect.poll(() => voteCard(sec.page).getByTestId('turnout').textContent()).toContain('已投 3');
    await voteCard(sec.page).getByRole('button', { name: '结束表决' }).click();
    await sec.page.getByRole('dialog', { name: '结束表决？' }).getByRole('button', { name: '确认结束表决' }).click();
    await voteCard(sec.page).getByTestId('vote-result').filter({ hasText: '通过' }).waitFor();
    expect(await voteCard(sec.page).getByTestId('vote-result').textContent()).toContain('同意 3，反对 0，弃权 0');
    const decisions = await reps[0]!.api.get<{ items: { title: string; status: string; revises: { title: string } | null }[] }>(
      `/meetings/${meetingId}/decisions`,
    );
    expect(decisions.items.map((d) => [d.title, d.status, d.revises?.title ?? null])).toEqual([
      [PARKING, 'withdrawn', null],
      [PARKING, 'rejected', PARKING],
      [`${PARKING}（修改稿）`, 'adopted', PARKING],
    ]);
    await sec.context.close();
    await rep.context.close();
  });

  it('the corrected screens in Chinese and English, at desktop and phone width', { timeout: 600_000 }, async () => {
    const { meetingId, reps } = state;
    // One more open vote that allows changes, already answered by rep2, for the change and cancel controls.
    const chair = await roomParticipant(world.server.url, 'secretary');
    await chair.emit('meeting:join', { meetingId });
    const vote = await chair.emit<{ id: string }>('vote:open', {
      meetingId,
      title: '关于停车收费标准的表决',
      text: '同意按每月50元收取共享停车位管理费。',
      allowBallotChange: true,
    });
    await reps[0]!.emit('vote:cast', { voteId: vote.id, choice: 'for' });
    chair.disconnect();
    // And a frozen draft the chair could put to the vote, so the vote form shows its fields.
    const drafter = await login(world.browser, world.server.url, 'secretary');
    const next = await apiSession(world.server.url, 'secretary');
    const made = await next.post<{ id: string }>(`/meetings/${meetingId}/decisions`, { title: '关于停车收费标准的决议' });
    await drafter.page.goto(`${world.server.url}/decisions/${made.id}`);
    await editor(drafter.page).click();
    await drafter.page.keyboard.type('同意按每月50元收取共享停车位管理费。');
    await drafter.page.getByRole('button', { name: '定稿为新版本' }).click();
    await drafter.page.getByTestId('version-1').waitFor();
    await drafter.context.close();

    for (const [locale, width] of [
      ['zh-CN', 1440],
      ['zh-CN', 390],
      ['en', 1440],
      ['en', 390],
    ] as const) {
      const zh = locale === 'zh-CN';
      await shoot(world.browser, world.server.url, 'secretary', locale, width, async (page, name) => {
        await page.goto(`${world.server.url}/decisions/${state.withdrawnId}`);
        await page.getByTestId('withdrawal').waitFor();
        await page.getByRole('button', { name: zh ? '修改后重新表决' : 'Revise for a new vote' }).waitFor({ state: 'detached' });
        await name('withdrawn');
        await page.goto(`${world.server.url}/decisions/${state.revisedId}`);
        await page.getByTestId('decision-links').waitFor();
        await name('revised-rejected');
        await page.goto(`${world.server.url}/meetings/${meetingId}/live`);
        await page.getByTestId('vote-cancelled').waitFor();
        await page.locator('details.room-open-vote summary').click();
        await page.locator('details.room-open-vote form').waitFor();
        await name('room-open-form');
        await voteCard(page).getByRole('button', { name: zh ? '取消表决' : 'Cancel the vote' }).click();
        await page.getByRole('group', { name: zh ? '取消这次表决' : 'Cancel this vote' }).waitFor();
        await name('room-cancel');
      });
      await shoot(world.browser, world.server.url, 'rep2', locale, width, async (page, name) => {
        await page.goto(`${world.server.url}/meetings/${meetingId}/live`);
        await voteCard(page).getByRole('button', { name: zh ? '改投' : 'Change my ballot' }).click();
        await voteCard(page).getByText(zh ? '改投：请重新选择' : 'Change your ballot: choose again').waitFor();
        await name('room-change');
        await page.locator('[data-testid="vote"]').filter({ has: page.getByTestId('vote-cancelled') }).first().scrollIntoViewIfNeeded();
        await name('room-cancelled');
      });
    }
  });
});

/** The representatives rep3, rep4 … cast `choices` on the meeting's one open vote, from Node. */
async function castFromNode(reps: RoomParticipant[], meetingId: string, choices: ('for' | 'against' | 'abstain')[]) {
  const snapshot = await reps[1]!.emit<{ votes: { id: string; status: string }[] }>('meeting:join', { meetingId });
  const open = snapshot.votes.find((v) => v.status === 'open');
  if (!open) throw new Error('no open vote');
  for (const [i, choice] of choices.entries()) await reps[i + 1]!.emit('vote:cast', { voteId: open.id, choice });
}

/** Logs in at `locale` and `width`, runs `visit`, and each `name(…)` is an accessible screen saved as a PNG. */
async function shoot(
  browser: Browser,
  baseUrl: string,
  who: string,
  locale: 'zh-CN' | 'en',
  width: 1440 | 390,
  visit: (page: Page, name: (screen: string) => Promise<void>) => Promise<void>,
) {
  const { context, page } = await login(browser, baseUrl, who, { locale, width });
  try {
    await visit(page, async (screen) => {
      await accessible(page);
      // Nothing spills sideways at phone width.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
      await page.screenshot({ path: screenshotPath(`correction-${screen}-${who}-${locale}-${width}`), fullPage: true });
    });
  } finally {
    await context.close();
  }
}
