import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshotPath } from './support/browser.js';
import { apiSession } from './support/meetingDriver.js';
import { tinyPng } from './support/png.js';
import { e2eWorld } from './support/server.js';
import { loginInBrowser } from './support/session.js';

const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-h10';
const LEAD_UNIT = '和平里社区党委';
const DAY_MS = 86_400_000;
/** The server's clock starts now and is moved forward a week per item, so 签收 is late. */
const START = new Date();

/** Nothing spills sideways on a phone. */
const spilling = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => `${e.tagName}.${e.className}`),
  );

async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  await page.screenshot({ path: screenshotPath(`between-${name}`), fullPage: true });
}

const bellCount = async (page: Page) => {
  const badge = page.getByTestId('bell-count');
  return (await badge.count()) === 0 ? 0 : Number(await badge.textContent());
};

/**
 * Counts the times a page loads a document. A live screen must change without one: the count
 * stays 0, and a mark left on the window survives.
 */
async function watchNavigations(page: Page): Promise<() => Promise<{ loads: number; sameWindow: boolean }>> {
  let loads = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) loads++;
  });
  await page.evaluate(() => {
    (window as unknown as { tongxinMark?: number }).tongxinMark = 1;
  });
  return async () => ({
    loads,
    sameWindow: await page.evaluate(() => (window as unknown as { tongxinMark?: number }).tongxinMark === 1),
  });
}

const WORDS = {
  'zh-CN': {
    toAcknowledge: '待签收',
    acknowledge: '签收',
    text: '本阶段推进情况',
    percent: '完成进度（%）',
    report: '报送',
    reported: '推进情况已报送。',
    uploaded: '已上传',
    todo: '待办',
    inProgress: '进行中',
    yellowLate: '黄灯未按时签收',
    greenOnTrack: '绿灯正常推进',
    ackDone: /已签收 · .* · 李秀英/,
  },
  en: {
    toAcknowledge: 'To acknowledge',
    acknowledge: 'Acknowledge',
    text: 'What was done',
    percent: 'Completion (%)',
    report: 'Report',
    reported: 'Progress reported.',
    uploaded: 'Uploaded',
    todo: 'To do',
    inProgress: 'In progress',
    yellowLate: 'Yellownot acknowledged in time',
    greenOnTrack: 'Greenon track',
    ackDone: /Acknowledged · .* · 李秀英/,
  },
} as const;

/**
 * Between meetings, in the browser (issue 14, "done when"): the lead unit's person, on a phone,
 * acknowledges (签收) an item whose 签收 is late and reports progress with a photo; the secretary,
 * at a desk with the item and the ledger open, sees the light turn from yellow to green, the status
 * change and the bell count rise — without reloading either page.
 */
describe('between meetings: a lead unit on a phone, a secretary at a desk', () => {
  // The reminder scheduler is off: the bell counts only what the people in the test do.
  const world = e2eWorld({ NODE_ENV: 'test', TEST_CLOCK_AT: START.toISOString(), REMINDER_TICK_MS: '0' });
  let weeks = 0;

  /** The secretary assigns an item through the API, as after a meeting; then a week passes. */
  async function assignAndWaitAWeek(title: string): Promise<{ itemId: string; allianceId: string }> {
    const base = world.server.url;
    const secretary = await apiSession(base, 'secretary');
    const [mine] = (await secretary.get<{ alliances: { id: string }[] }>('/me')).alliances;
    const alliance = await secretary.get<{ memberships: { unit: { id: string; name: string } }[] }>(`/alliances/${mine!.id}`);
    const unitId = (name: string) => alliance.memberships.find((m) => m.unit.name === name)!.unit.id;
    const item = await secretary.post<{ id: string }>(`/alliances/${mine!.id}/action-items`, {
      title,
      description: '对辖区背街小巷的照明设施逐一排查，损坏的限期修复。',
      leadUnit: unitId(LEAD_UNIT),
      cooperatingUnits: [unitId('区住房和城乡建设局')],
      responsiblePerson: '李秀英',
      measures: '夜间巡查，建立台账，逐项销号。',
      dueDate: '2099-06-30',
    });
    // A week later 签收 (2 working days) is late: the item shows yellow.
    weeks += 1;
    const moved = await fetch(`${base}/api/test/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: base, authorization: `Bearer ${secretary.token}` },
      body: JSON.stringify({ at: new Date(START.getTime() + weeks * 7 * DAY_MS).toISOString() }),
    });
    expect(moved.status).toBe(200);
    return { itemId: item.id, allianceId: mine!.id };
  }

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`the lead unit acknowledges and reports with a photo from a phone; the secretary's screens follow live (${locale})`, async () => {
      const w = WORDS[locale];
      const title = locale === 'en' ? '背街小巷路灯排查修复（英文界面）' : '背街小巷路灯排查修复';
      const { itemId, allianceId } = await assignAndWaitAWeek(title);
      const base = world.server.url;

      // The secretary, at a desk: the item in one tab, the ledger in another.
      const sec = await loginInBrowser(world.browser, base, 'secretary', { width: 1440, locale });
      const item = sec.page;
      await item.goto(`${base}/action-items/${itemId}`);
      await item.getByRole('heading', { level: 1, name: title }).waitFor();
      const light = item.locator('.ai-headline').getByTestId('status-light');
      await expect.poll(() => light.textContent(), { timeout: 15_000 }).toBe(w.yellowLate);
      expect(await light.getAttribute('data-light')).toBe('yellow');
      await item.getByTestId('ack-waiting').waitFor();
      const status = item.locator('.ai-headline .ai-status');
      expect(await status.textContent()).toBe(w.todo);
      const ledger = await sec.context.newPage();
      await ledger.goto(`${base}/alliances/${allianceId}`);
      const row = ledger.getByTestId('ledger-row').filter({ hasText: title });
      await row.getByTestId('ack-badge').waitFor();
      expect(await row.getByTestId('status-light').getAttribute('data-light')).toBe('yellow');
      await item.bringToFront();
      const bellBefore = await bellCount(item);
      const itemLoads = await watchNavigations(item);
      const ledgerLoads = await watchNavigations(ledger);
      await shot(item, `secretary-before-${locale}-1440`);

      // The lead unit's person, on a phone: the item waits for 签收 on the home page.
      const lead = await loginInBrowser(world.browser, base, 'rep2', { width: 390, height: 844, locale, mobile: true });
      const phone = lead.page;
      const mine = phone.getByTestId('my-unit-items').locator('li', { hasText: title });
      await mine.getByText(w.toAcknowledge).waitFor();
      await mine.getByRole('link', { name: title }).tap();
      await phone.getByRole('heading', { level: 1, name: title }).waitFor();
      const banner = phone.getByTestId('ack-banner');
      await banner.waitFor();
      expect(await spilling(phone)).toEqual([]);
      await shot(phone, `lead-to-acknowledge-${locale}-390`);
      // The 签收 button is within a thumb's reach: big enough to tap.
      const ackButton = banner.getByRole('button', { name: w.acknowledge, exact: true });
      const box = (await ackButton.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(40);
      await ackButton.tap();
      await phone.getByTestId('ack-done').getByText(w.ackDone).waitFor();

      // The secretary's item page and ledger follow: the light turns green.
      await expect.poll(() => light.textContent(), { timeout: 15_000 }).toBe(w.greenOnTrack);
      expect(await light.getAttribute('data-light')).toBe('green');
      await item.getByTestId('ack-done').waitFor();
      await expect.poll(() => row.getByTestId('status-light').getAttribute('data-light'), { timeout: 15_000 }).toBe('green');
      expect(await row.getByTestId('ack-badge').count()).toBe(0);

      // The lead unit reports progress with a photo taken on site.
      await phone.getByLabel(w.text).fill('已排查 12 条背街小巷，修复路灯 9 盏，附现场照片。');
      await phone.getByLabel(w.percent).fill('40');
      await phone.locator('#ai-report-evidence').setInputFiles({
        name: '路灯修复现场.png',
        mimeType: 'image/png',
        buffer: tinyPng(320, 240, [240, 200, 60]),
      });
      await phone.getByTestId('evidence-queue').getByText(w.uploaded).waitFor();
      const report = phone.getByRole('button', { name: w.report, exact: true });
      await report.scrollIntoViewIfNeeded();
      await report.tap();
      await phone.getByText(w.reported).waitFor();
      await phone.getByTestId('progress-timeline').getByRole('img', { name: '路灯修复现场.png' }).waitFor();
      expect(await spilling(phone)).toEqual([]);
      await shot(phone, `lead-reported-${locale}-390`);

      // The secretary sees the report, the status and the photo, and the bell counts it — no reload.
      await expect.poll(() => status.textContent(), { timeout: 15_000 }).toBe(w.inProgress);
      await expect.poll(() => bellCount(item), { timeout: 15_000 }).toBe(bellBefore + 1);
      const thumb = item.getByTestId('progress-timeline').getByRole('img', { name: '路灯修复现场.png' });
      await thumb.waitFor();
      await expect
        .poll(() => thumb.evaluate((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0))
        .toBe(true);
      await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('40%');
      expect(await light.getAttribute('data-light')).toBe('green');
      expect(await itemLoads()).toEqual({ loads: 0, sameWindow: true });
      expect(await ledgerLoads()).toEqual({ loads: 0, sameWindow: true });
      await shot(item, `secretary-after-${locale}-1440`);
      await ledger.bringToFront();
      await shot(ledger, `secretary-ledger-${locale}-1440`);

      await lead.context.close();
      await sec.context.close();
    }, 240_000);
  }
});
