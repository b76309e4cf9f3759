import { describe, expect, it } from 'vitest';
import { screenshotPath } from './support/browser.js';
import { e2eWorld } from './support/server.js';
import { loginInBrowser } from './support/session.js';

describe('logging in, the workbench, an alliance and a meeting', () => {
  const world = e2eWorld();

  it('a wrong password says so without saying which field was wrong, then locks out', async () => {
    const page = await world.browser.newPage();
    await page.goto(`${world.server.url}/login`);
    await page.getByLabel('登录名').fill('rep8');
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('密码').fill(`wrong-${i}`);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('alert').filter({ hasText: '登录名或密码错误' }).waitFor();
    }
    await page.getByLabel('密码').fill('tongxin-demo');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '暂时锁定' }).waitFor();
    await page.screenshot({ path: screenshotPath('login-locked-zh-CN-1440') });
    await page.close();
  });

  for (const [locale, width] of [
    ['zh-CN', 1440],
    ['zh-CN', 390],
    ['en', 1440],
    ['en', 390],
  ] as const) {
    it(`the secretary sees the workbench and the alliance (${locale}, ${width} px)`, async () => {
      const { context, page } = await loginInBrowser(world.browser, world.server.url, 'secretary', { width, locale });
      const zh = locale === 'zh-CN';
      await page.getByRole('link', { name: '和平街道区域化党建大工委' }).waitFor();
      await page
        .getByText(zh ? '第二次联席会议：背街小巷环境整治' : /背街小巷环境整治/)
        .first()
        .waitFor();
      await page.screenshot({ path: screenshotPath(`workbench-${locale}-${width}`), fullPage: true });

      await page.getByRole('link', { name: '和平街道区域化党建大工委' }).click();
      await page.getByRole('heading', { level: 1, name: '和平街道区域化党建大工委' }).waitFor();
      await page.getByRole('heading', { level: 2, name: zh ? '成员单位' : 'Member units' }).waitFor();
      // The rotation marks who convenes next.
      await expect.poll(() => page.locator('.rotation li.next').textContent()).toMatch(/青年湖社区党委/);
      await page.screenshot({ path: screenshotPath(`alliance-${locale}-${width}`), fullPage: true });
      await context.close();
    });
  }

  it('a representative of the next convener schedules a meeting; the form refuses a meeting with nowhere to meet', async () => {
    // rep3 represents 青年湖社区党委, the next convener in the demo rotation.
    const { context, page } = await loginInBrowser(world.browser, world.server.url, 'rep3');
    await page.getByRole('link', { name: '和平街道区域化党建大工委' }).click();
    await page.getByRole('heading', { name: '安排会议' }).waitFor();

    await page.getByLabel('会议名称').fill('第三次联席会议：垃圾分类驿站选址');
    await page.getByRole('button', { name: '创建会议草稿' }).click();
    await page.getByText('请填写地点或线上会议链接。').waitFor();

    await page.getByLabel('地点', { exact: true }).fill('青年湖社区党群服务站');
    await page.getByRole('button', { name: '创建会议草稿' }).click();
    await page.getByRole('status').filter({ hasText: '已创建第三次联席会议（草稿）' }).waitFor();
    await page.getByRole('link', { name: '第三次联席会议：垃圾分类驿站选址' }).click();

    await page.getByRole('heading', { level: 1, name: '第三次联席会议：垃圾分类驿站选址' }).waitFor();
    await page.getByText('草稿').waitFor();
    await page.getByRole('button', { name: '发布会议安排' }).click();
    await page.locator('.status').filter({ hasText: '已安排' }).waitFor();
    await page.screenshot({ path: screenshotPath('meeting-zh-CN-1440'), fullPage: true });

    // The audit log of the alliance shows who did it, from which unit.
    await page.getByRole('link', { name: /返回联合体/ }).click();
    const audit = page.locator('.audit-entry .audit-sentence', { hasText: '第三次联席会议：垃圾分类驿站选址' }).first();
    await expect.poll(() => audit.textContent()).toMatch(/青年湖社区党委 张伟 发布了会议《第三次联席会议：垃圾分类驿站选址》的安排/);
    await context.close();
  });

  it('the workbench says what my unit does in each upcoming meeting; the meeting lists who is invited', async () => {
    // rep2 represents 和平里社区党委, the convener of the upcoming meeting; rep4 an ordinary member.
    for (const [login, role] of [
      ['rep2', '召集单位'],
      ['rep4', '成员单位'],
    ] as const) {
      const { context, page } = await loginInBrowser(world.browser, world.server.url, login);
      const card = page.locator('.meeting-card').filter({ hasText: '第二次联席会议：背街小巷环境整治' });
      await expect.poll(() => card.textContent()).toContain(`本单位：${role}`);
      await card.getByRole('link', { name: '第二次联席会议：背街小巷环境整治' }).click();
      const invited = page.locator('dt', { hasText: '参会单位' }).locator('xpath=following-sibling::dd[1]');
      await expect.poll(() => invited.textContent()).toMatch(/和平街道党工委.*和平里第一中学/);
      await context.close();
    }
  });

  it('an outsider cannot open the alliance and is told so', async () => {
    const { context, page } = await loginInBrowser(world.browser, world.server.url, 'admin');
    // Admins may read every alliance; a stranger's view is covered by the API tests.
    await page.getByRole('link', { name: '和平街道区域化党建大工委' }).waitFor();
    await page.goto(`${world.server.url}/alliances/000000000000000000000000`);
    await page.getByRole('alert').filter({ hasText: '内容不存在或已被删除' }).waitFor();
    await context.close();
  });
});
