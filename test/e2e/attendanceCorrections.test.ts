import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Alliance, Meeting } from '@tongxin/shared';
import { a11yViolations } from './support/a11y.js';
import { screenshotPath } from './support/browser.js';
import { apiSession } from './support/meetingDriver.js';
import { e2eWorld } from './support/server.js';
import { DEMO_PASSWORD } from './support/session.js';

const MEETING = '第三次联席会议：加装电梯协调';
const OUTSIDE_ITEM = '会外交办：老旧小区加装电梯摸底';

/**
 * A fresh context logged in through the form, as `loginInBrowser` does, but letting the axe
 * script in past the Content-Security-Policy (the app itself never runs inline script).
 */
async function loginInBrowser(
  browser: Browser,
  baseUrl: string,
  login: string,
  opts: { width?: number; locale?: 'en' } = {},
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

/** Screens follow over the network on a busy machine: wait for them, never for a fixed time. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

const room = (page: Page) => page.getByTestId('room');
const quorum = (page: Page) => page.getByTestId('quorum').textContent();
const unitRow = (page: Page, unit: string) => page.locator(`[data-unit="${unit}"]`);

/** Nothing spills sideways: no element reaches past the window's right edge. */
const spilling = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => `${e.tagName}.${e.className}`),
  );

const noViolations = async (page: Page, screen: string) =>
  expect({ screen, violations: await a11yViolations(page) }).toEqual({ screen, violations: [] });

/** The same screen at both widths: 1440 (desktop) and 390 (phone). */
async function shootBothWidths(page: Page, name: string, fullPage = true) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    expect({ name, width, spilling: await spilling(page) }).toEqual({ name, width, spilling: [] });
    await page.screenshot({ path: screenshotPath(`${name}-${width}`), fullPage });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** `YYYY-MM-DDTHH:MM` in Beijing, as a datetime-local input takes it. */
function beijingInput(d: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/**
 * Corrections to attendance and to a meeting, in the browser: the secretary reschedules a
 * meeting (a member's open alliance page is told), the earlier-items panel lists an item assigned
 * outside any meeting, and in the room a mistaken 代签 is undone with a reason, a unit leaves
 * early and another arrives late — the quorum following on every screen.
 */
describe('attendance and meeting corrections in the browser', () => {
  const world = e2eWorld();

  it(
    'reschedule with a notice, earlier items from outside meetings, undo / leave / late with live quorum',
    { timeout: 300_000 },
    async () => {
      const base = world.server.url;
      const api = await apiSession(base, 'secretary');
      const [mine] = (await api.get<{ alliances: { id: string }[] }>('/me')).alliances;
      const alliance = await api.get<Alliance>(`/alliances/${mine!.id}`);
      const unitId = (name: string) => alliance.memberships.find((m) => m.unit.name === name)!.unit.id;
      const meeting = await api.post<Meeting>(`/alliances/${alliance.id}/meetings`, {
        title: MEETING,
        scheduledAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        durationMinutes: 90,
        place: '和平街道党群服务中心',
      });
      await api.post(`/meetings/${meeting.id}/schedule`);
      // An item assigned outside any meeting: the earlier-items panel used to drop it.
      await api.post(`/alliances/${alliance.id}/action-items`, {
        title: OUTSIDE_ITEM,
        leadUnit: unitId('和平里社区党委'),
        responsiblePerson: '李秀英',
        dueDate: '2027-03-31',
      });

      const sec = await loginInBrowser(world.browser, base, 'secretary');
      const secEn = await loginInBrowser(world.browser, base, 'secretary', { locale: 'en' });
      const rep1 = await loginInBrowser(world.browser, base, 'rep1', { width: 390 });

      // A member's alliance page is open while the secretary moves the meeting.
      await rep1.page.goto(`${base}/alliances/${alliance.id}`);
      await rep1.page.getByRole('heading', { level: 1, name: alliance.name }).waitFor();

      await sec.page.goto(`${base}/meetings/${meeting.id}`);
      await sec.page.getByRole('heading', { level: 1, name: MEETING }).waitFor();
      // Earlier items: the item assigned outside a meeting is there, ready to be put on the agenda.
      const earlier = sec.page.getByTestId('earlier-items');
      await poll(() => earlier.textContent()).toContain(OUTSIDE_ITEM);
      await earlier.getByRole('button', { name: `列入议程：${OUTSIDE_ITEM}` }).waitFor();

      // 改期: a time in the past is refused under the field, nothing changes.
      await sec.page.getByRole('button', { name: '改期' }).click();
      const when = sec.page.getByLabel('新的开始时间');
      await when.fill(beijingInput(new Date(Date.now() - 86_400_000)));
      await sec.page.getByRole('button', { name: '确认改期' }).click();
      await sec.page.getByText('新的开始时间须晚于现在。').waitFor();
      expect(await when.getAttribute('aria-invalid')).toBe('true');
      await noViolations(sec.page, 'reschedule form, zh');
      await shootBothWidths(sec.page, 'reschedule-form-zh');

      const newTime = new Date(Date.now() + 5 * 86_400_000);
      await when.fill(beijingInput(newTime));
      await sec.page.getByLabel('地点', { exact: true }).fill('和平街道党群服务中心三楼会议室');
      await sec.page.getByLabel('改期理由（选填）').fill('与区里专题会冲突');
      await sec.page.getByRole('button', { name: '确认改期' }).click();
      // Both screens: the meeting page reads the new time and announces it; the alliance page too.
      await sec.page.getByTestId('reschedule-notice').waitFor();
      expect(await sec.page.getByTestId('reschedule-notice').textContent()).toContain('会议时间已改为');
      await poll(() => sec.page.locator('dd').filter({ hasText: '三楼会议室' }).count()).toBe(1);
      const notice = rep1.page.getByTestId('reschedule-notice');
      await notice.waitFor();
      expect(await notice.textContent()).toContain(`《${MEETING}》会议时间已改为`);
      await noViolations(rep1.page, 'alliance page with the reschedule notice');
      // The notice is at the top of a long page: the window is what matters.
      await shootBothWidths(rep1.page, 'reschedule-notice-zh', false);

      // The same screen in English.
      await secEn.page.goto(`${base}/meetings/${meeting.id}`);
      await secEn.page.getByRole('button', { name: 'Reschedule' }).click();
      await secEn.page.getByLabel('New start time').waitFor();
      await noViolations(secEn.page, 'reschedule form, en');
      await shootBothWidths(secEn.page, 'reschedule-form-en');
      await secEn.page.getByRole('button', { name: 'Cancel', exact: true }).click();

      // The room: the secretary records four units present on their behalf — quorum (4 of 8).
      await sec.page.goto(`${base}/meetings/${meeting.id}/live`);
      await room(sec.page).waitFor();
      await secEn.page.goto(`${base}/meetings/${meeting.id}/live`);
      await room(secEn.page).waitFor();
      await rep1.page.goto(`${base}/meetings/${meeting.id}/live`);
      await room(rep1.page).waitFor();
      for (const unit of ['和平街道党工委', '和平里社区党委', '青年湖社区党委', '地坛社区党委']) {
        await sec.page.getByRole('button', { name: `代签：${unit}` }).click();
        await poll(() => unitRow(sec.page, unit).textContent()).toContain('已签到');
      }
      for (const p of [sec.page, rep1.page]) await poll(() => quorum(p)).toContain('已到 4 / 应到 8，法定人数 4');

      // 撤销签到: the 代签 of 地坛社区党委 was a mistake. No reason, no undo.
      await sec.page.getByRole('button', { name: '撤销签到：地坛社区党委' }).click();
      const reason = sec.page.getByLabel('撤销理由');
      await poll(() => sec.page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
      await sec.page.getByRole('button', { name: '确认撤销' }).click();
      await sec.page.getByText('请填写撤销理由（至少 2 个字）。').waitFor();
      expect(await reason.getAttribute('aria-invalid')).toBe('true');
      await noViolations(sec.page, 'room: undo form');
      await shootBothWidths(sec.page, 'attendance-undo-form-zh');
      await reason.fill('误点代签，该单位尚未到会');
      await sec.page.getByRole('button', { name: '确认撤销' }).click();
      // Every screen follows at once: quorum lost, the undone check-in kept in view with its reason.
      for (const p of [sec.page, rep1.page]) {
        await poll(() => quorum(p)).toContain('未达到法定人数，还差 1');
        await poll(() => unitRow(p, '地坛社区党委').textContent()).toContain('误点代签，该单位尚未到会');
        expect(await unitRow(p, '地坛社区党委').textContent()).toContain('未签到');
      }
      await poll(() => quorum(secEn.page)).toContain('3 of 8 present, quorum 4');
      await poll(() => unitRow(secEn.page, '地坛社区党委').textContent()).toContain('Undone: check-in by 孙丽');

      // Start without quorum is not the point here: the unit really arrives, then the meeting starts.
      await sec.page.getByRole('button', { name: '代签：地坛社区党委' }).click();
      await poll(() => quorum(sec.page)).toContain('已达到法定人数');
      await sec.page.getByRole('button', { name: '开始会议' }).click();
      await poll(() => sec.page.getByTestId('meeting-status').textContent()).toBe('进行中');

      // 早退: 和平里社区党委 leaves; the unit no longer counts.
      await sec.page.getByRole('button', { name: '登记离会：和平里社区党委' }).click();
      await sec.page.getByLabel('离会时间').waitFor();
      await noViolations(sec.page, 'room: leave form');
      await shootBothWidths(sec.page, 'attendance-leave-form-zh');
      await sec.page.getByLabel('说明（选填）').fill('另有紧急公务');
      await sec.page.getByRole('button', { name: '确认离会' }).click();
      for (const p of [sec.page, rep1.page]) {
        await poll(() => quorum(p)).toContain('未达到法定人数，还差 1');
        await poll(() => unitRow(p, '和平里社区党委').textContent()).toMatch(/已离会\d{2}:\d{2} 离会/);
      }
      // Keyboard users are back on the row they corrected.
      await expect
        .poll(() => sec.page.evaluate(() => document.activeElement?.textContent ?? ''))
        .toContain('和平里社区党委');

      // 迟到: 区住房和城乡建设局 arrives after the start — quorum again, the arrival marked late.
      await sec.page.getByRole('button', { name: '代签：区住房和城乡建设局' }).click();
      for (const p of [sec.page, rep1.page]) {
        await poll(() => quorum(p)).toContain('已达到法定人数');
        await poll(() => unitRow(p, '区住房和城乡建设局').textContent()).toMatch(/迟到 \d{2}:\d{2}/);
      }
      // 和平里社区党委 comes back: a return, with the time it left.
      await sec.page.getByRole('button', { name: '代签：和平里社区党委' }).click();
      await expect
        .poll(() => unitRow(sec.page, '和平里社区党委').textContent())
        .toMatch(/\d{2}:\d{2} 离会，\d{2}:\d{2} 返回/);
      await poll(() => quorum(sec.page)).toContain('已到 5 / 应到 8');

      await noViolations(sec.page, 'room attendance after corrections, zh');
      await sec.page.getByTestId('attendance').scrollIntoViewIfNeeded();
      await shootBothWidths(sec.page, 'attendance-corrected-zh');

      // English: the same panel, with the late tag, the return and the undone line.
      await poll(() => unitRow(secEn.page, '区住房和城乡建设局').textContent()).toMatch(/late, \d{2}:\d{2}/);
      await secEn.page.getByRole('button', { name: 'Record leaving: 青年湖社区党委' }).click();
      await secEn.page.getByLabel('Left at').waitFor();
      await noViolations(secEn.page, 'room attendance, en');
      await shootBothWidths(secEn.page, 'attendance-leave-form-en');
      await secEn.page.getByRole('button', { name: 'Cancel', exact: true }).click();
      await secEn.page.getByRole('button', { name: 'Undo check-in: 青年湖社区党委' }).click();
      await secEn.page.getByLabel('Reason').waitFor();
      await shootBothWidths(secEn.page, 'attendance-undo-form-en');
      await secEn.page.getByLabel('Reason').fill('Recorded for the wrong unit');
      await secEn.page.getByRole('button', { name: 'Undo check-in', exact: true }).click();
      await expect
        .poll(() => unitRow(secEn.page, '青年湖社区党委').textContent())
        .toContain('Recorded for the wrong unit');
      await poll(() => quorum(sec.page)).toContain('已到 4 / 应到 8');
      await shootBothWidths(secEn.page, 'attendance-corrected-en');

      // A representative sees the corrections but may only correct their own unit.
      expect(await rep1.page.getByRole('button', { name: '撤销签到：地坛社区党委' }).count()).toBe(0);
      await rep1.page.getByRole('button', { name: '登记离会：和平街道党工委' }).waitFor();
      await noViolations(rep1.page, 'room attendance, a representative on a phone');

      for (const c of [sec, secEn, rep1]) await c.context.close();
    },
  );
});
