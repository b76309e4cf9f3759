import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { e2eWorld } from './support/server.js';
import { loginInBrowser } from './support/session.js';

const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-h12';
const ALLIANCE = '和平街道区域化党建大工委';
const LATE_PROJECT = '青年湖小区错时共享停车';
const SOON_PROJECT = '和平里七区背街小巷环境提升共建';
const CARE_DEMAND = '独居老人日间照料和健康监测';

/** Nothing spills sideways on a phone. */
const spilling = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => `${e.tagName}.${e.className}`),
  );

/**
 * What a new installation shows: the demo alliance's three lists, its joint projects on the work
 * ledger (工作台账) with their lights, a project held to its late milestone, and a seeded demand's
 * suggested resources — in Chinese and English, on a desktop and a phone.
 */
describe('the seeded lists and the ledger’s joint projects in the browser', () => {
  const world = e2eWorld();

  it('the ledger lists the projects under way, red before yellow, each a link to its page', async () => {
    const { context, page } = await loginInBrowser(world.browser, world.server.url, 'secretary');
    await page.getByRole('link', { name: ALLIANCE }).first().click();
    const section = page.getByTestId('project-ledger');
    await section.getByRole('heading', { name: '共建项目' }).waitFor();
    const rows = section.getByTestId('ledger-project-row');
    await rows.first().waitFor();
    expect(await rows.locator('th a').allTextContents()).toEqual([LATE_PROJECT, SOON_PROJECT]);
    expect(await rows.getByTestId('status-light').evaluateAll((b) => b.map((e) => e.getAttribute('data-light')))).toEqual(['red', 'yellow']);
    expect(await rows.first().textContent()).toContain('已逾期 3 天');
    expect(await rows.first().textContent()).toContain('完成车辆登记和门禁改造');
    // The action items' own counts and filters are untouched by the projects beside them.
    expect(await page.locator('section.ai-ledger').getByTestId('ledger-project-row').count()).toBe(0);

    await rows.first().getByRole('link', { name: LATE_PROJECT }).click();
    await page.getByRole('heading', { level: 1, name: LATE_PROJECT }).waitFor();
    expect(await page.getByTestId('status-light').first().getAttribute('data-light')).toBe('red');
    expect(await page.getByTestId('project-next').textContent()).toContain('完成车辆登记和门禁改造');
    await context.close();
  }, 120_000);

  it('every screen in Chinese and English, desktop and phone: no axe A/AA violation, nothing spilling', async () => {
    await fs.mkdir(SHOTS, { recursive: true });
    const setup = await loginInBrowser(world.browser, world.server.url, 'secretary');
    const api = setup.page.request;
    const me = await (await api.get(`${world.server.url}/api/me`)).json();
    const allianceId = (me.alliances as { id: string; name: string }[]).find((a) => a.name === ALLIANCE)!.id;
    const ledger = await (await api.get(`${world.server.url}/api/alliances/${allianceId}/ledger/projects`)).json();
    const soonId = (ledger.items as { id: string; title: string }[]).find((p) => p.title === SOON_PROJECT)!.id;
    const care = await (await api.get(`${world.server.url}/api/alliances/${allianceId}/demands?q=${encodeURIComponent('日间照料')}`)).json();
    const careId = care.items[0].id as string;
    await setup.context.close();

    for (const locale of ['zh-CN', 'en'] as const) {
      for (const width of [1440, 390]) {
        const zh = locale === 'zh-CN';
        const tag = `${locale}-${width}`;
        const { context, page } = await loginInBrowser(world.browser, world.server.url, 'secretary', { locale, width, height: 900, axe: true });

        // The alliance page's ledger and, under it, the joint projects.
        await page.goto(`${world.server.url}/alliances/${allianceId}`);
        const section = page.getByTestId('project-ledger');
        await section.getByTestId('ledger-project-row').first().waitFor();
        await section.scrollIntoViewIfNeeded();
        await section.screenshot({ path: path.join(SHOTS, `ledger-projects-${tag}.png`) });
        expect(await a11yViolations(page, ['[data-testid="project-ledger"]']), `ledger ${tag}`).toEqual([]);
        if (width < 500) expect(await spilling(page), `ledger ${tag}`).toEqual([]);

        const screens: [string, string, string][] = [
          ['demands', `/alliances/${allianceId}/lists`, zh ? '三张清单' : 'Three lists'],
          ['resources', `/alliances/${allianceId}/lists?tab=resources`, zh ? '三张清单' : 'Three lists'],
          ['projects', `/alliances/${allianceId}/lists?tab=projects`, zh ? '三张清单' : 'Three lists'],
          ['project', `/projects/${soonId}`, SOON_PROJECT],
          ['demand', `/demands/${careId}`, CARE_DEMAND],
        ];
        for (const [name, at, heading] of screens) {
          await page.goto(`${world.server.url}${at}`);
          await page.getByRole('heading', { level: 1, name: heading }).waitFor();
          await page.locator('.lists-item').first().waitFor();
          if (name === 'projects') await page.getByTestId('status-light').first().waitFor();
          if (name === 'demand') await page.getByTestId('suggestions').getByTestId('reasons').first().waitFor();
          await page.screenshot({ path: path.join(SHOTS, `${name}-${tag}.png`), fullPage: true });
          expect(await a11yViolations(page), `${name} ${tag}`).toEqual([]);
          if (width < 500) expect(await spilling(page), `${name} ${tag}`).toEqual([]);
        }
        if (zh) {
          // The seeded demand's suggestion says why, in words.
          const reasons = await page.getByTestId('suggestions').getByTestId('reasons').first().textContent();
          expect(reasons).toMatch(/^同类：养老服务 · 关键词：日间照料(、.+)? · 长期可用$/);
        }
        await context.close();
      }
    }
  }, 400_000);
});
