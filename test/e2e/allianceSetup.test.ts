import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { screenshotPath } from './support/browser.js';
import { apiSession } from './support/meetingDriver.js';
import { e2eWorld } from './support/server.js';
import { DEMO_PASSWORD } from './support/session.js';

const NAME = '老旧小区改造专项联盟';
const TABS = ['basics', 'charter', 'members', 'secretaries', 'rotation', 'voting', 'history'] as const;

interface AllianceBody {
  id: string;
  rotation: { id: string; name: string }[];
  rotationSkipped: string[];
  nextConvener: { name: string } | null;
  votingDefaults: { quorum: number; secret: boolean; tallyVisibility: string };
  secretaries: { name: string }[];
  memberships: {
    unit: { name: string };
    primaryRepresentative: { name: string } | null;
    representatives: { name: string }[];
  }[];
  formerMembers: { unit: { name: string } }[];
  charter: string;
}

/**
 * As `loginInBrowser`, in a context that lets axe be injected past the app's
 * Content-Security-Policy (the app itself still runs under it).
 */
async function loginInBrowser(
  browser: Browser,
  baseUrl: string,
  login: string,
  opts: { width?: number; locale?: 'zh-CN' | 'en' } = {},
) {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1440, height: 900 },
    timezoneId: 'Asia/Shanghai',
    locale: opts.locale === 'en' ? 'en-US' : 'zh-CN',
    bypassCSP: true,
  });
  const page = await context.newPage();
  if (opts.locale === 'en') await page.addInitScript("localStorage.setItem('tongxin.locale', 'en')");
  await page.goto(`${baseUrl}/login`);
  const zh = opts.locale !== 'en';
  await page.getByLabel(zh ? '登录名' : 'Login').fill(login);
  await page.getByLabel(zh ? '密码' : 'Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: zh ? '登录' : 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: zh ? /您好/ : /Hello/ }).waitFor();
  return { context, page };
}

async function expectAccessible(page: Page, screen: string) {
  expect(await a11yViolations(page), screen).toEqual([]);
}

/**
 * A secretary founds an alliance and sets it up from the screens alone: founding units, a second
 * representative made primary, a second secretary, the rotation reordered by keyboard with a unit
 * passed over, a two-thirds quorum, the charter and an amendment, and a unit leaving.
 */
describe('founding and setting up an alliance', () => {
  const world = e2eWorld();
  let allianceId = '';

  beforeAll(async () => {
    // A second person at the housing bureau, to be its second representative.
    const admin = await apiSession(world.server.url, 'admin');
    const units = await admin.get<{ items: { id: string; name: string }[] }>('/units?pageSize=100');
    const housing = units.items.find((u) => u.name === '区住房和城乡建设局')!;
    await admin.post('/users', { name: '韩梅', login: 'housing2', password: 'housing-second-rep', unit: housing.id });
  });

  const readAlliance = async () => {
    const secretary = await apiSession(world.server.url, 'secretary');
    return secretary.get<AllianceBody>(`/alliances/${allianceId}`);
  };

  // The secretary's walk-through (zh-CN, 1440 px) in steps, on one page.
  let session: Awaited<ReturnType<typeof loginInBrowser>>;
  afterAll(async () => {
    await session?.context.close();
  });

  it('the secretary founds the alliance from the workbench', async () => {
    session = await loginInBrowser(world.browser, world.server.url, 'secretary');
    const { page } = session;
    await page.getByRole('link', { name: '新建联合体' }).waitFor();
    await page.screenshot({ path: screenshotPath('alliance-workbench-create-zh-CN-1440'), fullPage: true });
    await page.getByRole('link', { name: '新建联合体' }).click();
    await page.getByRole('heading', { level: 1, name: '新建联合体' }).waitFor();

    // Nothing filled in: the name's own error, under the name.
    await page.getByRole('button', { name: '创建联合体' }).click();
    await expect.poll(() => page.getByLabel('联合体名称').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#na-name-err').filter({ hasText: '请填写此项。' }).waitFor();

    await page.getByLabel('联合体名称').fill(NAME);
    await page.getByLabel('类型').selectOption({ label: '专项' });
    await page.getByLabel('简介').fill('住建牵头，城管、城投协同推进老旧小区综合整治。');
    for (const [search, unit] of [
      ['住房', '区住房和城乡建设局'],
      ['城市管理', '区城市管理综合行政执法局'],
      ['城投', '城投建设集团有限公司'],
      ['地坛', '地坛社区党委'],
    ] as const) {
      await page.getByLabel('查找单位').fill(search);
      await page.getByRole('button', { name: `添加 ${unit}` }).click();
    }
    // The first unit chosen leads; 地坛 attends as an observer.
    await expect.poll(() => page.getByLabel('区住房和城乡建设局的角色').inputValue()).toBe('lead');
    await page.getByLabel('地坛社区党委的角色').selectOption({ label: '列席单位' });
    await page.getByLabel('查找单位').fill('');
    await expectAccessible(page, 'new alliance');
    await page.screenshot({ path: screenshotPath('alliance-new-filled-zh-CN-1440'), fullPage: true });
    await page.getByRole('button', { name: '创建联合体' }).click();

    // Created: on to its members, to name representatives.
    await page.getByRole('heading', { level: 1, name: /联合体设置/ }).waitFor();
    allianceId = /alliances\/([0-9a-f]{24})\/settings/.exec(page.url())![1]!;
    await page.getByRole('heading', { level: 2, name: '成员单位与代表' }).waitFor();
  });

  it('names two representatives, one primary, and a second secretary', async () => {
    const { page } = session;
    await page.getByRole('button', { name: '编辑 区住房和城乡建设局' }).click();
    await page.getByLabel('陈静').check();
    await page.getByLabel('韩梅').check();
    await page.getByLabel('区住房和城乡建设局的主要代表').selectOption({ label: '韩梅' });
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '已保存。' }).waitFor();
    await expectAccessible(page, 'members');
    await page.screenshot({ path: screenshotPath('alliance-settings-members-zh-CN-1440'), fullPage: true });

    // A second secretary, from a member unit.
    await page.getByRole('navigation', { name: '设置项目' }).getByRole('link', { name: '秘书' }).click();
    await page.getByLabel('所在单位').selectOption({ label: '区住房和城乡建设局' });
    await page.getByLabel('人员').selectOption({ label: '陈静' });
    await page.getByRole('button', { name: '添加秘书' }).click();
    await page.getByRole('button', { name: '取消 陈静 的秘书身份' }).waitFor();
    await expectAccessible(page, 'secretaries');
  });

  it('reorders the rotation by keyboard and passes a unit over', async () => {
    const { page } = session;

    // The rotation, by keyboard: the housing bureau moves from first to last.
    await page.getByRole('navigation', { name: '设置项目' }).getByRole('link', { name: '召集轮值' }).click();
    const rows = page.getByTestId('rotation-order').locator('.rotation-name');
    await expect
      .poll(() => rows.allTextContents())
      .toEqual(['区住房和城乡建设局', '区城市管理综合行政执法局', '城投建设集团有限公司']);
    await page.getByRole('button', { name: '下移 区住房和城乡建设局' }).focus();
    await page.keyboard.press('Enter');
    // The focus stays with the unit that moved, so a second press moves it again.
    await page.keyboard.press('Enter');
    await expect
      .poll(() => rows.allTextContents())
      .toEqual(['区城市管理综合行政执法局', '城投建设集团有限公司', '区住房和城乡建设局']);
    await page.getByLabel('城投建设集团有限公司 暂不轮值').check();
    await page.getByRole('button', { name: '保存轮值顺序' }).click();
    await page.getByRole('status').filter({ hasText: '已保存。' }).waitFor();
    const a = await readAlliance();
    expect(a.rotation.map((u) => u.name)).toEqual([
      '区城市管理综合行政执法局',
      '城投建设集团有限公司',
      '区住房和城乡建设局',
    ]);
    expect(a.rotationSkipped).toHaveLength(1);
    expect(a.nextConvener?.name).toBe('区城市管理综合行政执法局');
    await expectAccessible(page, 'rotation');
  });

  it('sets a two-thirds quorum, refusing 0% under the field', async () => {
    const { page } = session;

    // Voting rules: quorum two of three, a secret vote whose count shows at the close.
    await page.getByRole('navigation', { name: '设置项目' }).getByRole('link', { name: '表决规则' }).click();
    await page.getByLabel('法定人数比例（%）').fill('0');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.locator('#vd-quorum-err').filter({ hasText: '法定人数比例须大于 0%，不超过 100%。' }).waitFor();
    await page.getByLabel('法定人数', { exact: true }).selectOption({ label: '3 个中至少 2 个' });
    await expect.poll(() => page.getByLabel('法定人数比例（%）').inputValue()).toBe('66.67');
    await expect.poll(() => page.getByTestId('quorum-line').textContent()).toBe('3 个有表决权的单位中至少 2 个到会');
    await page.getByLabel('无记名表决').check();
    await page.getByLabel(/表决结束后公布票数/).check();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '已保存。' }).waitFor();
    const a = await readAlliance();
    expect(a.votingDefaults).toMatchObject({ secret: true, tallyVisibility: 'at_close' });
    expect(a.votingDefaults.quorum).toBeCloseTo(2 / 3);
    await expectAccessible(page, 'voting');
  });

  it('writes the charter and amends it; the history shows what changed', async () => {
    const { page } = session;

    // The charter, then an amendment: the history shows what changed, who, when.
    await page.getByRole('navigation', { name: '设置项目' }).getByRole('link', { name: '章程' }).click();
    await page.getByLabel('章程全文').fill('第一条 联盟每季度召开一次联席会议。');
    await page.getByRole('button', { name: '保存章程' }).click();
    await page.getByTestId('charter-version-1').waitFor();
    await page.getByLabel('章程全文').fill('第一条 联盟每月召开一次联席会议。\n第二条 成员单位轮值召集。');
    await page.getByRole('button', { name: '保存章程' }).click();
    const v2 = page.getByTestId('charter-version-2');
    await v2.getByText(/孙丽（和平街道党工委） 于 .* 修订/).waitFor();
    await expect.poll(() => v2.locator('ins').allTextContents()).toContain('月');
    await expect.poll(() => v2.locator('del').allTextContents()).toContain('季度');
    await expectAccessible(page, 'charter');
    await page.screenshot({ path: screenshotPath('alliance-settings-charter-zh-CN-1440'), fullPage: true });
  });

  it('removes a unit after a confirmation; its membership stays in the history', async () => {
    const { page } = session;
    await page.getByRole('navigation', { name: '设置项目' }).getByRole('link', { name: '成员单位与代表' }).click();
    await page.getByRole('button', { name: '移除 城投建设集团有限公司' }).click();
    await page.getByRole('heading', { name: '确认移除成员单位' }).waitFor();
    await expectAccessible(page, 'remove confirmation');
    await page.screenshot({ path: screenshotPath('alliance-settings-remove-confirm-zh-CN-1440'), fullPage: true });
    await page.getByRole('button', { name: '确认移除' }).click();
    await expect.poll(() => page.getByTestId(/^member-/).count()).toBe(3);
    await page.getByRole('navigation', { name: '设置项目' }).getByRole('link', { name: '成员变动记录' }).click();
    await page.getByTestId('former-members').getByRole('rowheader', { name: '城投建设集团有限公司' }).waitFor();
    await expectAccessible(page, 'history');

    const a = await readAlliance();
    expect(a.formerMembers.map((f) => f.unit.name)).toEqual(['城投建设集团有限公司']);
    expect(a.rotation.map((u) => u.name)).toEqual(['区城市管理综合行政执法局', '区住房和城乡建设局']);
    const housing = a.memberships.find((m) => m.unit.name === '区住房和城乡建设局')!;
    expect(housing.representatives.map((r) => r.name).sort()).toEqual(['陈静', '韩梅'].sort());
    expect(housing.primaryRepresentative?.name).toBe('韩梅');
    expect(a.secretaries.map((s) => s.name)).toEqual(['孙丽', '陈静']);

    // The alliance page leads to the settings for those who manage it.
    await page.getByRole('link', { name: '返回联合体' }).click();
    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await page.getByRole('link', { name: '设置', exact: true }).waitFor();
    await page.screenshot({ path: screenshotPath('alliance-page-settings-link-zh-CN-1440') });
  });

  it('a representative sees no way to found alliances or change settings', async () => {
    const { context, page } = await loginInBrowser(world.browser, world.server.url, 'rep6');
    await page.getByRole('link', { name: NAME }).click();
    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    expect(await page.getByRole('link', { name: '设置', exact: true }).count()).toBe(0);
    await page.goto(`${world.server.url}/`);
    await page.getByRole('heading', { level: 2, name: '我的联合体' }).waitFor();
    expect(await page.getByRole('link', { name: '新建联合体' }).count()).toBe(0);
    await context.close();
  });

  for (const [locale, width] of [
    ['zh-CN', 390],
    ['en', 1440],
    ['en', 390],
    ['zh-CN', 1440],
  ] as const) {
    describe(`every setup screen reads well and passes axe (${locale}, ${width} px)`, () => {
      const zh = locale === 'zh-CN';
      let shown: Awaited<ReturnType<typeof loginInBrowser>>;
      beforeAll(async () => {
        shown = await loginInBrowser(world.browser, world.server.url, 'secretary', { width, locale });
      });
      afterAll(async () => {
        await shown?.context.close();
      });

      it('new alliance', async () => {
        const { page } = shown;
        await page.goto(`${world.server.url}/alliances/new`);
        await page.getByRole('heading', { level: 1, name: zh ? '新建联合体' : 'New alliance' }).waitFor();
        await expectAccessible(page, `new ${locale} ${width}`);
        await page.screenshot({ path: screenshotPath(`alliance-new-${locale}-${width}`), fullPage: true });
      });

      for (const tab of TABS) {
        it(`settings: ${tab}`, async () => {
          const { page } = shown;
          await page.goto(`${world.server.url}/alliances/${allianceId}/settings?tab=${tab}`);
          await page.getByRole('heading', { level: 1, name: zh ? /联合体设置/ : /Alliance settings/ }).waitFor();
          await page.locator('.settings-panel p[role="status"]').waitFor({ state: 'detached' });
          if (tab === 'charter') await page.getByTestId('charter-version-2').waitFor();
          if (tab === 'members') {
            await page
              .getByRole('button', { name: zh ? '编辑 区住房和城乡建设局' : 'Edit 区住房和城乡建设局' })
              .click();
            await page.getByLabel('韩梅').waitFor();
          }
          await expectAccessible(page, `${tab} ${locale} ${width}`);
          await page.screenshot({
            path: screenshotPath(`alliance-settings-${tab}-${locale}-${width}`),
            fullPage: true,
          });
        });
      }
    });
  }
});
