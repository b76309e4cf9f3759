import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshotPath } from './support/browser.js';
import { e2eWorld } from './support/server.js';
import { DEMO_PASSWORD, loginInBrowser } from './support/session.js';

/** The secretary's REST session, as another person acting elsewhere at the same moment. */
async function secretaryApi(baseUrl: string) {
  const res = await fetch(`${baseUrl}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'secretary', password: DEMO_PASSWORD }),
  });
  const { token } = (await res.json()) as { token: string };
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return (await r.json()) as any;
  };
  return call;
}

const openUpcomingMeeting = async (page: Page) => {
  await page.getByRole('link', { name: /第二次联席会议/ }).first().click();
  await page.locator('#new-agenda-item').waitFor();
};

describe('a screen follows what the server allows, as it changes', () => {
  const world = e2eWorld();

  it('a unit made observer sees the agenda turn read-only with the reason; logging out in another tab ends this one', async () => {
    const api = await secretaryApi(world.server.url);
    const rep = await loginInBrowser(world.browser, world.server.url, 'rep1');
    await openUpcomingMeeting(rep.page);
    const addTitle = rep.page.locator('#new-agenda-item');
    await addTitle.waitFor();

    const me = await api('GET', '/me');
    const allianceId = me.alliances[0].id as string;
    const rep1 = (await api('GET', '/users?pageSize=100')).items.find((u: { login: string }) => u.login === 'rep1');
    await api('PATCH', `/alliances/${allianceId}/members/${rep1.unit}`, { role: 'observer' });

    const note = rep.page.getByTestId('read-only-note').filter({ hasText: '列席单位' });
    await note.waitFor();
    expect(await addTitle.count()).toBe(0);
    // The screen re-reads the alliance: what an observer may not do is no longer offered.
    await expect.poll(() => rep.page.getByRole('button', { name: '列入议程' }).count()).toBe(0);
    await rep.page.screenshot({ path: screenshotPath('access-observer-zh-CN-1440'), fullPage: true });

    await api('PATCH', `/alliances/${allianceId}/members/${rep1.unit}`, { role: 'member' });
    await addTitle.waitFor();
    await note.waitFor({ state: 'detached' });

    // Logging out in a second tab of the same browser ends the session this tab rides on too.
    const other = await rep.context.newPage();
    await other.goto(`${world.server.url}/`);
    await other.getByRole('button', { name: '退出登录' }).click();
    await other.waitForURL(/\/login/);
    await rep.page.waitForURL(/\/login/, { timeout: 15_000 });
    await rep.context.close();
  });

  it('the same in English at phone width', async () => {
    const api = await secretaryApi(world.server.url);
    const rep = await loginInBrowser(world.browser, world.server.url, 'rep2', { width: 390, locale: 'en' });
    await openUpcomingMeeting(rep.page);
    const me = await api('GET', '/me');
    const allianceId = me.alliances[0].id as string;
    const rep2 = (await api('GET', '/users?pageSize=100')).items.find((u: { login: string }) => u.login === 'rep2');
    await api('PATCH', `/alliances/${allianceId}/members/${rep2.unit}`, { role: 'observer' });
    await rep.page.getByTestId('read-only-note').filter({ hasText: 'read-only for you' }).waitFor();
    await rep.page.screenshot({ path: screenshotPath('access-observer-en-390'), fullPage: true });
    await api('PATCH', `/alliances/${allianceId}/members/${rep2.unit}`, { role: 'member' });
    await rep.context.close();
  });

  it('a meeting scheduled or cancelled by the secretary changes on an open meeting page without a reload', async () => {
    const api = await secretaryApi(world.server.url);
    const me = await api('GET', '/me');
    const allianceId = me.alliances[0].id as string;
    const meeting = await api('POST', `/alliances/${allianceId}/meetings`, {
      title: '临时联席会议：防汛准备',
      scheduledAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      place: '街道会议室',
    });
    const rep = await loginInBrowser(world.browser, world.server.url, 'rep1');
    await rep.page.goto(`${world.server.url}/meetings/${meeting.id}`);
    const status = rep.page.locator('.status').first();
    await expect.poll(() => status.textContent()).toBe('草稿');
    await api('POST', `/meetings/${meeting.id}/schedule`);
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('已安排');
    await api('POST', `/meetings/${meeting.id}/cancel`);
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('已取消');
    await rep.page.screenshot({ path: screenshotPath('meeting-cancelled-live-zh-CN-1440'), fullPage: true });
    await rep.context.close();
  });

  it('a unit removed from the alliance loses the open meeting at once (phone, zh-CN)', async () => {
    const api = await secretaryApi(world.server.url);
    const rep = await loginInBrowser(world.browser, world.server.url, 'rep4', { width: 390 });
    await openUpcomingMeeting(rep.page);
    const me = await api('GET', '/me');
    const allianceId = me.alliances[0].id as string;
    const rep4 = (await api('GET', '/users?pageSize=100')).items.find((u: { login: string }) => u.login === 'rep4');
    await api('DELETE', `/alliances/${allianceId}/members/${rep4.unit}`);
    // The screen re-reads the meeting, which the server now refuses: it says so instead of showing a stale page.
    await rep.page.locator('#new-agenda-item').waitFor({ state: 'detached', timeout: 15_000 });
    await rep.page.getByRole('alert').filter({ hasText: '已不在该联合体中' }).waitFor();
    await rep.page.getByRole('link', { name: '返回工作台' }).waitFor();
    await rep.page.screenshot({ path: screenshotPath('access-removed-zh-CN-390'), fullPage: true });
    await rep.context.close();
  });
});
