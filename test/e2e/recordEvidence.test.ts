import fs from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tinyPng } from './support/png.js';
import { a11yViolations } from './support/a11y.js';
import { e2eWorld } from './support/server.js';
import { loginInBrowser } from './support/session.js';

const ALLIANCE = '和平街道区域化党建大工委';
const SHOTS = '/tmp/shots-h13';

const imagesLoaded = (page: Page, section: string) =>
  page.locator(`${section} img.ev-thumb`).evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0));

/**
 * 需求附件 and 吹哨佐证 in the browser: a photo added on the demand's and on the whistle's page
 * shows there at once; a file that is not what it says is refused under itself.
 */
describe('attachments on a demand and a whistle', () => {
  const world = e2eWorld();

  it('a photo added to a demand and to a whistle shows at once; a false photo is refused', async () => {
    await fs.mkdir(SHOTS, { recursive: true });
    const url = world.server.url;
    const setup = await loginInBrowser(world.browser, url, 'secretary');
    const api = setup.page.request;
    const me = await (await api.get(`${url}/api/me`)).json();
    const allianceId = (me.alliances as { id: string; name: string }[]).find((a) => a.name === ALLIANCE)!.id;
    const demands = await (await api.get(`${url}/api/alliances/${allianceId}/demands?q=${encodeURIComponent('日间照料')}`)).json();
    const demandId = demands.items[0].id as string;
    const whistles = await (await api.get(`${url}/api/alliances/${allianceId}/whistles`)).json();
    const whistleId = whistles.items[0].id as string;
    await setup.context.close();

    for (const width of [1440, 390]) {
      const { context, page } = await loginInBrowser(world.browser, url, 'secretary', { width, height: 900 });
      for (const [owner, id] of [
        ['demands', demandId],
        ['whistles', whistleId],
      ] as const) {
        await page.goto(`${url}/${owner}/${id}`);
        const section = page.getByTestId('record-evidence');
        await section.getByRole('heading', { level: 2, name: owner === 'demands' ? '附件' : '佐证材料' }).waitFor();
        const input = section.locator('input[type=file][multiple]');
        if (width === 1440) {
          await input.setInputFiles({ name: '假照片.png', mimeType: 'image/png', buffer: Buffer.from('MZ\x90\x00 not a picture', 'latin1') });
          await section.getByText('「假照片.png」不能上传', { exact: false }).waitFor();
          await section.getByRole('button', { name: '移除「假照片.png」' }).click();
          await input.setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: tinyPng(160, 120, [70, 130, 180]) });
        }
        await section.getByRole('img', { name: '现场照片.png' }).waitFor();
        await expect.poll(() => imagesLoaded(page, '[data-testid="record-evidence"]')).toEqual([true]);
        // The upload left the queue: it is one of the record's files now.
        expect(await section.getByTestId('evidence-queue').count()).toBe(0);
        await page.screenshot({ path: `${SHOTS}/${owner === 'demands' ? 'demand' : 'whistle'}-zh-CN-${width}.png`, fullPage: true });
      }
      await context.close();
    }

    // A wrong photo comes off again: 移除, a confirmation, and it is gone for everyone.
    const { context, page } = await loginInBrowser(world.browser, url, 'secretary', { width: 390, height: 900, axe: true });
    await page.goto(`${url}/demands/${demandId}`);
    const section = page.getByTestId('record-evidence');
    await section.getByRole('img', { name: '现场照片.png' }).first().waitFor();
    const before = await section.getByRole('img', { name: '现场照片.png' }).count();
    await section.getByRole('button', { name: '移除“现场照片.png”' }).first().click();
    const confirm = page.getByRole('dialog', { name: '移除文件' });
    await confirm.getByText('确定移除“现场照片.png”吗？').waitFor();
    await page.screenshot({ path: `${SHOTS}/demand-remove-zh-CN-390.png` });
    expect(await a11yViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: '移除' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expect.poll(() => section.getByRole('img', { name: '现场照片.png' }).count()).toBe(before - 1);
    await context.close();
  }, 180_000);
});
