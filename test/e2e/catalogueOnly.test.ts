import { describe, expect, it } from 'vitest';
import { collectData, expectCatalogueOnly, PSEUDO_INIT, strayStrings } from './support/catalogueOnly.js';
import { e2eWorld } from './support/server.js';
import { DEMO_PASSWORD } from './support/session.js';

/**
 * "No hard-coded strings", checked where it matters: in the rendered screens. The app runs
 * pseudo-localised, so every catalogue string shows between ⟦ and ⟧; any other visible text must
 * be data from the server or digits, punctuation and dates.
 */
describe('every string a screen renders comes from the i18n catalogue', () => {
  const world = e2eWorld();

  it('has a working check: a string outside the catalogue is caught', async () => {
    const page = await world.browser.newPage();
    await page.addInitScript(PSEUDO_INIT);
    const data = collectData(page);
    await page.goto(`${world.server.url}/login`);
    await page.getByRole('button', { name: /登录/ }).waitFor();
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<p>Hard-coded 文字</p>'));
    expect(await strayStrings(page, data)).toEqual(['Hard-coded 文字']);
    await page.close();
  });

  it('login, workbench, alliance, meeting and decision screens', async () => {
    const context = await world.browser.newContext({
      viewport: { width: 1440, height: 900 },
      timezoneId: 'Asia/Shanghai',
    });
    await context.addInitScript(PSEUDO_INIT);
    const page = await context.newPage();
    const data = collectData(page);

    await page.goto(`${world.server.url}/login`);
    await page.getByRole('button', { name: /登录/ }).waitFor();
    await expectCatalogueOnly(page, data, 'login');
    await page.getByLabel('登录名').fill('secretary');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: /登录/ }).click();
    await page.getByRole('alert').waitFor();
    await expectCatalogueOnly(page, data, 'login error');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登录/ }).click();
    await page.getByRole('heading', { level: 1, name: /您好/ }).waitFor();
    await expectCatalogueOnly(page, data, 'workbench');

    await page.getByRole('link', { name: '和平街道区域化党建大工委' }).first().click();
    await page.getByRole('heading', { level: 1, name: '和平街道区域化党建大工委' }).waitFor();
    await expectCatalogueOnly(page, data, 'alliance');

    await page.getByRole('link', { name: '第二次联席会议：背街小巷环境整治' }).first().click();
    await page.getByRole('heading', { level: 1, name: '第二次联席会议：背街小巷环境整治' }).waitFor();
    await expectCatalogueOnly(page, data, 'meeting');

    const agendaTitle = '辖区停车秩序治理';
    const decisionTitle = '关于辖区停车秩序治理的决议';
    await page.getByLabel('新建决议草案').fill(decisionTitle);
    await page.getByRole('button', { name: /创建/ }).first().click();
    await page.getByRole('link', { name: decisionTitle }).click();
    await page.getByRole('textbox', { name: /决议正文/ }).waitFor();
    await expectCatalogueOnly(page, data, 'decision', [agendaTitle]);

    await page.goto(`${world.server.url}/no-such-page`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectCatalogueOnly(page, data, 'not found');
    await context.close();
  });
});
