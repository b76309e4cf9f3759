import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { e2eWorld } from './support/server.js';
import { loginInBrowser } from './support/session.js';

const ALLIANCE = '和平街道区域化党建大工委';
const UPCOMING = '第二次联席会议：背街小巷环境整治';
const DEMAND = '老人助餐';
const RESOURCE = '职工食堂助餐服务';
const PROJECT = '和平里老人助餐点共建';
const SHOTS = '/tmp/shots-h8';

/** Nothing spills sideways on a phone. */
const spilling = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => `${e.tagName}.${e.className}`),
  );

/**
 * 三张清单 in the browser: a community raises a demand; the suggested resource (with why) is
 * offered and accepted; the resource's unit leads a joint project with the community and a
 * milestone, and puts it on the next meeting's agenda.
 */
describe('the three lists (三张清单) in the browser', () => {
  const world = e2eWorld();
  let demandUrl = '';
  let projectUrl = '';
  let listsUrl = '';

  it('a community raises a demand, a resource is suggested with its reasons and claimed, and a joint project goes on the agenda', async () => {
    const url = world.server.url;
    // 城投建设集团 (rep7) has published its canteen as a resource.
    const company = await loginInBrowser(world.browser, url, 'rep7');
    const me = await (await company.page.request.get(`${url}/api/me`)).json();
    const allianceId = me.alliances[0].id as string;
    listsUrl = `/alliances/${allianceId}/lists`;
    const created = await company.page.request.post(`${url}/api/alliances/${allianceId}/resources`, {
      headers: { origin: url },
      data: {
        unit: me.user.unit,
        kind: 'expertise',
        category: '养老服务',
        title: RESOURCE,
        description: '工作日中午为辖区老人提供助餐 30 份',
        quantity: '每天 30 份',
        availableTo: '2099-12-31',
        contact: '后勤处 李师傅',
      },
    });
    expect(created.status()).toBe(201);

    // 和平里社区党委 (rep2) raises the demand from the alliance page.
    const community = await loginInBrowser(world.browser, url, 'rep2');
    const cp = community.page;
    await cp.getByRole('link', { name: ALLIANCE }).first().click();
    await cp.getByRole('link', { name: '需求、资源、项目清单' }).click();
    await cp.getByRole('heading', { level: 1, name: '三张清单' }).waitFor();
    await cp.getByRole('button', { name: '发布需求' }).click();
    const form = cp.getByTestId('demand-form');
    // Checked with the shared schema before anything is sent: the error sits under its field.
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByText('请填写此项。').first().waitFor();
    await form.getByLabel('标题').fill(DEMAND);
    await form.getByLabel('描述').fill('辖区独居老人午餐没有着落，希望就近开设助餐点');
    await form.getByLabel('类别').selectOption('养老服务');
    await form.getByLabel('紧急程度').selectOption('pressing');
    await form.getByLabel('地点').fill('和平里社区');
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'hidden' });
    await cp.getByTestId('demands-list').getByRole('link', { name: DEMAND }).click();
    await cp.getByRole('heading', { level: 1, name: DEMAND }).waitFor();
    demandUrl = new URL(cp.url()).pathname;

    // The canteen is suggested, and the page says why.
    const reasons = cp.getByTestId('suggestions').getByTestId('reasons').first();
    await reasons.waitFor();
    expect(await reasons.textContent()).toMatch(/^同类：养老服务 · 关键词：.*(老人|助餐).* · 可用至 2099-12-31$/);

    // The company offers its canteen to the demand…
    await company.page.goto(`${url}${demandUrl}`);
    await company.page.getByRole('button', { name: '提供此资源' }).click();
    await company.page.getByTestId('offers').getByText(`城投建设集团有限公司：${RESOURCE}`).waitFor();

    // …and the community accepts it (a confirmation first).
    await cp.reload();
    await cp.getByTestId('offers').getByRole('button', { name: '接受' }).click();
    await cp.getByRole('dialog').getByRole('button', { name: '接受' }).click();
    await cp.getByTestId('demand-status').getByText('已认领').waitFor();

    // The company starts a joint project from it: the community takes part; one milestone.
    await company.page.reload();
    await company.page.getByRole('button', { name: '据此新建共建项目' }).click();
    const pf = company.page.getByTestId('project-form');
    await pf.getByLabel('标题').fill(PROJECT);
    expect(await pf.getByLabel('参与单位 1').inputValue()).not.toBe('');
    await pf.getByRole('button', { name: '添加节点' }).click();
    await pf.getByLabel('节点名称 1').fill('试点供餐');
    await pf.getByLabel('完成日期 1').fill('2099-01-15');
    await pf.getByLabel('预算（元，可不填）').fill('20000');
    await pf.getByRole('button', { name: '保存' }).click();
    await company.page.getByRole('heading', { level: 1, name: PROJECT }).waitFor();
    projectUrl = new URL(company.page.url()).pathname;
    const units = await company.page.getByTestId('participants').locator('li strong').allTextContents();
    expect(units).toEqual(['城投建设集团有限公司', '和平里社区党委']);
    expect(await company.page.getByTestId('milestones').textContent()).toContain('试点供餐');

    // 列入会议议程: one click onto the coming meeting's agenda.
    await company.page.getByLabel('选择会议').selectOption({ label: UPCOMING });
    await company.page.getByRole('button', { name: '列入会议议程' }).click();
    await company.page.getByTestId('project-agenda').getByRole('link', { name: UPCOMING }).waitFor();
    const meetings = await (await company.page.request.get(`${url}/api/alliances/${allianceId}/meetings?when=upcoming`)).json();
    const meetingId = (meetings.items as { id: string; title: string }[]).find((m) => m.title === UPCOMING)!.id;
    await cp.goto(`${url}/meetings/${meetingId}`);
    await cp.getByTestId('agenda').getByText(PROJECT).or(cp.getByTestId('agenda').locator(`input[value="${PROJECT}"]`)).first().waitFor();

    // Back on the lists: the project is there, and the search finds the demand by part of its title.
    await cp.goto(`${url}${listsUrl}?tab=projects`);
    await cp.getByTestId('projects-list').getByRole('link', { name: PROJECT }).waitFor();
    await cp.goto(`${url}${listsUrl}`);
    await cp.getByLabel('搜索', { exact: true }).fill('助餐');
    await cp.getByRole('button', { name: '搜索', exact: true }).click();
    await cp.getByTestId('demands-list').getByRole('link', { name: DEMAND }).waitFor();
    await company.context.close();
    await community.context.close();
  }, 240_000);

  it('every screen in Chinese and English, desktop and phone: no axe A/AA violation, nothing spilling', async () => {
    await fs.mkdir(SHOTS, { recursive: true });
    // An open demand too, so its page shows the suggested resources and why.
    const rep = await loginInBrowser(world.browser, world.server.url, 'rep2');
    const unit = (await (await rep.page.request.get(`${world.server.url}/api/me`)).json()).user.unit as string;
    const open = await rep.page.request.post(`${world.server.url}/api/alliances${listsUrl.replace(/^\/alliances|\/lists$/g, '')}/demands`, {
      headers: { origin: world.server.url },
      data: { title: '独居老人助餐配送', description: '行动不便的老人需要送餐上门', category: '养老服务', unit, urgency: 'urgent' },
    });
    expect(open.status()).toBe(201);
    const openUrl = `/demands/${(await open.json()).id as string}`;
    await rep.context.close();
    const shoot = async (browser: Browser, locale: 'zh-CN' | 'en', width: number) => {
      const { context, page } = await loginInBrowser(browser, world.server.url, 'rep2', { locale, width, height: 900, axe: true });
      const screens: [string, string, string][] = [
        ['lists', listsUrl, locale === 'en' ? 'Three lists' : '三张清单'],
        ['resources', `${listsUrl}?tab=resources`, locale === 'en' ? 'Three lists' : '三张清单'],
        ['demand', demandUrl, DEMAND],
        ['demand-open', openUrl, '独居老人助餐配送'],
        ['project', projectUrl, PROJECT],
      ];
      for (const [name, at, heading] of screens) {
        await page.goto(`${world.server.url}${at}`);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await page.locator('.lists-item').first().waitFor();
        await page.screenshot({ path: path.join(SHOTS, `${name}-${locale}-${width}.png`), fullPage: true });
        expect(await a11yViolations(page), `${name} ${locale} ${width}`).toEqual([]);
        if (width < 500) expect(await spilling(page), `${name} ${locale} ${width}`).toEqual([]);
      }
      // The create dialog, too.
      await page.goto(`${world.server.url}${listsUrl}`);
      await page.getByRole('button', { name: locale === 'en' ? 'Publish a demand' : '发布需求' }).click();
      await page.getByTestId('demand-form').getByRole('heading').waitFor();
      await page.screenshot({ path: path.join(SHOTS, `demand-form-${locale}-${width}.png`) });
      expect(await a11yViolations(page), `dialog ${locale} ${width}`).toEqual([]);
      await context.close();
    };
    for (const locale of ['zh-CN', 'en'] as const) for (const width of [1440, 390]) await shoot(world.browser, locale, width);
  }, 300_000);
});
