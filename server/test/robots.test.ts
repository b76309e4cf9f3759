import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettableClock } from '../src/clock.js';
import { webhookUrlProblem } from '../src/commands/robotRules.js';
import { RETRY_DELAYS_MS } from '../src/notify/robotOutbox.js';
import { enqueueRobotMessages } from '../src/notify/robots.js';
import { loginAs, type ApiClient } from './support/api.js';
import { startFakePlatforms, type FakePlatforms } from './support/fakeRobotPlatforms.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/**
 * 群机器人: a secretary connects the alliance's 企业微信, 钉钉 and 飞书 groups; each notification
 * reaches each group once, in the format and with the signature the platform documents; a group
 * that does not answer gets it later, and one that keeps refusing shows why in the 推送记录.
 */
describe('group robots and their outbox', () => {
  const clock = new SettableClock(new Date('2026-12-07T09:00:00+08:00'));
  let server: TestServer;
  let platforms: FakePlatforms;
  let secretary: ApiClient;
  let rep1: ApiClient;
  let allianceId: string;
  let rep1Unit: string;
  let otherUnit: string;
  const robots: Record<string, string> = {};
  const DING_SECRET = 'SECa1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2';
  const FEISHU_SECRET = 'feishuSecretX9';

  beforeAll(async () => {
    platforms = await startFakePlatforms(clock);
    platforms.robots.set('wecom-key-1', null);
    platforms.robots.set('ding-token-1', DING_SECRET);
    platforms.robots.set('feishu-hook-1', FEISHU_SECRET);
    platforms.robots.set('wecom-unit', null);
    // The outbox is driven by the test (tick()), not by its timer.
    server = await startTestServer({ ROBOT_TICK_MS: '600000', PUBLIC_URL: 'https://tongxin.example.cn/' }, { clock });
    secretary = await loginAs(server, 'secretary');
    rep1 = await loginAs(server, 'rep1');
    const me = (await rep1.get('/me')).body as { unit: { id: string }; alliances: { id: string; represents: string[] }[] };
    rep1Unit = me.unit.id;
    allianceId = me.alliances.find((a) => a.represents.includes(rep1Unit))!.id;
    const alliance = (await secretary.get(`/alliances/${allianceId}`)).body;
    expect(alliance.can.manage).toBe(true);
    otherUnit = (alliance.memberships as { unit: { id: string } }[]).map((m) => m.unit.id).find((u) => u !== rep1Unit)!;
    expect(rep1Unit).toBeTruthy();
  });
  afterAll(async () => {
    await server?.dispose();
    await platforms?.close();
  });

  const deliveries = async () =>
    (await secretary.get(`/alliances/${allianceId}/robot-deliveries?limit=100`)).body.items as {
      id: string;
      robot: { id: string; name: string } | null;
      title: string;
      state: string;
      attempts: number;
      lastAnswer: { status: number; body: string } | null;
      nextAttemptAt: string | null;
    }[];

  it('refuses an address that is not a web address, or plain http to another host', async () => {
    const bad = await secretary.post(`/alliances/${allianceId}/robots`, { platform: 'wecom', name: '工作群', webhookUrl: 'qyapi.weixin.qq.com/send' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
    const http = await secretary.post(`/alliances/${allianceId}/robots`, {
      platform: 'wecom',
      name: '工作群',
      webhookUrl: 'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc',
    });
    expect(http.status).toBe(400);
    expect(http.body.error.details[0].path).toEqual(['webhookUrl']);
    const noPlatform = await secretary.post(`/alliances/${allianceId}/robots`, { platform: 'qq', name: 'x', webhookUrl: 'https://a.cn/x' });
    expect(noPlatform.status).toBe(400);
    expect((await secretary.get(`/alliances/${allianceId}/robots`)).body.items).toEqual([]);
  });

  it('in production only https is accepted, loopback http included', () => {
    expect(webhookUrlProblem('http://127.0.0.1:9/cgi-bin/webhook/send?key=k', false)).toMatch(/https/);
    expect(webhookUrlProblem('http://127.0.0.1:9/cgi-bin/webhook/send?key=k', true)).toBeNull();
    expect(webhookUrlProblem('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', false)).toBeNull();
    expect(webhookUrlProblem('https://user:pw@qyapi.weixin.qq.com/x', false)).toMatch(/password/);
  });

  it('a secretary adds one robot per platform; the secret is never returned, only that it is set', async () => {
    const add = async (body: Record<string, unknown>) => {
      const res = await secretary.post(`/alliances/${allianceId}/robots`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    const wecom = await add({ platform: 'wecom', name: '联合体企业微信群', webhookUrl: `${platforms.url}/cgi-bin/webhook/send?key=wecom-key-1` });
    const ding = await add({
      platform: 'dingtalk',
      name: '联合体钉钉群',
      webhookUrl: `${platforms.url}/robot/send?access_token=ding-token-1`,
      secret: DING_SECRET,
    });
    const feishu = await add({
      platform: 'feishu',
      name: '联合体飞书群',
      webhookUrl: `${platforms.url}/open-apis/bot/v2/hook/feishu-hook-1`,
      secret: FEISHU_SECRET,
      kinds: ['item.assigned', 'item.overdue', 'item.assigned'],
    });
    robots.wecom = wecom.id;
    robots.dingtalk = ding.id;
    robots.feishu = feishu.id;
    expect(wecom.secretSet).toBe(false);
    expect(ding.secretSet).toBe(true);
    expect(feishu.kinds).toEqual(['item.assigned', 'item.overdue']);
    expect(wecom.kinds).toContain('item.assigned');
    const list = await secretary.get(`/alliances/${allianceId}/robots`);
    expect(list.body.items.map((r: { name: string }) => r.name)).toEqual(['联合体企业微信群', '联合体钉钉群', '联合体飞书群']);
    for (const text of [JSON.stringify(ding), JSON.stringify(feishu), JSON.stringify(list.body)]) {
      expect(text).not.toContain(DING_SECRET);
      expect(text).not.toContain(FEISHU_SECRET);
      expect(text).not.toContain('"secret"');
      // Whoever holds the address can post to the group: it is shown with its key cut short.
      for (const key of ['wecom-key-1', 'ding-token-1', 'feishu-hook-1']) expect(text).not.toContain(key);
      expect(text).not.toContain('webhookUrl');
    }
    expect(wecom.webhookHint).toBe(`${platforms.url}/cgi-bin/webhook/send?key=…ey-1`);
    expect(ding.webhookHint).toBe(`${platforms.url}/robot/send?access_token=…en-1`);
    expect(feishu.webhookHint).toBe(`${platforms.url}/open-apis/bot/v2/hook/…ok-1`);
    // A patch that does not name the secret keeps it.
    const renamed = await secretary.patch(`/robots/${ding.id}`, { name: '联合体钉钉工作群' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.secretSet).toBe(true);
    expect(JSON.stringify(renamed.body)).not.toContain(DING_SECRET);
  });

  it('the audit log says what changed in words, without the secret or the webhook key', async () => {
    const log = await secretary.get(`/alliances/${allianceId}/audit?pageSize=20`);
    expect(log.status).toBe(200);
    const text = JSON.stringify(log.body);
    expect(text).toContain('robot.create');
    expect(text).toContain('robot.update');
    expect(text).not.toContain(DING_SECRET);
    expect(text).not.toContain('ding-token-1');
    expect(text).not.toContain('wecom-key-1');
    expect(text).toContain('127.0.0.1');
  });

  it('a representative may not add a robot for the alliance, but may for their own unit', async () => {
    const refused = await rep1.post(`/alliances/${allianceId}/robots`, { platform: 'wecom', name: '本单位群', webhookUrl: `${platforms.url}/cgi-bin/webhook/send?key=wecom-unit` });
    expect(refused.status).toBe(403);
    const other = await rep1.post(`/alliances/${allianceId}/robots`, {
      platform: 'wecom',
      name: '别的单位群',
      unitId: otherUnit,
      webhookUrl: `${platforms.url}/cgi-bin/webhook/send?key=wecom-unit`,
    });
    expect(other.status).toBe(403);
    const own = await rep1.post(`/alliances/${allianceId}/robots`, {
      platform: 'wecom',
      name: '本单位企业微信群',
      unitId: rep1Unit,
      webhookUrl: `${platforms.url}/cgi-bin/webhook/send?key=wecom-unit`,
    });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    robots.unit = own.body.id;
    expect(own.body.unit.id).toBe(rep1Unit);
    // rep1 sees their unit's robot only; the secretary sees all four.
    expect((await rep1.get(`/alliances/${allianceId}/robots`)).body.items.map((r: { id: string }) => r.id)).toEqual([own.body.id]);
    expect((await secretary.get(`/alliances/${allianceId}/robots`)).body.items).toHaveLength(4);
  });

  it('a notification asked for twice is posted once to each robot that wants it, in each platform’s format', async () => {
    const msg = {
      key: 'item:abc:assigned',
      kind: 'item.assigned' as const,
      allianceId,
      unitIds: [otherUnit],
      params: { title: '背街小巷环境整治', unit: '城东街道', date: '2026年12月20日' },
      link: '/action-items/abc',
    };
    await enqueueRobotMessages(server.ctx, msg);
    await enqueueRobotMessages(server.ctx, msg);
    expect(await deliveries()).toHaveLength(3); // the alliance's three; rep1's unit is not named
    expect(await server.robotOutbox.tick()).toBe(3);
    expect(await server.robotOutbox.tick()).toBe(0);
    await enqueueRobotMessages(server.ctx, msg);
    expect(await server.robotOutbox.tick()).toBe(0);
    expect(platforms.received).toHaveLength(3);

    const byPlatform = Object.fromEntries(platforms.received.map((m) => [m.platform, m]));
    expect(byPlatform.wecom!.body).toEqual({
      msgtype: 'markdown',
      markdown: {
        content: '**新的督办事项：背街小巷环境整治**\n城东街道为牵头单位，完成时限 2026年12月20日，请及时签收。\n[查看详情](https://tongxin.example.cn/action-items/abc)',
      },
    });
    expect(byPlatform.dingtalk!.body).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '新的督办事项：背街小巷环境整治',
        text: '#### 新的督办事项：背街小巷环境整治\n\n城东街道为牵头单位，完成时限 2026年12月20日，请及时签收。\n\n[查看详情](https://tongxin.example.cn/action-items/abc)',
      },
    });
    expect(byPlatform.feishu!.title).toBe('新的督办事项：背街小巷环境整治');
    expect(byPlatform.feishu!.body.msg_type).toBe('interactive');
    // Signed with the server's clock, in seconds, as a string.
    expect(Math.abs(Number(byPlatform.feishu!.body.timestamp) - clock.now().getTime() / 1000)).toBeLessThan(30);
    expect(JSON.stringify(byPlatform.feishu!.body.card)).toContain('https://tongxin.example.cn/action-items/abc');

    const log = await deliveries();
    expect(log.map((d) => d.state)).toEqual(['sent', 'sent', 'sent']);
    expect(log.every((d) => d.attempts === 1 && d.lastAnswer?.status === 200)).toBe(true);
  });

  it('a unit’s robot hears only of its unit; a robot not wanting a kind hears nothing of it', async () => {
    platforms.received.length = 0;
    await enqueueRobotMessages(server.ctx, {
      key: 'item:def:dueSoon:2026-12-10',
      kind: 'item.dueSoon',
      allianceId,
      unitIds: [rep1Unit],
      params: { title: '停车场共建', date: '2026年12月10日', days: 3, unit: '城东街道' },
      link: null,
    });
    expect(await server.robotOutbox.tick()).toBe(3); // wecom + dingtalk + the unit's (feishu does not want dueSoon)
    expect(platforms.received.map((m) => m.id).sort()).toEqual(['ding-token-1', 'wecom-key-1', 'wecom-unit']);
    // No link without a page to open.
    expect(platforms.received.every((m) => !m.text.includes('查看详情'))).toBe(true);
  });

  it('a failed post is retried after 30 s, then sent', async () => {
    platforms.received.length = 0;
    platforms.failNext('wecom-key-1', 1);
    await enqueueRobotMessages(server.ctx, {
      key: 'item:ghi:overdue:2026-12-07',
      kind: 'item.overdue',
      allianceId,
      unitIds: [],
      params: { title: '雨污分流', date: '2026年12月1日', days: 6, unit: '城东街道' },
      link: '/action-items/ghi',
    });
    expect(await server.robotOutbox.tick()).toBe(3);
    expect(platforms.received.map((m) => m.platform).sort()).toEqual(['dingtalk', 'feishu']);
    let wecom = (await deliveries()).find((d) => d.robot?.id === robots.wecom && d.title.includes('雨污分流'))!;
    expect(wecom.state).toBe('pending');
    expect(wecom.attempts).toBe(1);
    expect(wecom.lastAnswer).toEqual({ status: 500, body: JSON.stringify({ errcode: -1, errmsg: 'system busy' }) });
    expect(new Date(wecom.nextAttemptAt!).getTime() - clock.now().getTime()).toBeGreaterThan(25_000);
    // Not before its time.
    expect(await server.robotOutbox.tick()).toBe(0);
    clock.advance(RETRY_DELAYS_MS[0] + 1_000);
    expect(await server.robotOutbox.tick()).toBe(1);
    wecom = (await deliveries()).find((d) => d.id === wecom.id)!;
    expect(wecom.state).toBe('sent');
    expect(wecom.attempts).toBe(2);
    // Overdue is in the warning colour.
    expect(platforms.received.find((m) => m.platform === 'wecom')!.text).toContain('<font color="warning">已逾期：雨污分流</font>');
  });

  it('six refusals in a row end as failed, with the platform’s answer in the delivery log', async () => {
    platforms.failNext('feishu-hook-1', 6, { status: 200, body: { code: 9499, msg: 'Bad Request', data: {} } });
    await enqueueRobotMessages(server.ctx, {
      key: 'item:jkl:assigned',
      kind: 'item.assigned',
      allianceId,
      unitIds: [],
      params: { title: '老旧小区加装电梯', unit: '城西社区', date: '2027年1月15日' },
      link: '/action-items/jkl',
    });
    const find = async () => (await deliveries()).find((d) => d.robot?.id === robots.feishu && d.title.includes('加装电梯'))!;
    await server.robotOutbox.tick();
    for (const delay of RETRY_DELAYS_MS) {
      expect((await find()).state).toBe('pending');
      clock.advance(delay + 1_000);
      expect(await server.robotOutbox.tick()).toBe(1);
    }
    const failed = await find();
    expect(failed.state).toBe('failed');
    expect(failed.attempts).toBe(6);
    expect(failed.lastAnswer).toEqual({ status: 200, body: JSON.stringify({ code: 9499, msg: 'Bad Request', data: {} }) });
    // Nothing more is tried.
    clock.advance(7 * 24 * 3_600_000);
    expect(await server.robotOutbox.tick()).toBe(0);
  });

  it('a delivery claimed by a process that died is posted once its lease has run out', async () => {
    platforms.received.length = 0;
    await enqueueRobotMessages(server.ctx, {
      key: 'minutes:pqr:published',
      kind: 'minutes.published',
      allianceId,
      unitIds: [],
      params: { title: '第三次联席会议纪要', alliance: '城东街道大工委' },
      link: '/meetings/pqr/minutes',
    });
    // As a process does when it claims one for sending, then is killed before it answers.
    const { RobotDelivery } = server.ctx.db.models;
    const lease = new Date(clock.now().getTime() + 60_000);
    const claimed = await RobotDelivery.updateMany({ key: 'minutes:pqr:published' }, { $set: { state: 'sending', leaseUntil: lease }, $inc: { attempts: 1 } });
    expect(claimed.modifiedCount).toBe(2); // the 飞书 robot does not want minutes
    expect(await server.robotOutbox.tick()).toBe(0);
    clock.advance(61_000);
    expect(await server.robotOutbox.tick()).toBe(2);
    expect(platforms.received.map((m) => m.platform).sort()).toEqual(['dingtalk', 'wecom']);
    const states = (await RobotDelivery.find({ key: 'minutes:pqr:published' }).lean()).map((d) => [d.state, d.attempts]);
    expect(states).toEqual([['sent', 2], ['sent', 2]]);
  });

  it('the delivery log pages newest first with a cursor', async () => {
    const first = await secretary.get(`/alliances/${allianceId}/robot-deliveries?limit=4`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(4);
    expect(first.body.nextCursor).toBe(first.body.items[3].id);
    const next = await secretary.get(`/alliances/${allianceId}/robot-deliveries?limit=100&cursor=${first.body.nextCursor}`);
    const all = await deliveries();
    expect([...first.body.items, ...next.body.items].map((d: { id: string }) => d.id)).toEqual(all.map((d) => d.id));
    expect(next.body.nextCursor).toBeNull();
    // rep1 sees only their unit's robot's deliveries.
    const mine = await rep1.get(`/alliances/${allianceId}/robot-deliveries`);
    expect(mine.body.items.every((d: { robot: { id: string } }) => d.robot.id === robots.unit)).toBe(true);
    expect(mine.body.items.length).toBeGreaterThan(0);
  });

  it('the test message is posted at once and answers with what the platform said; a wrong secret gets the platform’s error', async () => {
    platforms.received.length = 0;
    for (const id of [robots.wecom, robots.dingtalk, robots.feishu]) {
      const res = await secretary.post(`/robots/${id}/test`);
      expect(res.status).toBe(200);
      expect(res.body.ok, JSON.stringify(res.body)).toBe(true);
    }
    expect(platforms.received.map((m) => m.title)).toEqual(['**测试消息**', '测试消息', '测试消息']);
    const wrongDing = await secretary.patch(`/robots/${robots.dingtalk}`, { secret: 'SECwrong' });
    expect(wrongDing.status).toBe(200);
    const ding = await secretary.post(`/robots/${robots.dingtalk}/test`);
    expect(ding.body.ok).toBe(false);
    expect(ding.body.answer.body).toContain('310000');
    const wrongFeishu = await secretary.patch(`/robots/${robots.feishu}`, { secret: 'wrong' });
    expect(wrongFeishu.status).toBe(200);
    const feishu = await secretary.post(`/robots/${robots.feishu}/test`);
    expect(feishu.body.ok).toBe(false);
    expect(feishu.body.answer.body).toContain('19021');
    // Removing the secret: the platform expects one, so DingTalk refuses the unsigned message.
    const cleared = await secretary.patch(`/robots/${robots.dingtalk}`, { secret: null });
    expect(cleared.body.secretSet).toBe(false);
    expect((await secretary.post(`/robots/${robots.dingtalk}/test`)).body.answer.body).toContain('310000');
    // Someone else's robot: not theirs to test.
    expect((await rep1.post(`/robots/${robots.wecom}/test`)).status).toBe(403);
  });

  it('a disabled robot gets nothing new; a deleted one disappears and keeps its log', async () => {
    expect((await secretary.patch(`/robots/${robots.wecom}`, { enabled: false })).body.enabled).toBe(false);
    await enqueueRobotMessages(server.ctx, {
      key: 'item:mno:verified',
      kind: 'item.verified',
      allianceId,
      unitIds: [],
      params: { title: '社区食堂' },
      link: null,
    });
    const log = await deliveries();
    expect(log.filter((d) => d.title.includes('社区食堂')).map((d) => d.robot?.id)).toEqual([robots.dingtalk]);
    const sentBefore = log.filter((d) => d.robot?.id === robots.wecom).length;
    expect((await secretary.delete(`/robots/${robots.wecom}`)).status).toBe(204);
    expect((await secretary.get(`/alliances/${allianceId}/robots`)).body.items.map((r: { id: string }) => r.id)).not.toContain(robots.wecom);
    const after = await deliveries();
    expect(after.filter((d) => d.robot === null)).toHaveLength(sentBefore);
  });
});
