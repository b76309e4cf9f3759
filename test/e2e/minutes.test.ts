import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshotPath } from './support/browser.js';
import { collectData, expectCatalogueOnly, PSEUDO_INIT } from './support/catalogueOnly.js';
import { apiSession, holdMeeting } from './support/meetingDriver.js';
import { e2eWorld } from './support/server.js';
import { downloadMinutes } from './support/screens.js';
import { loginInBrowser } from './support/session.js';

const editor = (page: Page) => page.getByRole('textbox', { name: /纪要正文|Minutes text/ });
const row = (page: Page, unit: string) => page.locator('.minutes-unit', { hasText: unit });
const TITLE = '第三次联席会议：社区养老服务协同';
const VOTE = '关于建立社区养老服务协同机制的表决';
const ADDED = '五、会后各成员单位于五个工作日内报送落实方案。';

/**
 * 会议纪要 after a real meeting: the draft generated at adjournment is co-edited by the secretary
 * while a representative watches, units confirm or comment, the secretary publishes, the text is
 * locked for everyone, and the record downloads as DOCX, PDF and Markdown.
 */
describe('the minutes of a joint meeting', () => {
  const world = e2eWorld();

  it('before adjournment the minutes screen says when they will exist, not that something failed', async () => {
    const secretary = await apiSession(world.server.url, 'secretary');
    const [mine] = (await secretary.get<{ alliances: { id: string }[] }>('/me')).alliances;
    const upcoming = await secretary.get<{ items: { id: string }[] }>(`/alliances/${mine!.id}/meetings?when=upcoming`);
    const { context, page } = await loginInBrowser(world.browser, world.server.url, 'rep1');
    await page.goto(`${world.server.url}/meetings/${upcoming.items[0]!.id}/minutes`);
    await page.getByTestId('minutes-not-yet').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('minutes-not-yet-zh-CN-1440'), fullPage: true });
    await context.close();
  });

  it('drafted live, confirmed and commented by units, published and locked, downloaded in three formats', async () => {
    const url = world.server.url;
    const { meeting } = await holdMeeting(url, {
      title: TITLE,
      present: ['rep1', 'rep2', 'rep3', 'rep4', 'rep5'],
      vote: { title: VOTE, text: '同意建立社区养老服务协同机制，由和平里社区党委牵头。' },
    });
    expect(meeting.status).toBe('adjourned');
    const minutesUrl = `${url}/meetings/${meeting.id}/minutes`;

    // The secretary reaches the minutes from the meeting; the representative opens them too.
    const sec = await loginInBrowser(world.browser, url, 'secretary');
    await sec.page.goto(`${url}/meetings/${meeting.id}`);
    await sec.page.getByRole('link', { name: '会议纪要' }).click();
    await editor(sec.page).waitFor();
    const rep1 = await loginInBrowser(world.browser, url, 'rep1');
    await rep1.page.goto(minutesUrl);
    await editor(rep1.page).waitFor();

    // The generated draft carries what the meeting produced.
    await expect.poll(() => editor(sec.page).textContent()).toContain('一、会议议题');
    const draft = (await editor(sec.page).textContent()) ?? '';
    expect(draft).toContain(TITLE);
    expect(draft).toContain('实到5个');
    expect(draft).toContain(VOTE);
    expect(await sec.page.getByTestId('minutes-status').textContent()).toBe('草稿');

    // The secretary adds a line; the representative, who reads but does not edit, sees it live.
    expect(await editor(sec.page).getAttribute('contenteditable')).toBe('true');
    expect(await editor(rep1.page).getAttribute('contenteditable')).toBe('false');
    // The line naming who else is here appears above the text once rep1's presence arrives and
    // moves it down a line: wait for it, or the click below can land on the line above the last.
    await sec.page.getByTestId('editors').filter({ hasText: '和平街道党工委' }).waitFor();
    // Click past the end of the last line: the caret lands at the end of the document.
    const last = editor(sec.page).locator('p').last();
    const box = (await last.boundingBox())!;
    await last.click({ position: { x: box.width - 2, y: box.height - 4 } });
    await sec.page.keyboard.press('Enter');
    await sec.page.keyboard.type(ADDED);
    await expect.poll(() => editor(rep1.page).textContent()).toContain(ADDED);
    // The line closes the document; nothing was split around it.
    expect(await editor(rep1.page).locator('p').last().textContent()).toMatch(new RegExp(`^${ADDED}`));

    // rep1 confirms for 和平街道党工委.
    await rep1.page.getByText('代表 和平街道党工委').waitFor();
    await rep1.page.getByLabel('确认纪要内容无误').check();
    await rep1.page.getByRole('button', { name: '提交' }).click();
    await rep1.page.getByRole('status').filter({ hasText: '已提交' }).waitFor();
    await expect.poll(() => row(rep1.page, '和平街道党工委').getAttribute('data-state')).toBe('confirmed');
    await rep1.page.screenshot({ path: screenshotPath('minutes-confirmed-zh-CN-1440'), fullPage: true });

    // rep2 comments; a comment without text is stopped at the form with the reason.
    const rep2 = await loginInBrowser(world.browser, url, 'rep2', { width: 390 });
    await rep2.page.goto(minutesUrl);
    await rep2.page.getByLabel('提出修改意见').check();
    await rep2.page.getByRole('button', { name: '提交' }).click();
    await rep2.page.getByRole('alert').filter({ hasText: '请填写意见内容' }).waitFor();
    await rep2.page.getByLabel('意见内容').fill('建议在第二部分补充和平里社区的参会人员名单。');
    await rep2.page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => row(rep2.page, '和平里社区党委').getAttribute('data-state')).toBe('commented');
    await rep2.page.screenshot({ path: screenshotPath('minutes-zh-CN-390'), fullPage: true });

    // A third representative, in English on a phone, before anything is published.
    const rep3 = await loginInBrowser(world.browser, url, 'rep3', { width: 390, locale: 'en' });
    await rep3.page.goto(minutesUrl);
    await editor(rep3.page).waitFor();
    await rep3.page.getByTestId('minutes-progress').filter({ hasText: '1/8 units confirmed' }).waitFor();
    await expect.poll(() => editor(rep3.page).textContent()).toContain(ADDED);
    // Who else has the minutes open, by name and unit, arriving after joining late.
    await rep3.page.getByTestId('editors').filter({ hasText: '孙丽 (和平街道党工委)' }).waitFor();
    await rep3.page.screenshot({ path: screenshotPath('minutes-en-390'), fullPage: true });

    // The secretary sees each unit's answer (without reloading) and the progress.
    await expect
      .poll(() => row(sec.page, '和平里社区党委').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('commented');
    expect(await row(sec.page, '和平街道党工委').getAttribute('data-state')).toBe('confirmed');
    expect(await row(sec.page, '和平街道党工委').textContent()).toContain('王建华');
    expect(await row(sec.page, '和平里社区党委').textContent()).toContain(
      '建议在第二部分补充和平里社区的参会人员名单。',
    );
    expect(await sec.page.getByTestId('minutes-progress').textContent()).toBe('已确认 1/8 个单位');

    // Publishing asks first, saying how many units are still pending and that the text locks.
    await sec.page.getByRole('button', { name: '发布纪要…' }).click();
    expect(await sec.page.getByTestId('publish-pending').textContent()).toBe('还有 6 个单位未确认。');
    // The screen sets the draft as a page of a 纪要: 版头, the number still open, 版记 below.
    expect(await sec.page.getByTestId('minutes-issuer').textContent()).toBeTruthy();
    expect(await sec.page.getByTestId('minutes-number').textContent()).toMatch(/^〔\d{4}〕\s号$/);
    expect(await sec.page.getByTestId('minutes-record').textContent()).toContain('分送：和平街道党工委');
    expect(
      await editor(sec.page).evaluate((el) => getComputedStyle(el).fontFamily),
    ).toMatch(/FangSong.*serif$/);
    await sec.page.screenshot({ path: screenshotPath('minutes-zh-CN-1440'), fullPage: true });
    await sec.page.getByRole('button', { name: '确认发布' }).click();
    await sec.page.getByTestId('minutes-status').filter({ hasText: '已发布' }).waitFor();
    expect(await sec.page.getByTestId('minutes-published').textContent()).toContain('孙丽');
    expect(await sec.page.getByTestId('minutes-fingerprint').getAttribute('title')).toMatch(/[0-9a-f]{64}/);
    // Published: the 文号 is given (〔YYYY〕N号) and the 版记 says when it was issued.
    await expect.poll(() => sec.page.getByTestId('minutes-number').textContent()).toMatch(/^〔\d{4}〕\d+号$/);
    expect(await sec.page.getByTestId('minutes-record').textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日印发/);

    // Locked for everyone: the secretary can no longer type, nor can the representative.
    const locked = (await editor(sec.page).textContent()) ?? '';
    await expect.poll(() => editor(sec.page).getAttribute('contenteditable')).toBe('false');
    await editor(sec.page).click();
    await sec.page.keyboard.type('发布后不应出现的文字');
    await rep1.page.getByTestId('minutes-status').filter({ hasText: '已发布' }).waitFor({ timeout: 15_000 });
    await editor(rep1.page).click();
    await rep1.page.keyboard.type('发布后不应出现的文字');
    expect(await editor(sec.page).textContent()).toBe(locked);
    expect(await editor(rep1.page).textContent()).toBe(locked);
    expect(await rep1.page.getByRole('button', { name: '提交' }).count()).toBe(0);
    await sec.page.screenshot({ path: screenshotPath('minutes-published-zh-CN-1440'), fullPage: true });

    // The published record downloads in each format under its own name.
    expect(await downloadMinutes(sec.page, '第[一二三四五六七八九十]+次联席会议纪要')).toContain(ADDED);

    // After a reload the lock still holds: it came from the server, not from this page.
    await sec.page.reload();
    await expect.poll(() => editor(sec.page).textContent()).toContain(ADDED);
    expect(await editor(sec.page).textContent()).not.toContain('发布后不应出现的文字');

    // The published minutes in English on a desktop.
    const en = await loginInBrowser(world.browser, url, 'rep4', { locale: 'en' });
    await en.page.goto(minutesUrl);
    await en.page.getByTestId('minutes-status').filter({ hasText: 'Published' }).waitFor();
    await expect.poll(() => editor(en.page).textContent()).toContain(ADDED);
    await en.page.screenshot({ path: screenshotPath('minutes-en-1440'), fullPage: true });

    for (const s of [sec, rep1, rep2, rep3, en]) await s.context.close();
  });

  it('every string on the minutes screen comes from the catalogue', async () => {
    const { meeting } = await holdMeeting(world.server.url, {
      title: '第四次联席会议：纪要文案检查',
      present: ['rep1'],
    });
    const context = await world.browser.newContext({
      viewport: { width: 1440, height: 900 },
      timezoneId: 'Asia/Shanghai',
    });
    await context.addInitScript(PSEUDO_INIT);
    const page = await context.newPage();
    const data = collectData(page);
    await page.goto(`${world.server.url}/login`);
    await page.getByLabel(/登录名/).fill('rep2');
    await page.getByLabel(/密码/).fill('tongxin-demo');
    await page.getByRole('button', { name: /登录/ }).click();
    await page.getByRole('heading', { level: 1, name: /您好/ }).waitFor();
    await page.goto(`${world.server.url}/meetings/${meeting.id}/minutes`);
    await editor(page).waitFor();
    await page.getByLabel(/提出修改意见/).check();
    await page.getByRole('button', { name: /提交/ }).click();
    await page.getByRole('alert').first().waitFor();
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await expectCatalogueOnly(page, data, 'minutes');
    await context.close();
  });
});
