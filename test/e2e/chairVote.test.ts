import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { screenshotPath } from './support/browser.js';
import { apiSession, roomParticipant, type RoomParticipant } from './support/meetingDriver.js';
import { e2eWorld } from './support/server.js';
import { loginInBrowser } from './support/session.js';

const MEETING = '联席会议（举手表决）';
const VOTE = '关于共建社区停车场的决定';
/** Checked in on its behalf by the secretary (代签): nobody from it has a device in the room. */
const BY_HAND = '地坛社区党委';
/** Checked in by its representative, who does not vote. */
const SILENT = '青年湖社区党委';

const card = (page: Page) => page.getByTestId('vote').first();
/** Nothing spills sideways: the page is no wider than the window. */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function shoot(page: Page, name: string) {
  await card(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath(name), fullPage: true });
  await card(page).screenshot({ path: screenshotPath(`${name}-card`) });
  expect(await a11yViolations(page)).toEqual([]);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
}

/**
 * Issue #13's done-when: a meeting with one unit present by 代签 only. The chair enters its ballot
 * (举手), closing warns about the present unit that had not voted and names it, and the minutes say
 * one ballot was entered by the chair. The vote is counted at close: nobody sees a count before.
 */
describe('a vote where the chair enters the ballot of a unit present without a device', () => {
  const world = e2eWorld();

  it('the chair enters the 代签 unit’s ballot, is warned of the silent unit on closing, and the minutes say so', async () => {
    const base = world.server.url;
    const secretary = await apiSession(base, 'secretary');
    const [mine] = (await secretary.get<{ alliances: { id: string }[] }>('/me')).alliances;
    const units = new Map(
      (await secretary.get<{ memberships: { unit: { id: string; name: string } }[] }>(`/alliances/${mine!.id}`)).memberships.map(
        (m) => [m.unit.name, m.unit.id],
      ),
    );
    // rep1's unit convenes, so rep3 (in the browser) is a plain representative.
    const meeting = await secretary.post<{ id: string }>(`/alliances/${mine!.id}/meetings`, {
      title: MEETING,
      scheduledAt: new Date(Date.now() + 5 * 60_000).toISOString(),
      durationMinutes: 60,
      place: '和平街道党群服务中心',
      convenerUnit: units.get('和平街道党工委'),
    });
    await secretary.post(`/meetings/${meeting.id}/schedule`);
    const meetingId = meeting.id;

    // Three representatives check in themselves; the secretary checks in 地坛社区党委 on its behalf.
    const chair = await roomParticipant(base, 'secretary');
    const people: RoomParticipant[] = [];
    for (const login of ['rep1', 'rep2', 'rep3']) {
      const p = await roomParticipant(base, login);
      await p.emit('meeting:join', { meetingId });
      await p.emit('meeting:checkIn', { meetingId });
      people.push(p);
    }
    await chair.emit('meeting:join', { meetingId });
    await chair.emit('meeting:checkIn', { meetingId, unitId: units.get(BY_HAND) });
    await chair.emit('meeting:start', { meetingId });
    const vote = await chair.emit<{ id: string }>('vote:open', {
      meetingId,
      title: VOTE,
      text: '同意在和平里社区建设共享停车场。',
      tallyVisibility: 'at_close',
    });
    await people[0]!.emit('vote:cast', { voteId: vote.id, choice: 'for' });
    await people[1]!.emit('vote:cast', { voteId: vote.id, choice: 'against' });

    const sec = await loginInBrowser(world.browser, base, 'secretary', { width: 1440, locale: 'zh-CN', axe: true });
    const rep = await loginInBrowser(world.browser, base, 'rep3', { width: 390, height: 844, locale: 'en', axe: true });
    try {
      const liveUrl = `${base}/meetings/${meetingId}/live`;
      await sec.page.goto(liveUrl);
      await rep.page.goto(liveUrl);

      // Turnout against those present; no count before the close, for anyone.
      const turnout = () => card(sec.page).getByTestId('turnout').textContent();
      await expect.poll(turnout).toBe('已投 2 / 出席 4（应到 8）');
      expect(await card(sec.page).getByTestId('count-hidden').textContent()).toContain('结果将在表决结束后公布');
      await expect.poll(() => card(rep.page).getByTestId('turnout').textContent()).toBe('Voted 2 / present 4 (expected 8)');
      expect(await card(rep.page).getByTestId('count-hidden').textContent()).toContain('The result will be announced when the vote closes');

      // The chair sees the present units that have not voted, and enters 地坛社区党委's show of hands.
      const chairBlock = card(sec.page).getByRole('region', { name: '主持人操作' });
      const notVoted = chairBlock.getByTestId('not-voted');
      await expect.poll(() => notVoted.locator('.room-not-voted-name').allTextContents()).toEqual([SILENT, BY_HAND]);
      await chairBlock.getByRole('button', { name: `代为录入“${BY_HAND}”的表决` }).click();
      await chairBlock.getByRole('radio', { name: '同意' }).check();
      await shoot(sec.page, 'chair-vote-enter-zh-CN-1440');
      await chairBlock.getByRole('button', { name: '确认录入' }).click();
      await expect.poll(() => notVoted.locator('.room-not-voted-name').allTextContents()).toEqual([SILENT]);
      await expect.poll(turnout).toBe('已投 3 / 出席 4（应到 8）');

      // The representative's phone: their ballot first, no chair controls, the fingerprint behind 核验.
      const repCard = card(rep.page);
      await expect.poll(() => repCard.getByTestId('turnout').textContent()).toBe('Voted 3 / present 4 (expected 8)');
      expect(await repCard.getByTestId('vote-chair').count()).toBe(0);
      await repCard.getByRole('region', { name: 'Your ballot' }).getByRole('button', { name: 'Choose “Abstain”' }).waitFor();
      await repCard.getByTestId('vote-verify').locator('summary').click();
      expect(await repCard.getByTestId('vote-hash').textContent()).toMatch(/^[0-9a-f]{8}…$/);
      await shoot(rep.page, 'chair-vote-representative-en-390');

      // Closing asks first and names the present unit that has not voted.
      await chairBlock.getByRole('button', { name: '结束表决' }).click();
      const dialog = sec.page.getByRole('dialog', { name: '结束表决？' });
      await dialog.waitFor();
      expect(await dialog.getByTestId('close-not-voted').textContent()).toBe(`出席单位中还有 1 个未投票：${SILENT}`);
      await sec.page.screenshot({ path: screenshotPath('chair-vote-close-confirm-zh-CN-1440') });
      expect(await a11yViolations(sec.page)).toEqual([]);
      // The safe choice has the focus: Enter on an accidental click closes nothing.
      expect(await dialog.getByRole('button', { name: '暂不结束' }).evaluate((b) => b === document.activeElement)).toBe(true);
      await dialog.getByRole('button', { name: '确认结束表决' }).click();

      const result = card(sec.page).getByTestId('vote-result');
      await result.waitFor();
      expect(await result.textContent()).toContain('同意 2，反对 1，弃权 0');
      expect(await result.getByTestId('entered-by-chair').textContent()).toBe('其中 1 票由主持人代为录入（举手表决）。');
      await repCard.getByTestId('vote-result').waitFor();
      expect(await repCard.getByTestId('entered-by-chair').textContent()).toBe(
        '1 of these ballots were entered by the chair (show of hands).',
      );

      // The other two views: the chair on a phone in English, the representative on a desktop in Chinese.
      await sec.page.setViewportSize({ width: 390, height: 844 });
      await sec.page.locator('.lang-switch select').selectOption('en');
      await card(sec.page).getByText('1 of these ballots were entered by the chair (show of hands).').waitFor();
      await shoot(sec.page, 'chair-vote-result-chair-en-390');
      await rep.page.setViewportSize({ width: 1440, height: 900 });
      await rep.page.locator('.lang-switch select').selectOption('zh-CN');
      await card(rep.page).getByText('其中 1 票由主持人代为录入（举手表决）。').waitFor();
      await shoot(rep.page, 'chair-vote-result-representative-zh-CN-1440');

      // The minutes say how many ballots the chair entered.
      await chair.emit('meeting:adjourn', { meetingId });
      const md = await fetch(`${base}/api/meetings/${meetingId}/minutes.md`, {
        headers: { authorization: `Bearer ${secretary.token}` },
      });
      expect(md.status).toBe(200);
      expect(await md.text()).toContain('其中1票由主持人代为录入（举手表决）。');
    } finally {
      await sec.context.close();
      await rep.context.close();
      for (const p of [chair, ...people]) p.disconnect();
    }
  });
});
