import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { screenshotPath } from './support/browser.js';
import { e2eWorld } from './support/server.js';
import { loginInBrowser } from './support/session.js';

const SHOTS = process.env.TONGXIN_SHOTS_DIR;

/** Also into a helper's own folder when asked (TONGXIN_SHOTS_DIR), for a person to look at. */
function shot(name: string): string {
  const p = screenshotPath(name);
  if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
  return p;
}
function copyShot(name: string): void {
  if (SHOTS) fs.copyFileSync(screenshotPath(name), path.join(SHOTS, `${name}.png`));
}

/**
 * 群机器人 in the alliance settings: a secretary adds a 钉钉 robot through the dialog, sends a test
 * message and sees the platform's refusal (here: nothing listens at the address), and reads the
 * 推送记录. The server runs in production mode, so only https addresses are accepted; nothing
 * here reaches the internet (the addresses are on 127.0.0.1, and the outbox timer is off).
 */
describe('group robots in the alliance settings', () => {
  const world = e2eWorld({ ROBOT_TICK_MS: '600000' });

  it('adds a robot, tests it, lists deliveries — zh-CN and en, desktop and phone', async () => {
    const base = world.server.url;
    const { context, page } = await loginInBrowser(world.browser, base, 'secretary', { axe: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const me = (await (await page.request.get(`${base}/api/me`)).json()) as { alliances: { id: string }[] };
    const allianceId = me.alliances[0]!.id;
    await page.goto(`${base}/alliances/${allianceId}/settings?tab=robots`);
    await page.getByText('还没有群机器人。').waitFor();

    // http is refused in production: the error shows under the field.
    await page.getByRole('button', { name: '添加群机器人' }).click();
    const dialog = page.getByRole('dialog', { name: '添加群机器人' });
    await dialog.getByLabel('平台').selectOption({ label: '钉钉' });
    await dialog.getByText('安全设置选“加签”').waitFor();
    await dialog.getByLabel('名称').fill('联合体钉钉工作群');
    await dialog.getByLabel('Webhook 地址').fill('http://oapi.dingtalk.com/robot/send?access_token=abc');
    await dialog.getByLabel('加签密钥（可选）').fill('SECe2etestsecret');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('地址必须以 https:// 开头').waitFor();
    expect(await dialog.getByLabel('Webhook 地址').getAttribute('aria-invalid')).toBe('true');
    await dialog.screenshot({ path: shot('robots-dialog-error-zh-CN-1440') });
    copyShot('robots-dialog-error-zh-CN-1440');
    expect(await a11yViolations(page)).toEqual([]);
    // Nothing listens on 127.0.0.1:9: the test message comes back refused, with the reason.
    await dialog.getByLabel('Webhook 地址').fill('https://127.0.0.1:9/robot/send?access_token=e2e');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('.robot-row', { hasText: '联合体钉钉工作群' });
    await row.waitFor();
    await row.getByText('已设置').waitFor();
    expect(await page.content()).not.toContain('SECe2etestsecret');
    await row.getByRole('button', { name: '发送测试消息' }).click();
    await row.getByText(/平台未接受测试消息（HTTP 0）/).waitFor();

    // Deliveries as the outbox leaves them: one posted, one that keeps failing, one waiting.
    const models = world.server.ctx.db.models;
    const robot = await models.Robot.findOne({ name: '联合体钉钉工作群' }).lean();
    const wecom = await models.Robot.create({
      alliance: allianceId,
      platform: 'wecom',
      name: '城东街道企业微信群',
      webhookUrl: 'https://127.0.0.1:9/cgi-bin/webhook/send?key=e2e',
      kinds: ['item.assigned', 'item.overdue'],
    });
    const at = (iso: string) => new Date(iso);
    const delivery = (r: typeof wecom._id, key: string, title: string, extra: Record<string, unknown>) => ({
      robot: r,
      alliance: wecom.alliance,
      key,
      kind: 'item.assigned',
      payload: { title, body: '', link: null },
      createdAt: at('2026-12-07T01:00:00Z'),
      ...extra,
    });
    // Straight into the outbox collection, as the worker would have left them.
    await models.RobotDelivery.collection.insertMany([
      delivery(robot!._id, 'a', '新的督办事项：背街小巷环境整治', {
        state: 'sent',
        attempts: 1,
        sentAt: at('2026-12-07T01:00:05Z'),
        lastAnswer: { status: 200, body: '{"errcode":0,"errmsg":"ok"}' },
      }),
      delivery(wecom._id, 'b', '已逾期：雨污分流改造', {
        kind: 'item.overdue',
        state: 'failed',
        attempts: 6,
        lastAnswer: { status: 200, body: '{"errcode":93000,"errmsg":"invalid webhook url"}' },
      }),
      delivery(wecom._id, 'c', '新的督办事项：老旧小区加装电梯', {
        state: 'pending',
        attempts: 1,
        nextAttemptAt: at('2026-12-07T02:00:30Z'),
        lastAnswer: { status: 0, body: 'fetch failed (ECONNREFUSED)' },
      }),
    ]);

    for (const [locale, width] of [
      ['zh-CN', 1440],
      ['zh-CN', 390],
      ['en', 1440],
      ['en', 390],
    ] as const) {
      const zh = locale === 'zh-CN';
      const s = await loginInBrowser(world.browser, base, 'secretary', { width, locale, axe: true });
      s.page.on('pageerror', (e) => errors.push(e.message));
      await s.page.goto(`${base}/alliances/${allianceId}/settings?tab=robots`);
      await s.page.locator('.robot-row', { hasText: '城东街道企业微信群' }).waitFor();
      await s.page.getByText(zh ? '发送失败' : 'Failed', { exact: true }).waitFor();
      const text = await s.page.locator('.robots').innerText();
      expect(text).toContain(zh ? '已送达' : 'Delivered');
      expect(text).toContain('93000');
      expect(text).toContain(zh ? '尝试 6 次' : 'Attempts: 6');
      expect(text).not.toMatch(/[0-9a-f]{24}/);
      await s.page.locator('.settings-panel').screenshot({ path: shot(`robots-${locale}-${width}`) });
      copyShot(`robots-${locale}-${width}`);
      await s.page.locator('.robot-log').screenshot({ path: shot(`robots-log-${locale}-${width}`) });
      copyShot(`robots-log-${locale}-${width}`);
      expect(await a11yViolations(s.page)).toEqual([]);
      // The edit dialog: the secret is shown as set, never filled in.
      await s.page
        .locator('.robot-row', { hasText: '联合体钉钉工作群' })
        .getByRole('button', { name: zh ? '修改' : 'Edit' })
        .click();
      const edit = s.page.getByRole('dialog', { name: zh ? '修改群机器人' : 'Edit group robot' });
      await edit.waitFor();
      expect(await edit.getByLabel(zh ? '加签密钥（可选）' : 'Signing secret (optional)').inputValue()).toBe('');
      // Nor the address: whoever holds it can post to the group. It is shown with its key cut short.
      expect(await edit.getByLabel(zh ? 'Webhook 地址' : 'Webhook address').inputValue()).toBe('');
      await edit.getByText(zh ? '当前：https://127.0.0.1:9/robot/send?access_token=…（留空则不变' : 'Now: https://127.0.0.1:9/robot/send?access_token=… (leave empty').waitFor();
      expect(await s.page.content()).not.toContain('access_token=e2e');
      await edit.getByText(zh ? '已设置（留空则不变）' : 'Set (leave empty to keep it)').waitFor();
      await s.page.screenshot({ path: shot(`robots-dialog-${locale}-${width}`) });
      copyShot(`robots-dialog-${locale}-${width}`);
      expect(await a11yViolations(s.page)).toEqual([]);
      await edit.getByRole('button', { name: zh ? '取消' : 'Cancel' }).click();
      await s.context.close();
    }

    // Delete, with a confirmation first.
    await page.reload();
    const wecomRow = page.locator('.robot-row', { hasText: '城东街道企业微信群' });
    await wecomRow.getByRole('button', { name: '删除' }).click();
    const confirm = page.getByRole('dialog', { name: '删除群机器人' });
    await confirm.getByText('确定删除“城东街道企业微信群”吗？').waitFor();
    await confirm.getByRole('button', { name: '删除' }).click();
    await wecomRow.waitFor({ state: 'detached' });
    // Its log stays.
    await page.getByText('已逾期：雨污分流改造').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
