import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { screenshotPath } from './support/browser.js';
import { tinyPng } from './support/png.js';
import { e2eWorld } from './support/server.js';
import { loginInBrowser } from './support/session.js';

const ITEM = '背街小巷雨污管网改造';
const SHOTS = '/tmp/shots-h2';

/** Nothing spills sideways on a phone. */
const spilling = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => `${e.tagName}.${e.className}`),
  );

async function shoot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  await page.screenshot({ path: screenshotPath(`evidence-${name}`), fullPage: true });
}

/** Every picture on the page has really loaded (a broken image has no natural width). */
const thumbnailsLoaded = (page: Page) =>
  page.locator('img.ev-thumb').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0));

/**
 * 佐证材料 and 配合单位分工 in the browser: the lead unit reports from a phone with a photo; a
 * cooperating unit reports on its own part with a PDF; both show on the item's page.
 */
describe('evidence (佐证材料) and cooperating units’ parts in the browser', () => {
  const world = e2eWorld();
  let itemUrl = '';

  it('the lead unit, on a phone, reports progress with a photo; the thumbnail shows in the timeline', async () => {
    const sec = await loginInBrowser(world.browser, world.server.url, 'secretary');
    const api = sec.page.request;
    const me = await (await api.get(`${world.server.url}/api/me`)).json();
    const allianceId = me.alliances[0].id as string;
    const alliance = await (await api.get(`${world.server.url}/api/alliances/${allianceId}`)).json();
    const unitId = (name: string) =>
      (alliance.memberships as { unit: { id: string; name: string } }[]).find((m) => m.unit.name === name)!.unit.id;
    const created = await api.post(`${world.server.url}/api/alliances/${allianceId}/action-items`, {
      headers: { origin: world.server.url },
      data: {
        title: ITEM,
        description: '对和平里片区 6 条背街小巷实施雨污分流改造。',
        leadUnit: unitId('和平里社区党委'),
        cooperatingUnits: [unitId('区住房和城乡建设局'), unitId('区城市管理综合行政执法局')],
        responsiblePerson: '李秀英',
        measures: '先易后难，分段施工，每周通报。',
        dueDate: '2099-06-30',
      },
    });
    expect(created.status()).toBe(201);
    itemUrl = `${world.server.url}/action-items/${(await created.json()).id as string}`;
    await sec.context.close();

    // rep2 speaks for the lead unit (和平里社区党委), on a phone.
    const lead = await loginInBrowser(world.browser, world.server.url, 'rep2', { width: 390, height: 844 });
    const page = lead.page;
    await page.goto(itemUrl);
    await page.getByRole('heading', { level: 1, name: ITEM }).waitFor();
    await page.getByLabel('本阶段推进情况').fill('完成和平里东巷管网开挖，附现场照片。');
    await page.getByLabel('完成进度（%）').fill('35');

    // A file whose bytes are not what its name says is refused, named, under itself.
    const picker = page.locator('#ai-report-evidence');
    await picker.setInputFiles({ name: '假照片.png', mimeType: 'image/png', buffer: Buffer.from('MZ\x90\x00 not a picture', 'latin1') });
    await page.getByText('「假照片.png」不能上传', { exact: false }).waitFor();

    await picker.setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: tinyPng(160, 120) });
    const queue = page.getByTestId('evidence-queue');
    await queue.getByText('已上传').waitFor();
    // A refused file left in the list holds the report back until it is removed.
    await page.getByRole('button', { name: '报送', exact: true }).click();
    await page.getByText('请先移除上传失败的文件，或重试上传。').waitFor();
    await page.locator('section[aria-labelledby="ai-report"]').screenshot({ path: `${SHOTS}/zh-390-form.png` });
    await page.getByRole('button', { name: '移除「假照片.png」' }).click();
    await page.getByRole('button', { name: '报送', exact: true }).click();
    await page.getByText('推进情况已报送。').waitFor();

    const timeline = page.getByTestId('progress-timeline');
    const thumb = timeline.getByRole('img', { name: '现场照片.png' });
    await thumb.waitFor();
    await expect.poll(() => thumbnailsLoaded(page)).toEqual([true]);
    expect(await timeline.getByRole('link', { name: /打开「现场照片.png」/ }).getAttribute('href')).toMatch(/^\/api\/evidence\/[0-9a-f]{24}$/);
    // The picked files are cleared once sent.
    expect(await page.getByTestId('evidence-queue').count()).toBe(0);
    // The parts are stacked on a phone, the lead's summary first.
    const cards = page.getByTestId('action-item-parts').locator('> li');
    expect(await cards.count()).toBe(3);
    const boxes = await cards.evaluateAll((lis) => lis.map((li) => li.getBoundingClientRect().left));
    expect(new Set(boxes.map(Math.round)).size).toBe(1);
    expect(await spilling(page)).toEqual([]);
    await shoot(page, 'zh-390-lead-report');
    await timeline.screenshot({ path: `${SHOTS}/zh-390-timeline.png` });
    await page.getByTestId('action-item-parts').screenshot({ path: `${SHOTS}/zh-390-parts.png` });
    await lead.context.close();
  }, 180_000);

  it('a cooperating unit, at a desk, names its responsible person and reports on its part with a PDF', async () => {
    // rep5 speaks for 区住房和城乡建设局.
    const coop = await loginInBrowser(world.browser, world.server.url, 'rep5');
    const page = coop.page;
    await page.goto(itemUrl);
    const card = page.locator('.ai-part', { hasText: '区住房和城乡建设局' });
    await card.getByRole('button', { name: '确定责任人' }).click();
    await card.getByLabel('区住房和城乡建设局的分工责任人').fill('陈静');
    await card.getByRole('button', { name: '保存' }).click();
    await card.getByText('责任人已保存。').waitFor();

    await card.getByRole('button', { name: '报送本单位分工推进情况' }).click();
    await card.getByLabel('本阶段推进情况').fill('完成东巷 3 处管线迁改的审批。');
    await card.getByLabel('本单位分工完成进度（%）').fill('50');
    await card.locator('input[type=file][multiple]').setInputFiles({
      name: '管线迁改审批意见.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
    });
    await card.getByText('已上传').waitFor();
    await card.getByRole('button', { name: '报送', exact: true }).click();
    await card.getByText('完成东巷 3 处管线迁改的审批。').waitFor();
    await card.getByRole('link', { name: /打开「管线迁改审批意见.pdf」/ }).waitFor();
    await card.getByText('本单位分工完成 50%').waitFor();
    // The form closes once the report is in.
    await card.getByRole('button', { name: '报送本单位分工推进情况' }).waitFor();
    await card.getByText('推进情况已报送。').waitFor();
    // Side by side on a desk: the lead's summary and the two parts on one row.
    const tops = await page.getByTestId('action-item-parts').locator('> li').evaluateAll((lis) => lis.map((li) => Math.round(li.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    // The other cooperating unit's card offers rep5 nothing to report.
    const other = page.locator('.ai-part', { hasText: '区城市管理综合行政执法局' });
    expect(await other.getByRole('button', { name: '报送本单位分工推进情况' }).count()).toBe(0);
    await expect.poll(() => thumbnailsLoaded(page)).toEqual([true]);
    await shoot(page, 'zh-1440-parts');
    await page.getByTestId('action-item-parts').screenshot({ path: `${SHOTS}/zh-1440-parts-grid.png` });
    await coop.context.close();
  }, 180_000);

  it('the same page in English, on a desk and on a phone', async () => {
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      const s = await loginInBrowser(world.browser, world.server.url, 'rep5', { locale: 'en', width, height });
      await s.page.goto(itemUrl);
      await s.page.getByRole('heading', { level: 2, name: 'Cooperating units’ parts' }).waitFor();
      await s.page.getByRole('button', { name: 'Report on our part' }).click();
      await s.page.getByText('Drop files here, or').waitFor();
      await s.page.getByRole('link', { name: /Open “管线迁改审批意见.pdf” \(PDF, / }).waitFor();
      await expect.poll(() => thumbnailsLoaded(s.page)).toEqual([true]);
      if (width === 390) expect(await spilling(s.page)).toEqual([]);
      await shoot(s.page, `en-${width}-item`);
      await s.context.close();
    }
  }, 180_000);
});
