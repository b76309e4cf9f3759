import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { e2eWorld } from './support/server.js';
import { loginInBrowser } from './support/session.js';

const ALLIANCE = '和平街道区域化党建大工委';
const SESSION = '2026年第四季度社区书记述职评议';
const REPORTERS = ['和平里社区党委', '青年湖社区党委', '地坛社区党委'];
const REPORT = '一、落实“吹哨报到”机制，全年办结居民诉求 126 件。二、牵头推进老旧小区加装电梯 4 部。';
const SHOTS = '/tmp/shots-h6';

const report = (page: Page, unit: string) => page.getByRole('textbox', { name: new RegExp(`${unit}(的述职报告)?|Report of ${unit}`) });

/** Opens a unit's report (a collapsed block) unless it is open already. */
async function openReport(page: Page, unit: string) {
  const block = page.locator(`[data-unit="${unit}"] details`);
  if ((await block.getAttribute('open')) === null) await block.locator('summary').click();
}

/** Nothing spills sideways on a phone (the results table scrolls inside its own focusable region). */
const spilling = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => !e.closest('.appraisal-table-wrap') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => `${e.tagName}.${e.className}`),
  );

/** A same-origin API call from a signed-in page (the session cookie goes along). */
async function api<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ([m, u, b]) => {
      const res = await fetch(u as string, {
        method: m as string,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      if (!res.ok) throw new Error(`${String(m)} ${String(u)}: ${res.status} ${await res.text()}`);
      return res.status === 204 ? null : res.json();
    },
    [method, url, body] as const,
  ) as Promise<T>;
}

/**
 * 述职评议 in the browser: the secretary sets up a session with three community reporting units;
 * 和平里社区 writes its report live; scoring opens (the reports lock); 青年湖社区 scores the other two
 * reports (never its own); a 群众代表 link is made, opened on a phone without an account and
 * used once — opened again it says so; the secretary ends the scoring and reads the results.
 */
describe('述职评议 in the browser', () => {
  const world = e2eWorld();
  let allianceId = '';
  let closedUrl = '';
  let usedLink = '';

  it('a session from set-up to results, with a public representative scoring on a phone', async () => {
    const url = world.server.url;
    const sec = await loginInBrowser(world.browser, url, 'secretary');
    const sp = sec.page;
    await sp.getByRole('link', { name: ALLIANCE }).first().click();
    allianceId = new URL(sp.url()).pathname.split('/')[2]!;
    await sp.goto(`${url}/alliances/${allianceId}/appraisals`);
    await sp.getByRole('heading', { level: 1, name: '述职评议' }).waitFor();
    // The demo seed may hold sessions of its own (see server/src/seed/evaluationSeed.ts): wait for either.
    await sp.getByTestId('appraisal-list').or(sp.getByText('还没有述职评议。')).waitFor();

    // The form says what is missing, under the field.
    await sp.getByRole('button', { name: '新建述职评议' }).click();
    const form = sp.getByTestId('appraisal-form');
    await form.getByRole('button', { name: '创建' }).click();
    await form.getByText('请填写此项。').first().waitFor();
    await form.getByText('请至少选择一个述职单位。').waitFor();
    expect(await form.getByLabel('考核周期').inputValue()).toMatch(/^\d{4}-Q[1-4]$/);
    await form.getByLabel('名称', { exact: true }).fill(SESSION);
    await form.getByLabel('考核周期').fill('2026-Q4');
    // One more criterion, and a criterion's weight out of range is refused under it.
    await form.getByRole('button', { name: '添加标准' }).click();
    await form.getByLabel('标准4名称').fill('群众满意');
    await form.getByLabel('标准4权重').fill('20');
    for (const unit of REPORTERS) await form.getByLabel(unit).check();
    await form.getByRole('button', { name: '创建' }).click();
    await form.getByText('权重应在 0.1 到 10 之间。').waitFor();
    await form.getByLabel('标准4权重').fill('2');
    await form.getByRole('button', { name: '创建' }).click();
    await sp.getByRole('heading', { level: 1, name: SESSION }).waitFor();
    const sessionUrl = new URL(sp.url()).pathname;
    expect(await sp.getByTestId('appraisal-status').textContent()).toBe('准备中');
    expect(await sp.getByTestId('appraisal-report').count()).toBe(3);

    // While a draft, its settings can still change: the same form, filled in with the draft.
    await sp.getByRole('button', { name: '修改', exact: true }).click();
    const edit = sp.getByTestId('appraisal-form');
    await edit.getByRole('heading', { name: '修改述职评议' }).waitFor();
    expect(await edit.getByLabel('名称', { exact: true }).inputValue()).toBe(SESSION);
    expect(await edit.getByLabel('标准4名称').inputValue()).toBe('群众满意');
    for (const unit of REPORTERS) expect(await edit.getByLabel(unit).isChecked()).toBe(true);
    await edit.getByLabel('标准4权重').fill('0');
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.getByText('权重应在 0.1 到 10 之间。').waitFor();
    await edit.getByLabel('标准4权重').fill('1.5');
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.waitFor({ state: 'detached' });
    await sp.getByText('权重 1.5').waitFor();
    expect(new URL(sp.url()).pathname).toBe(sessionUrl);

    // 和平里社区党委 (rep2) writes its report live; the secretary sees it arrive.
    const writer = await loginInBrowser(world.browser, url, 'rep2');
    const wp = writer.page;
    await wp.goto(`${url}${sessionUrl}`);
    await report(wp, '和平里社区党委').click();
    await wp.keyboard.type(REPORT);
    await openReport(sp, '和平里社区党委');
    await expect.poll(() => report(sp, '和平里社区党委').textContent(), { timeout: 15_000 }).toContain('二、牵头推进老旧小区加装电梯 4 部。');
    // Another unit's report is read-only for this writer.
    await openReport(wp, '青年湖社区党委');
    expect(await report(wp, '青年湖社区党委').getAttribute('contenteditable')).toBe('false');

    // 开始测评, confirmed: the reports lock, on the writer's open screen too.
    await sp.getByRole('button', { name: '开始测评' }).click();
    await sp.getByRole('dialog', { name: '开始测评？' }).getByRole('button', { name: '开始测评' }).click();
    await sp.getByTestId('appraisal-status').getByText('测评中').waitFor();
    await expect.poll(() => report(wp, '和平里社区党委').getAttribute('contenteditable'), { timeout: 15_000 }).toBe('false');
    await writer.context.close();

    // 青年湖社区党委 (rep3) scores the other two reports; its own is not offered.
    const scorer = await loginInBrowser(world.browser, url, 'rep3');
    const cp = scorer.page;
    await cp.goto(`${url}${sessionUrl}`);
    const scoring = cp.getByTestId('appraisal-scoring');
    await scoring.getByText('本单位不评议自己').waitFor();
    expect(await scoring.getByRole('group', { name: '青年湖社区党委' }).count()).toBe(0);
    await scoring.getByRole('button', { name: '提交测评' }).click();
    await scoring.getByText('请为每一项评分。').first().waitFor();
    const grades: Record<string, string[]> = { 和平里社区党委: ['好', '好', '较好', '好'], 地坛社区党委: ['较好', '一般', '较好', '一般'] };
    for (const [unit, picks] of Object.entries(grades)) {
      const group = scoring.getByRole('group', { name: unit, exact: true });
      for (const [i, criterion] of ['履行职责', '工作成效', '共建参与', '群众满意'].entries()) {
        await group.getByRole('group', { name: criterion }).getByLabel(picks[i]!, { exact: true }).check();
      }
    }
    await scoring.getByRole('group', { name: '和平里社区党委', exact: true }).getByLabel('意见建议（可选）').fill('加装电梯推进有力');
    await scoring.getByRole('button', { name: '提交测评' }).click();
    await cp.getByRole('dialog', { name: '提交测评？' }).getByRole('button', { name: '确认提交' }).click();
    await scoring.getByText('青年湖社区党委已提交测评。').waitFor();
    expect(await scoring.getByRole('button', { name: '提交测评' }).count()).toBe(0);
    await scorer.context.close();

    // The secretary's open page follows the scoring live; then makes a link for a public
    // representative; the address is shown once.
    await sp.getByTestId('appraisal-evaluators').getByText('已测评 1/').waitFor();
    const links = sp.getByTestId('appraisal-links');
    await links.getByRole('button', { name: '生成链接' }).click();
    await links.getByText('请填写此项。').waitFor();
    await links.getByLabel('说明').fill('居民代表 王大爷');
    await links.getByRole('button', { name: '生成链接' }).click();
    const linkUrl = await links.getByTestId('appraisal-link-url').inputValue();
    expect(linkUrl).toMatch(/\/p\/appraisal\/[^/]+$/);
    usedLink = new URL(linkUrl).pathname;
    await links.getByTestId('appraisal-link-list').getByText('未使用').waitFor();

    // On a phone, with no account: read a report, grade each, submit once.
    const phone = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const pp = await phone.newPage();
    await pp.goto(`${url}${usedLink}`);
    await pp.getByRole('heading', { level: 1, name: SESSION }).waitFor();
    await pp.getByText(ALLIANCE).waitFor();
    const first = pp.getByRole('group', { name: '和平里社区党委', exact: true });
    await first.getByText('阅读述职报告').click();
    await first.getByText('全年办结居民诉求 126 件').waitFor();
    await pp.getByRole('button', { name: '提交测评' }).click();
    await pp.getByText('还有未评的项目').waitFor();
    for (const unit of REPORTERS) {
      const group = pp.getByRole('group', { name: unit, exact: true });
      for (const criterion of ['履行职责', '工作成效', '共建参与', '群众满意']) {
        await group.getByRole('group', { name: criterion }).getByLabel(unit === '地坛社区党委' ? '一般' : '好', { exact: true }).tap();
      }
    }
    await pp.screenshot({ path: path.join(SHOTS, 'public-filled-zh-CN-390.png'), fullPage: true });
    await pp.getByRole('button', { name: '提交测评' }).click();
    await pp.getByRole('dialog', { name: '提交测评？' }).getByRole('button', { name: '确认提交' }).click();
    await pp.getByRole('heading', { level: 1, name: '提交成功，感谢参与！' }).waitFor();
    await pp.screenshot({ path: path.join(SHOTS, 'public-thanks-zh-CN-390.png') });
    // Opened again: the link is spent.
    await pp.reload();
    await pp.getByRole('heading', { level: 1, name: '此链接已使用' }).waitFor();
    await pp.screenshot({ path: path.join(SHOTS, 'public-used-zh-CN-390.png') });

    // The secretary's page hears of it without a reload.
    await links.getByTestId('appraisal-link-list').getByText('已使用').waitFor();

    // 结束测评, confirmed: results by the stated aggregation.
    await sp.getByRole('button', { name: '结束测评' }).click();
    await sp.getByRole('dialog', { name: '结束测评？' }).getByRole('button', { name: '结束测评' }).click();
    await sp.getByTestId('appraisal-status').getByText('已结束').waitFor();
    const results = sp.getByTestId('appraisal-results');
    await results.getByText(/计分方法：/).waitFor();
    expect(await results.getByTestId('appraisal-result').count()).toBe(3);
    const scoreOf = async (unit: string) => Number(await results.locator(`[data-unit="${unit}"] [data-testid="appraisal-score"]`).textContent());
    // 和平里 got good marks from both groups, 地坛 average ones: the order shows in the scores.
    expect(await scoreOf('和平里社区党委')).toBeGreaterThan(await scoreOf('地坛社区党委'));
    // Secret session: nobody is named.
    await results.getByText('本次为无记名评议，不显示评议人。').waitFor();
    closedUrl = sessionUrl;
    // The used link of the closed session still says it was used.
    await pp.reload();
    await pp.getByRole('heading', { level: 1, name: '此链接已使用' }).waitFor();
    await phone.close();
    // The list counts member units that scored (one), not the public representative's link.
    await sp.getByRole('link', { name: '述职评议' }).first().click();
    const row = sp.getByTestId('appraisal-list').locator('li').filter({ has: sp.getByRole('link', { name: SESSION, exact: true }) });
    await row.getByTestId('appraisal-progress').getByText(/^已测评 1\/\d+ 单位$/).waitFor();
    await sec.context.close();
  }, 300_000);

  it('every screen in Chinese and English, desktop and phone: no axe A/AA violation, nothing spilling', async () => {
    await fs.mkdir(SHOTS, { recursive: true });
    const url = world.server.url;
    // Two more sessions for the other states: one being written, one being scored (with a fresh link).
    const sec = await loginInBrowser(world.browser, url, 'secretary');
    const alliance = await api<{ memberships: { unit: { id: string; name: string } }[] }>(sec.page, 'GET', `/api/alliances/${allianceId}`);
    const unitId = (name: string) => alliance.memberships.find((m) => m.unit.name === name)!.unit.id;
    const reporters = REPORTERS.map(unitId);
    const draft = await api<{ id: string }>(sec.page, 'POST', `/api/alliances/${allianceId}/appraisals`, { title: '2027年第一季度述职评议', period: '2027-Q1', reporters });
    const scoring = await api<{ id: string }>(sec.page, 'POST', `/api/alliances/${allianceId}/appraisals`, {
      title: '2026年第四季度驻区单位述职评议',
      period: '2026-Q4',
      scale: 'score',
      secrecy: 'named',
      reporters: [unitId('区住房和城乡建设局'), unitId('城投建设集团有限公司')],
      aggregation: { method: 'trimmedMean', trim: 1, weights: { units: 0.6, public: 0.4 } },
    });
    await api(sec.page, 'POST', `/api/appraisals/${scoring.id}/open`);
    const made = await api<{ links: { url: string }[] }>(sec.page, 'POST', `/api/appraisals/${scoring.id}/links`, { label: '居民代表 李阿姨', hours: 48, count: 1 });
    const freshLink = new URL(made.links[0]!.url).pathname;
    await sec.context.close();

    const shoot = async (browser: Browser, locale: 'zh-CN' | 'en', width: number) => {
      const en = locale === 'en';
      const check = async (page: Page, name: string) => {
        await page.screenshot({ path: path.join(SHOTS, `${name}-${locale}-${width}.png`), fullPage: true });
        expect(await a11yViolations(page), `${name} ${locale} ${width}`).toEqual([]);
        if (width < 500) expect(await spilling(page), `${name} ${locale} ${width}`).toEqual([]);
      };
      const height = width < 500 ? 844 : 900;
      const s = await loginInBrowser(browser, url, 'secretary', { locale, width, height, axe: true, mobile: width < 500 });
      await s.page.goto(`${url}/alliances/${allianceId}/appraisals`);
      await s.page.getByTestId('appraisal-list').waitFor();
      await check(s.page, 'list');
      await s.page.getByRole('button', { name: en ? 'New appraisal session' : '新建述职评议' }).click();
      await s.page.getByTestId('appraisal-form').getByRole('button', { name: en ? 'Create' : '创建' }).click();
      await s.page.getByTestId('appraisal-form').locator('.field-error').first().waitFor();
      await s.page.screenshot({ path: path.join(SHOTS, `form-${locale}-${width}.png`) });
      expect(await a11yViolations(s.page), `form ${locale} ${width}`).toEqual([]);
      await s.page.goto(`${url}${closedUrl}`);
      await s.page.getByTestId('appraisal-results').waitFor();
      await s.page.locator('.prose-editor').first().waitFor();
      await check(s.page, 'closed');
      await s.page.goto(`${url}/appraisals/${scoring.id}`);
      await s.page.getByTestId('appraisal-links').waitFor();
      await s.page.locator('.prose-editor').first().waitFor();
      await check(s.page, 'scoring-secretary');
      await s.page.goto(`${url}/appraisals/${draft.id}`);
      await s.page.getByRole('button', { name: en ? 'Edit' : '修改', exact: true }).click();
      await s.page.getByTestId('appraisal-form').getByLabel(en ? 'Title' : '名称', { exact: true }).waitFor();
      await s.page.screenshot({ path: path.join(SHOTS, `edit-${locale}-${width}.png`) });
      expect(await a11yViolations(s.page), `edit ${locale} ${width}`).toEqual([]);
      await s.context.close();

      const r = await loginInBrowser(browser, url, 'rep2', { locale, width, height, axe: true, mobile: width < 500 });
      await r.page.goto(`${url}/appraisals/${draft.id}`);
      await report(r.page, '和平里社区党委').waitFor();
      await check(r.page, 'draft-writer');
      await r.page.goto(`${url}/appraisals/${scoring.id}`);
      await r.page.getByTestId('appraisal-scoring').getByRole('button').first().waitFor();
      await r.page.locator('.prose-editor').first().waitFor();
      await check(r.page, 'scoring-unit');
      await r.context.close();

      const phone = await browser.newContext({ viewport: { width, height }, isMobile: width < 500, hasTouch: width < 500, locale: en ? 'en-US' : 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
      const p = await phone.newPage();
      if (en) await p.addInitScript("localStorage.setItem('tongxin.locale', 'en')");
      await p.goto(`${url}${freshLink}`);
      await p.getByRole('button', { name: en ? 'Submit scores' : '提交测评' }).waitFor();
      await check(p, 'public');
      // The used link of a session since closed: still used.
      await p.goto(`${url}${usedLink}`);
      await p.getByTestId('public-appraisal-ending').waitFor();
      await check(p, 'public-gone');
      await p.goto(`${url}/p/appraisal/not-a-token`);
      await p.getByTestId('public-appraisal-ending').waitFor();
      await check(p, 'public-unknown');
      await phone.close();
    };
    for (const locale of ['zh-CN', 'en'] as const) for (const width of [1440, 390]) await shoot(world.browser, locale, width);
  }, 600_000);
});
