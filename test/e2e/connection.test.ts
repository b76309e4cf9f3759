import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { screenshotPath } from './support/browser.js';
import { apiSession, roomParticipant, type RoomParticipant } from './support/meetingDriver.js';
import { e2eWorldWithProxy } from './support/server.js';
import { loginInBrowser } from './support/session.js';

// Honest connection state in the live room: a representative whose connection drops (closed,
// silent, or the browser offline) is told so within 3 s, with when the room last synced; asking to speak meanwhile waits as 待发送 and is
// sent once when the connection is back; a ballot meanwhile is refused with a message, never
// sent later; "已重新连接" shows once the room has resynced, then goes.

/** The banner appears within this long of the connection going; the heartbeat answers in 2 s, one a second. */
const WITHIN_MS = 3_000;

const banner = (page: Page, state: 'lost' | 'resyncing' | 'back'): Locator =>
  page.locator(`.room-conn [data-testid="connection-banner"][data-state="${state}"]`);

interface Snapshot {
  speakers: { queue: { user: { id: string } }[] };
}

/** A meeting of the demo alliance, in session with four units present, with one open vote. */
async function meetingInSession(baseUrl: string): Promise<{ chair: RoomParticipant; meetingId: string }> {
  const chair = await roomParticipant(baseUrl, 'secretary');
  const [mine] = (await chair.api.get<{ alliances: { id: string }[] }>('/me')).alliances;
  const meeting = await chair.api.post<{ id: string }>(`/alliances/${mine!.id}/meetings`, {
    title: '第三次联席会议：老旧小区加装电梯',
    scheduledAt: new Date(Date.now() + 5 * 60_000).toISOString(),
    durationMinutes: 60,
    place: '和平街道党群服务中心三楼会议室',
  });
  await chair.api.post(`/meetings/${meeting.id}/schedule`);
  await chair.emit('meeting:join', { meetingId: meeting.id });
  // Four of eight units check in: quorum, so a vote may be opened.
  for (const login of ['rep1', 'rep2', 'rep3', 'rep4']) {
    const rep = await roomParticipant(baseUrl, login);
    await rep.emit('meeting:checkIn', { meetingId: meeting.id });
    rep.disconnect();
  }
  await chair.emit('meeting:start', { meetingId: meeting.id });
  await chair.emit('vote:open', {
    meetingId: meeting.id,
    title: '关于老旧小区加装电梯的决议',
    text: '一、各成员单位共同推进老旧小区加装电梯。',
  });
  return { chair, meetingId: meeting.id };
}

/** How often `userId` is in the speaker queue, as the chair's fresh snapshot has it. */
async function timesQueued(chair: RoomParticipant, meetingId: string, userId: string): Promise<number> {
  const snapshot = await chair.emit<Snapshot>('meeting:join', { meetingId });
  return snapshot.speakers.queue.filter((q) => q.user.id === userId).length;
}

/** The parts this test is about: the banner, and the buttons that show 待发送. */
async function expectNoA11yViolations(page: Page) {
  expect(await a11yViolations(page, ['.room-conn', '.room-speakers', '[data-testid="phone-bar"]'])).toEqual([]);
}

describe('the live room when the connection drops', () => {
  const world = e2eWorldWithProxy();

  it(
    'a representative cut off for 10 s through a real TCP proxy, and one whose browser goes offline: banner within 3 s, 待发送 sent once, ballot refused, 已重新连接',
    { timeout: 180_000 },
    async () => {
      const { chair, meetingId } = await meetingInSession(world.server.url);
      const rep2Id = (await (await apiSession(world.server.url, 'rep2')).get<{ user: { id: string } }>('/me')).user.id;
      const rep3Id = (await (await apiSession(world.server.url, 'rep3')).get<{ user: { id: string } }>('/me')).user.id;

      // rep2 reaches the server through the proxy, at a desktop.
      const rep2 = await loginInBrowser(world.browser, world.proxy.url, 'rep2', { axe: true });
      const page = rep2.page;
      await page.goto(`${world.proxy.url}/meetings/${meetingId}/live`);
      await page.getByTestId('room').waitFor();
      await page.getByTestId('vote').first().waitFor();
      expect(await page.locator('.room-conn [data-testid="connection-banner"]').count()).toBe(0);

      // The connection is cut: every socket dropped, new ones refused.
      const cutAt = Date.now();
      await world.proxy.cut();
      await banner(page, 'lost').waitFor({ timeout: WITHIN_MS });
      const shownAfterMs = Date.now() - cutAt;
      expect(await banner(page, 'lost').textContent()).toContain('已断开，正在重连…');
      expect(await page.getByTestId('last-sync').textContent()).toMatch(/^最后同步 \d{2}:\d{2}:\d{2}$/);

      // Asking to speak meanwhile waits, visibly, and does not reach the server.
      await page.getByRole('button', { name: '申请发言' }).click();
      await page.getByRole('button', { name: /申请发言\s*待发送/ }).waitFor();
      await expect.poll(() => banner(page, 'lost').textContent()).toContain('待发送 1 项');
      expect(await timesQueued(chair, meetingId, rep2Id)).toBe(0);
      await page.screenshot({ path: screenshotPath('room-connection-lost-zh-CN-1440') });

      // A ballot meanwhile is refused with a message, not kept to be sent unseen later.
      const card = page.getByTestId('vote').first();
      await card.getByRole('button', { name: '选择“同意”' }).click();
      await card.getByRole('button', { name: '确认投“同意”' }).click();
      await expect.poll(() => card.getByRole('alert').textContent()).toContain('连接已断开，此操作没有发送');

      // Stays at the top, clear of the page's bottom; readable by assistive technology.
      const box = (await banner(page, 'lost').boundingBox())!;
      expect(box.y).toBeLessThan(50);
      await expectNoA11yViolations(page);

      // Back after 10 s: the room resyncs, the request is sent, "已重新连接" shows, then goes.
      await new Promise((r) => setTimeout(r, Math.max(0, cutAt + 10_000 - Date.now())));
      await world.proxy.restore();
      await banner(page, 'back').waitFor({ timeout: 15_000 });
      expect(await banner(page, 'back').textContent()).toMatch(
        /已重新连接.*会议室已同步到最新状态（\d{2}:\d{2}:\d{2}）/,
      );
      await expect.poll(() => page.getByTestId('speaker-queue').textContent()).toContain('李秀英');
      await page.getByText('您排在第 1 位。').waitFor();
      await expect.poll(() => banner(page, 'back').textContent()).toContain('待发送的 1 项操作已发送。');
      await page.screenshot({ path: screenshotPath('room-connection-back-zh-CN-1440') });
      expect(await timesQueued(chair, meetingId, rep2Id)).toBe(1);
      await page
        .locator('.room-conn [data-testid="connection-banner"]')
        .waitFor({ state: 'detached', timeout: 15_000 });
      // The refused ballot was never cast: confirming it now, connected, stores it (a second would be refused).
      await card.getByRole('button', { name: '确认投“同意”' }).click();
      await card.getByTestId('receipt').waitFor();
      expect(await card.getByTestId('receipt').textContent()).toContain('已记录“同意”');

      // The network goes silent without closing anything (Wi-Fi lost): only the heartbeat can tell.
      const frozenAt = Date.now();
      world.proxy.freeze();
      await banner(page, 'lost').waitFor({ timeout: WITHIN_MS });
      const silentShownAfterMs = Date.now() - frozenAt;
      // Withdrawing meanwhile waits too, and does not reach the server.
      await page.getByRole('button', { name: '撤回发言申请' }).click();
      await page.getByRole('button', { name: /撤回发言申请\s*待发送/ }).waitFor();
      expect(await timesQueued(chair, meetingId, rep2Id)).toBe(1);
      // Silent long enough, the socket is given up for a new one, which hangs until the network is back.
      await new Promise((r) => setTimeout(r, Math.max(0, frozenAt + 8_000 - Date.now())));
      world.proxy.thaw();
      await banner(page, 'back').waitFor({ timeout: 15_000 });
      await expect.poll(() => timesQueued(chair, meetingId, rep2Id)).toBe(0);
      await page.getByRole('button', { name: '申请发言', exact: true }).waitFor();
      await page
        .locator('.room-conn [data-testid="connection-banner"]')
        .waitFor({ state: 'detached', timeout: 15_000 });
      await rep2.context.close();

      // rep3, on a phone in English, goes offline in the browser itself.
      const rep3 = await loginInBrowser(world.browser, world.server.url, 'rep3', {
        width: 390,
        locale: 'en',
        axe: true,
      });
      const phone = rep3.page;
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(`${world.server.url}/meetings/${meetingId}/live`);
      await phone.getByTestId('room').waitFor();
      await phone.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
      const offlineAt = Date.now();
      await rep3.context.setOffline(true);
      await banner(phone, 'lost').waitFor({ timeout: WITHIN_MS });
      const offlineShownAfterMs = Date.now() - offlineAt;
      expect(await banner(phone, 'lost').textContent()).toContain('Disconnected; reconnecting…');
      expect(await phone.getByTestId('last-sync').textContent()).toMatch(/^Last synced \d{2}:\d{2}:\d{2}$/);
      // On a phone, from the participant bar under the thumb.
      const bar = phone.getByTestId('phone-bar');
      await bar.getByRole('button', { name: 'Ask to speak' }).click();
      await bar.getByRole('button', { name: /Ask to speak\s*Waiting to send/ }).waitFor();
      // Sticky at the top of the phone's screen, wherever the page is scrolled.
      const phoneBox = (await banner(phone, 'lost').boundingBox())!;
      expect(phoneBox.y).toBeLessThan(50);
      expect(phoneBox.y + phoneBox.height).toBeLessThan(844 / 2);
      await phone.screenshot({ path: screenshotPath('room-connection-lost-en-390') });
      await expectNoA11yViolations(phone);
      expect(await timesQueued(chair, meetingId, rep3Id)).toBe(0);

      await new Promise((r) => setTimeout(r, Math.max(0, offlineAt + 10_000 - Date.now())));
      await rep3.context.setOffline(false);
      await banner(phone, 'back').waitFor({ timeout: 15_000 });
      expect(await banner(phone, 'back').textContent()).toContain('Reconnected');
      await phone.getByText('You are number 1 in line.').waitFor();
      expect(await timesQueued(chair, meetingId, rep3Id)).toBe(1);
      await phone
        .locator('.room-conn [data-testid="connection-banner"]')
        .waitFor({ state: 'detached', timeout: 15_000 });
      expect(await timesQueued(chair, meetingId, rep3Id)).toBe(1);
      await rep3.context.close();
      chair.disconnect();

      console.log(
        `connection banner shown ${shownAfterMs} ms after the proxy cut, ${silentShownAfterMs} ms after the network went silent, ${offlineShownAfterMs} ms after going offline`,
      );
    },
  );
});
