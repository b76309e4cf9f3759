import type { Alliance, Meeting } from '@tongxin/shared';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { screenshotPath } from './support/browser.js';
import { collectData, expectCatalogueOnly, PSEUDO_INIT } from './support/catalogueOnly.js';
import { apiSession, roomParticipant, type RoomParticipant } from './support/meetingDriver.js';
import { e2eWorld } from './support/server.js';
import { DEMO_PASSWORD } from './support/session.js';

// The projector view (投屏) on the wall of a meeting room, and the bar at the bottom of a
// representative's phone. The chair's moves come from Node (the room's socket protocol), so what
// is tested is what the wall and the phones show, not another screen's controls.

const TITLE = '社区停车治理专题会';
const ITEM = '审议社区停车治理方案';
const VOTE = '关于社区停车治理方案的表决';
const VOTE_TEXT = '一、同意社区停车治理方案，由各成员单位按分工落实。';
const OBSERVER_UNIT = '和平里第一中学';

/** Screens follow over the network on a busy machine: wait for them, never for a fixed time. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

/** Logged in through the form, in a window of the given size; axe's script is let past the CSP. */
async function login(
  browser: Browser,
  baseUrl: string,
  name: string,
  opts: { width: number; height: number; locale?: 'en'; pseudo?: boolean },
) {
  const context = await browser.newContext({
    viewport: { width: opts.width, height: opts.height },
    timezoneId: 'Asia/Shanghai',
    locale: opts.locale === 'en' ? 'en-US' : 'zh-CN',
    bypassCSP: true,
  });
  const page = await context.newPage();
  if (opts.locale === 'en') await page.addInitScript("localStorage.setItem('tongxin.locale', 'en')");
  if (opts.pseudo) await page.addInitScript(PSEUDO_INIT);
  await page.goto(`${baseUrl}/login`);
  const zh = opts.locale !== 'en';
  await page.getByLabel(zh ? '登录名' : 'Login').fill(name);
  await page.getByLabel(zh ? '密码' : 'Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: zh ? '登录' : 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: zh ? /您好/ : /Hello/ }).waitFor();
  return { context, page };
}
const text = (page: Page, id: string) => page.getByTestId(id).textContent();

/** Screenshots at both projector sizes, each checked by axe. */
async function shootProjector(page: Page, name: string) {
  for (const [width, height] of [
    [1920, 1080],
    [1280, 720],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: screenshotPath(`${name}-${width}x${height}`) });
    expect(await a11yViolations(page), `${name} at ${width}×${height}`).toEqual([]);
  }
  // Nothing spills sideways on the wall.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
}

async function shootPhone(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(name) });
  expect(await a11yViolations(page), name).toEqual([]);
}

/** The bar's bottom edge is the window's: it stays under the thumb while the room scrolls. */
async function barAtBottom(page: Page) {
  const box = await page.getByTestId('phone-bar').boundingBox();
  return box !== null && Math.abs(box.y + box.height - 844) <= 1;
}

describe('the projector view and the phone bar', () => {
  const world = e2eWorld();

  it(
    'the wall follows a live meeting (observer and chair), the phone bar checks in, asks to speak and finds the vote',
    { timeout: 300_000 },
    async () => {
      const base = world.server.url;
      const secretary = await apiSession(base, 'secretary');
      const [mine] = (await secretary.get<{ alliances: { id: string }[] }>('/me')).alliances;
      const alliance = await secretary.get<Alliance>(`/alliances/${mine!.id}`);
      // One unit attends as an observer (列席): it reads, does not vote, does not count for quorum.
      const observerUnit = alliance.memberships.find((m) => m.unit.name === OBSERVER_UNIT)!.unit.id;
      const patched = await fetch(`${base}/api/alliances/${alliance.id}/members/${observerUnit}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${secretary.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'observer' }),
      });
      expect(patched.status).toBe(200);
      const meeting = await secretary.post<Meeting>(`/alliances/${alliance.id}/meetings`, {
        title: TITLE,
        scheduledAt: new Date(Date.now() + 5 * 60_000).toISOString(),
        durationMinutes: 60,
        place: '和平街道党群服务中心三楼会议室',
      });
      await secretary.post(`/meetings/${meeting.id}/schedule`);
      const meetingId = meeting.id;
      const screenUrl = `${base}/meetings/${meetingId}/screen`;
      const liveUrl = `${base}/meetings/${meetingId}/live`;

      // The secretary puts one item on the agenda, then opens the room: the chair's 投屏 link opens the wall in a new tab.
      const sec = await login(world.browser, base, 'secretary', { width: 1440, height: 900 });
      await sec.page.goto(`${base}/meetings/${meetingId}`);
      await sec.page.getByLabel('添加议题').fill(ITEM);
      await sec.page.getByRole('spinbutton', { name: '时长（分钟）' }).last().fill('30');
      await sec.page.getByRole('button', { name: '添加议题' }).click();
      await sec.page.goto(liveUrl);
      const link = sec.page.getByRole('link', { name: /^投屏/ });
      expect(await link.getAttribute('target')).toBe('_blank');
      const [chairScreen] = await Promise.all([sec.context.waitForEvent('page'), link.click()]);
      await chairScreen.getByTestId('screen').waitFor();
      expect(chairScreen.url()).toBe(screenUrl);
      await chairScreen.close();

      // The wall, opened by the observer unit's representative; a second one in English.
      const wall = await login(world.browser, base, 'rep8', { width: 1920, height: 1080 });
      // The wall's own clock can be moved, to see an item run over its time without waiting for it.
      await wall.context.clock.install();
      await wall.page.goto(screenUrl);
      const wallEn = await login(world.browser, base, 'rep7', { width: 1920, height: 1080, locale: 'en' });
      await wallEn.page.goto(screenUrl);
      for (const p of [wall.page, wallEn.page]) await p.getByTestId('screen').waitFor();
      // No app header or navigation: only the meeting.
      expect(await wall.page.locator('.topbar').count()).toBe(0);
      expect(await wall.page.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
      // A new meeting of an alliance that held two: its number in words, as titles say it.
      expect(await wall.page.locator('.screen-seq').textContent()).toBe('第三次联席会议');
      expect(await wallEn.page.locator('.screen-seq').textContent()).toBe('Joint meeting no. 3');
      expect(await text(wall.page, 'screen-status')).toBe('会议尚未开始');
      expect(await text(wall.page, 'screen-quorum')).toBe('出席 0 / 应到 7');
      expect(await text(wall.page, 'screen-quorum-state')).toContain('未达法定人数');
      expect(await text(wall.page, 'screen-item')).toBe('尚未进入议题');
      await shootProjector(wall.page, 'screen-before-quorum-zh-CN');

      // Two representatives on phones; the others and the chair act from Node.
      const phone = await login(world.browser, base, 'rep4', { width: 390, height: 844 });
      const phoneEn = await login(world.browser, base, 'rep5', { width: 390, height: 844, locale: 'en' });
      for (const p of [phone.page, phoneEn.page]) {
        await p.goto(liveUrl);
        await p.getByTestId('room').waitFor();
      }
      const chair = await roomParticipant(base, 'secretary');
      const others: RoomParticipant[] = [];
      for (const login of ['rep1', 'rep2']) others.push(await roomParticipant(base, login));
      for (const p of [chair, ...others]) await p.emit('meeting:join', { meetingId });

      // A check-in anywhere moves the wall's count.
      await others[0]!.emit('meeting:checkIn', { meetingId });
      await poll(() => text(wall.page, 'screen-quorum')).toBe('出席 1 / 应到 7');

      // On the phone, the bar offers 签到 at the bottom of the window; the desktop never shows it.
      const bar = phone.page.getByTestId('phone-bar');
      await bar.getByRole('button', { name: '签到：地坛社区党委' }).waitFor();
      expect(await barAtBottom(phone.page)).toBe(true);
      await shootPhone(phone.page, 'phone-bar-checkin-zh-CN-390x844');
      await bar.getByRole('button', { name: '签到：地坛社区党委' }).click();
      await poll(() => phone.page.locator('[data-unit="地坛社区党委"]').getAttribute('class')).toContain('is-present');
      await poll(() => text(wall.page, 'screen-quorum')).toBe('出席 2 / 应到 7');
      // Before the meeting starts a checked-in representative has nothing left to do there: no bar.
      await bar.waitFor({ state: 'detached' });

      const barEn = phoneEn.page.getByTestId('phone-bar');
      await barEn.getByRole('button', { name: 'Check in: 区住房和城乡建设局' }).click();
      await poll(() => text(wall.page, 'screen-quorum')).toBe('出席 3 / 应到 7');
      await others[1]!.emit('meeting:checkIn', { meetingId });
      await poll(() => text(wall.page, 'screen-quorum')).toBe('出席 4 / 应到 7');
      await poll(() => text(wall.page, 'screen-quorum-state')).toContain('已达法定人数');
      await poll(() => text(wallEn.page, 'screen-quorum-state')).toContain('Quorum reached');

      // The meeting starts; the chair takes up the item: the wall shows it with the time left.
      await chair.emit('meeting:start', { meetingId });
      await poll(() => text(wall.page, 'screen-status')).toBe('会议进行中');
      // The secretary may ask to speak too, but on a desktop the bar is never shown.
      await poll(() => sec.page.getByTestId('phone-bar').count()).toBe(1);
      expect(await sec.page.getByTestId('phone-bar').isVisible()).toBe(false);
      await sec.page.getByRole('button', { name: `将“${ITEM}”设为当前议题` }).click();
      await poll(() => text(wall.page, 'screen-item')).toContain(ITEM);
      const timer = wall.page.getByTestId('screen-timer');
      await poll(() => timer.textContent()).toMatch(/剩余时间(30:00|29:5\d)计划 30 分钟/);
      expect(await timer.getAttribute('data-over')).toBe('false');
      // Thirty-one minutes later by the wall's clock the item is over its time, and the wall says so.
      await wall.context.clock.setSystemTime(Date.now() + 31 * 60_000);
      await poll(() => timer.getAttribute('data-over')).toBe('true');
      expect(await timer.textContent()).toMatch(/已超时\+1:0\d/);
      await wall.context.clock.setSystemTime(Date.now());
      await poll(() => timer.getAttribute('data-over')).toBe('false');
      // The jump may have made the wall doubt its connection for a moment; it is back before going on.
      await poll(() => wall.page.getByTestId('connection-banner').count()).toBe(0);

      // In session, the phone bar offers the floor; the queue shows on the wall.
      await bar.getByRole('button', { name: '申请发言' }).click();
      await poll(() => text(wall.page, 'screen-queue')).toContain('刘洋 · 地坛社区党委');
      await bar.getByRole('button', { name: /撤回发言/ }).waitFor();
      await others[0]!.emit('speaker:request', { meetingId });
      await chair.emit('speaker:next', { meetingId, timeBoxSeconds: 180 });
      await poll(() => text(wall.page, 'screen-speaker')).toContain('刘洋 · 地坛社区党委');
      expect(await text(wall.page, 'screen-speaker')).toMatch(/剩余 [23]:\d\d/);
      await poll(() => text(wall.page, 'screen-queue')).toContain('王建华 · 和平街道党工委');

      // A vote counted at close: the wall shows the question and the turnout, never the count.
      const vote = await chair.emit<{ id: string }>('vote:open', {
        meetingId,
        title: VOTE,
        text: VOTE_TEXT,
        tallyVisibility: 'at_close',
      });
      for (const p of [wall.page, wallEn.page]) await p.getByTestId('screen-vote').waitFor();
      expect(await wall.page.locator('.screen-vote-title').textContent()).toBe(VOTE);
      await others[0]!.emit('vote:cast', { voteId: vote.id, choice: 'for' });
      await others[1]!.emit('vote:cast', { voteId: vote.id, choice: 'against' });
      await poll(() => text(wall.page, 'screen-turnout')).toBe('已投 2 / 出席 4');
      await poll(() => text(wallEn.page, 'screen-turnout')).toBe('Voted 2 / present 4');
      expect(await text(wall.page, 'screen-hidden')).toBe('票数在表决结束后公布');
      expect(await wall.page.getByTestId('screen-counts').count()).toBe(0);
      expect(await wall.page.getByTestId('screen-vote').textContent()).not.toMatch(/同意|反对/);
      // The item stays on the wall beside the vote, its clock smaller.
      await wall.page.getByTestId('screen-timer').waitFor();
      await shootProjector(wall.page, 'screen-voting-zh-CN');
      await shootProjector(wallEn.page, 'screen-voting-en');

      // The phone's 投票 has a dot while this unit has not voted, and brings the vote into view.
      const voteButton = bar.getByRole('button', { name: /^投票/ });
      expect(await voteButton.getAttribute('aria-label')).toBe('投票：有表决等待您投票');
      await bar.getByTestId('vote-dot').waitFor();
      // Scrolled to the very end, the bar is still at the bottom and the page's last line shows above it.
      await phone.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      expect(await barAtBottom(phone.page)).toBe(true);
      const barTop = (await bar.boundingBox())!.y;
      const lastBottom = await phone.page.evaluate(() => document.querySelector('.footer')!.getBoundingClientRect().bottom);
      expect(lastBottom).toBeLessThanOrEqual(barTop + 1);
      await shootPhone(phone.page, 'phone-bar-zh-CN-390x844');
      await voteButton.click();
      const card = phone.page.getByTestId('vote').filter({ hasText: VOTE });
      await poll(() =>
        card.evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.top >= 0 && r.top < window.innerHeight / 2;
        }),
      ).toBe(true);
      expect(await phone.page.evaluate(() => document.activeElement?.closest('[data-testid="vote"]') !== null)).toBe(true);
      await phoneEn.page.getByTestId('phone-bar').getByTestId('vote-dot').waitFor();
      await shootPhone(phoneEn.page, 'phone-bar-en-390x844');

      // Once this unit's ballot is in, the dot is gone (here after a fresh load of the room).
      const rep4 = await roomParticipant(base, 'rep4');
      await rep4.emit('vote:cast', { voteId: vote.id, choice: 'for' });
      await poll(() => text(wall.page, 'screen-turnout')).toBe('已投 3 / 出席 4');
      await phone.page.reload();
      await bar.getByRole('button', { name: '投票：您已投票' }).waitFor();
      expect(await bar.getByTestId('vote-dot').count()).toBe(0);

      // Closed: the result with its count, and the adopted text.
      await chair.emit('vote:close', { voteId: vote.id });
      await poll(() => text(wall.page, 'screen-outcome')).toBe('通过');
      expect(await text(wall.page, 'screen-counts')).toBe('同意2反对1弃权0');
      expect(await text(wall.page, 'screen-adopted')).toContain(VOTE_TEXT);
      await poll(() => text(wallEn.page, 'screen-outcome')).toBe('Adopted');
      await shootProjector(wall.page, 'screen-result-zh-CN');
      await shootProjector(wallEn.page, 'screen-result-en');
      // Every word on the wall comes from the catalogue (pseudo-localised, anything else is data).
      const pseudo = await login(world.browser, base, 'rep6', { width: 1920, height: 1080, pseudo: true });
      const data = collectData(pseudo.page);
      await pseudo.page.goto(screenUrl);
      await pseudo.page.getByTestId('screen-outcome').waitFor();
      await expectCatalogueOnly(pseudo.page, data, 'projector', [VOTE_TEXT]);
      await pseudo.context.close();

      // 散会: the wall says the meeting is over, with what it decided.
      await chair.emit('meeting:adjourn', { meetingId });
      await poll(() => text(wall.page, 'screen-ended')).toBe('会议已散会');
      expect(await wall.page.locator('.screen-results').textContent()).toContain(VOTE);
      expect(await wall.page.getByTestId('screen-timer').count()).toBe(0);
      await poll(() => text(wallEn.page, 'screen-ended')).toBe('The meeting is closed');
      await shootProjector(wall.page, 'screen-adjourned-zh-CN');
      // Nothing left to do on the phone either.
      await bar.waitFor({ state: 'detached' });

      for (const p of [chair, rep4, ...others]) p.disconnect();
      for (const c of [sec, wall, wallEn, phone, phoneEn]) await c.context.close();
    },
  );
});
