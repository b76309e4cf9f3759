import { describe, expect, it } from 'vitest';
import { genesisHash, namedEntryHash, sha256Hex, VOTE_RECORD_FORMAT, type NamedEntry, type VoteRecord } from '@tongxin/shared';
import { a11yViolations } from './support/a11y.js';
import { screenshotPath } from './support/browser.js';
import { e2eWorld } from './support/server.js';

describe('the start page in a real browser', () => {
  const world = e2eWorld();

  for (const width of [1440, 390]) {
    it(`greets a visitor with the login page in Chinese first, then in English, at ${width} px`, async () => {
      const context = await world.browser.newContext({ viewport: { width, height: 900 }, locale: 'en-US' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));

      await page.goto(world.server.url);
      await page.waitForURL(/\/login\?next=%2F$/);
      // Chinese by default, even for a browser that asks for English.
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
      await page.getByRole('heading', { level: 1, name: '登录同心' }).waitFor();
      await page.screenshot({ path: screenshotPath(`login-zh-CN-${width}`), fullPage: true });

      await page.getByRole('combobox', { name: '语言' }).selectOption('en');
      await page.getByRole('heading', { level: 1, name: 'Log in to Tongxin' }).waitFor();
      await page.screenshot({ path: screenshotPath(`login-en-${width}`), fullPage: true });

      // The choice persists across a reload.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Log in to Tongxin' }).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('表决核验: the /verify page, signed in or not, accepts a vote record and names what was changed in a tampered one', async () => {
    const record = sampleRecord();
    for (const [locale, width, run, passed, failed] of [
      ['zh-CN', 1440, '核验', '核验通过', '第 2 条记录的内容与它的哈希不符'],
      ['en', 390, 'Verify', 'Verified', 'Entry 2 does not match its hash'],
    ] as const) {
      // bypassCSP: only so the axe checker can be injected.
      const context = await world.browser.newContext({ viewport: { width, height: 844 }, bypassCSP: true });
      await context.addInitScript((l) => localStorage.setItem('tongxin.locale', l), locale);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${world.server.url}/verify`);
      const report = page.getByTestId('verify-report');
      await page.locator('#verify-text').fill(JSON.stringify(record, null, 2));
      await page.locator('#verify-receipt').fill(record.entries[0]!.hash);
      await page.getByRole('button', { name: run, exact: true }).click();
      await expect.poll(() => report.getAttribute('data-ok')).toBe('yes');
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain(passed);
      expect(await page.locator('[data-state="ok"]').count()).toBe(8);
      await page.screenshot({ path: screenshotPath(`verify-ok-${locale}-${width}`), fullPage: true });
      expect(await a11yViolations(page)).toEqual([]);

      const tampered = structuredClone(record);
      (tampered.entries[1] as NamedEntry).choice = 'for';
      await page.locator('#verify-text').fill(JSON.stringify(tampered, null, 2));
      await page.getByRole('button', { name: run, exact: true }).click();
      await expect.poll(() => report.getAttribute('data-ok')).toBe('no');
      expect(await page.locator('[data-check="chain"]').getAttribute('data-state')).toBe('failed');
      await expect.poll(() => page.getByRole('status').first().textContent()).toContain(failed);
      await page.screenshot({ path: screenshotPath(`verify-tampered-${locale}-${width}`), fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('serves the app shell for client-side routes and a helpful page for unknown ones', async () => {
    const page = await world.browser.newPage();
    const res = await page.goto(`${world.server.url}/no/such/page`);
    expect(res?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: '页面不存在' }).waitFor();
    await page.getByRole('link', { name: '返回工作台' }).click();
    await page.getByRole('heading', { level: 1, name: '登录同心' }).waitFor();
    await page.close();
  });
});

/** A closed named vote of three units as the server exports it (built with the shared record code). */
function sampleRecord(): VoteRecord {
  const text = '同意共建青年湖社区服务站。';
  const vote: VoteRecord['vote'] = {
    id: '65f000000000000000000001',
    meetingId: '65f0000000000000000000aa',
    title: '关于共建社区服务站的决定',
    text,
    textSha256: sha256Hex(text),
    threshold: 'simple_majority',
    basis: 'unit',
    secret: false,
    openedAt: '2026-03-05T06:30:00.000Z',
    status: 'closed',
    closedAt: '2026-03-05T06:40:00.000Z',
  };
  const genesis = genesisHash(vote);
  let prev = genesis;
  const entries = (['for', 'against', 'for'] as const).map((choice, i) => {
    const e = { seq: i + 1, voter: `65f00000000000000000010${i}`, choice, enteredByChair: false, prev };
    const hash = namedEntryHash(vote.id, e);
    prev = hash;
    return { ...e, voterName: ['青年湖社区党委', '区住建委', '安定门街道'][i]!, hash };
  });
  return {
    format: VOTE_RECORD_FORMAT,
    vote,
    genesis,
    entries,
    head: prev,
    length: entries.length,
    result: { outcome: 'adopted', counts: { for: 2, against: 1, abstain: 0 }, quorum: { eligible: 3, present: 3, required: 2, reached: true } },
    cancellation: null,
  };
}
