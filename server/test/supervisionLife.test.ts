import { createHmac } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startMongoEmulator, type MongoEmulator } from '@tongxin/mongo-emulator';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { ActionItemDetail, Evidence, ItemLight } from '@tongxin/shared';
import { SettableClock } from '../src/clock.js';
import { request, type ApiClient } from './support/api.js';
import { startFakePlatforms, type FakePlatforms, type ReceivedMessage } from './support/fakeRobotPlatforms.js';
import { tinyPng } from './support/png.js';
import { startServerProcess, type ServerProcess } from './support/process.js';
import { setUpAlliance, type RoomFixture } from './support/room.js';

/** A Beijing wall-clock time, `2026-09-21T10:00`, as an instant. */
const bj = (local: string) => `${local}:00+08:00`;

async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

interface Listed {
  kind: string;
  link: string | null;
  params: Record<string, string | number>;
}

interface Delivery {
  robot: { id: string; name: string; platform: string } | null;
  kind: string;
  state: string;
  attempts: number;
  lastAnswer: { status: number; body: string } | null;
}

const DING_SECRET = 'SEC5f1d2c3b4a5968778695a4b3c2d1e0f9e8d7c6b5a4938271605f4e3d2c1b0a9';
const FEISHU_SECRET = 'lifeFeishuSecret42';
const PUBLIC_URL = 'https://tongxin.example.cn';
/** What the alliance's groups want: each kind of the 督办 cycle that goes to robots (飞书 only the urgent and the final ones). */
const GROUP_KINDS = ['item.assigned', 'item.dueSoon', 'item.overdue', 'item.nudged', 'item.submitted', 'item.verified'];
const FEISHU_KINDS = ['item.overdue', 'item.nudged', 'item.verified'];

/**
 * The done-when test of 督办 between meetings: one action item's whole life on two server
 * processes sharing one database and one Redis, with the clock moved through 国庆 2026 (1–7 October
 * off, Saturday 10 October a 调休 working day). 签收 late, due in 3 working days across the holiday,
 * due today, overdue on the 调休 Saturday and the next working day, 延期 asked and granted, 催办,
 * progress with a photo, handed in, verified — the light at each step, each notification once for
 * each person, each group-robot message once per group. The process that holds the first overdue
 * reminder is killed inside its lease and comes back.
 */
describe('an action item’s life across two processes, a crash and the National Day holiday', () => {
  let mongo: MongoEmulator | null = null;
  let conn: mongoose.Connection;
  let platforms: FakePlatforms;
  const platformClock = new SettableClock(new Date(bj('2026-09-21T10:00')));
  const procs: ServerProcess[] = [];
  const dirs: string[] = [];
  let env: Record<string, string>;

  const start = async (at: string) => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tongxin-life-'));
    dirs.push(dataDir);
    const p = await startServerProcess({ ...env, DATA_DIR: dataDir, TEST_CLOCK_AT: bj(at) });
    procs.push(p);
    return p;
  };

  beforeAll(async () => {
    let uri = process.env.TEST_MONGODB_URI;
    if (!uri) {
      mongo = await startMongoEmulator({ dataDir: await fs.mkdtemp(path.join(os.tmpdir(), 'tongxin-life-db-')) });
      uri = mongo.uri;
    }
    const dbName = `life${Date.now().toString(36)}`;
    env = {
      MONGODB_URI: uri,
      MONGODB_DB: dbName,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      PUBLIC_URL,
      REMINDER_TICK_MS: '200',
      REMINDER_LEASE_MS: '5000',
      REMINDER_TEST_HOLD_MS: '3000',
      ROBOT_TICK_MS: '200',
    };
    conn = await mongoose.createConnection(uri, { dbName }).asPromise();
    platforms = await startFakePlatforms(platformClock);
    platforms.robots.set('life-wecom', null);
    platforms.robots.set('life-ding', DING_SECRET);
    platforms.robots.set('life-feishu', FEISHU_SECRET);
  });

  afterAll(async () => {
    for (const p of procs) {
      if (p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGTERM');
        await p.exit;
      }
    }
    await platforms?.close();
    await conn?.close();
    await mongo?.close();
    await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
  });

  it('every step shows its light; every reminder, notification and group message arrives exactly once', { timeout: 300_000 }, async () => {
    // What the servers said, to read when a step fails.
    onTestFailed(() => {
      for (const [i, p] of procs.entries()) console.log(`--- server process ${i} (pid ${p.child.pid})\n${p.logs.slice(-60).join('\n')}`);
    });
    // Monday 21 September 2026, 10:00 in Beijing.
    let a = await start('2026-09-21T10:00');
    let b = await start('2026-09-21T10:00');
    const f: RoomFixture = await setUpAlliance(a, 3);
    const secretary = f.secretary;
    const leadRep = f.reps[1]!;
    const lead = leadRep.api;
    const cooperating = f.reps[2]!;
    const occurrences = conn.collection('reminderoccurrences');

    // Sessions live in the database: a token works on either process.
    const on = (server: ServerProcess, client: ApiClient) => {
      const auth = { authorization: `Bearer ${client.token}` };
      return {
        get: (p: string) => request(server, 'GET', p, undefined, auth),
        post: (p: string, body?: unknown) => request(server, 'POST', p, body, auth),
      };
    };
    const setClocks = async (local: string) => {
      platformClock.set(new Date(bj(local)));
      for (const s of [a, b]) {
        const res = await request(s, 'PUT', '/test/clock', { at: bj(local) });
        expect(res.status).toBe(200);
      }
    };

    // The secretary connects the alliance's three groups through the REST API (on process B).
    const addRobot = async (body: Record<string, unknown>) => {
      const res = await on(b, secretary).post(`/alliances/${f.allianceId}/robots`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body as { id: string; secretSet: boolean; kinds: string[] };
    };
    const wecom = await addRobot({ platform: 'wecom', name: '联合体企业微信群', webhookUrl: `${platforms.url}/cgi-bin/webhook/send?key=life-wecom`, kinds: GROUP_KINDS });
    const ding = await addRobot({
      platform: 'dingtalk',
      name: '联合体钉钉群',
      webhookUrl: `${platforms.url}/robot/send?access_token=life-ding`,
      secret: DING_SECRET,
      kinds: GROUP_KINDS,
    });
    const feishu = await addRobot({
      platform: 'feishu',
      name: '联合体飞书群',
      webhookUrl: `${platforms.url}/open-apis/bot/v2/hook/life-feishu`,
      secret: FEISHU_SECRET,
      kinds: FEISHU_KINDS,
    });
    expect([wecom.secretSet, ding.secretSet, feishu.secretSet]).toEqual([false, true, true]);

    // The secretary assigns the item on process A: due Friday 9 October, the second working day after 国庆.
    const created = await on(a, secretary).post(`/alliances/${f.allianceId}/action-items`, {
      title: '背街小巷环境整治',
      leadUnit: leadRep.unit,
      cooperatingUnits: [cooperating.unit],
      responsiblePerson: '王建华',
      measures: '一巷一策，每周巡查。',
      dueDate: '2026-10-09',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const itemId = created.body.id as string;
    const link = `/action-items/${itemId}`;

    const view = async (server: ServerProcess) => {
      const res = await on(server, secretary).get(`/action-items/${itemId}`);
      expect(res.status).toBe(200);
      return res.body as ActionItemDetail;
    };
    const lightOn = async (server: ServerProcess) => (await view(server)).light as ItemLight;
    const mine = async (client: ApiClient, server: ServerProcess) => {
      const page = await on(server, client).get('/notifications?limit=50');
      expect(page.status).toBe(200);
      return (page.body as { items: Listed[] }).items.filter((n) => n.link === link);
    };
    const kindsOf = (list: Listed[]) => list.map((n) => n.kind).sort();
    const count = async (client: ApiClient, server: ServerProcess, kind: string) => (await mine(client, server)).filter((n) => n.kind === kind).length;
    const done = (key: string) => waitFor(`reminder ${key} to be delivered`, () => occurrences.findOne({ key, state: 'done' }));
    const deliveries = async () =>
      ((await on(a, secretary).get(`/alliances/${f.allianceId}/robot-deliveries?limit=100`)).body as { items: Delivery[] }).items;
    /** The outbox is empty of work: `n` deliveries, all sent, and the fake groups got `n` posts. */
    const robotsSettled = (n: number) =>
      waitFor(`${n} robot deliveries to be sent`, async () => {
        const list = await deliveries();
        return list.length === n && list.every((d) => d.state === 'sent') && platforms.received.length === n;
      });

    // Assigned: green, 待签收 until the end of Wednesday 23 September (2 working days); the lead unit is told, and two groups.
    expect(await lightOn(a)).toEqual({ light: 'green', reason: 'on_track' });
    expect(created.body.acknowledgement).toMatchObject({ pending: true, dueAt: new Date(Date.parse(bj('2026-09-24T00:00')) - 1).toISOString() });
    await waitFor('the lead unit to hear of the new item', async () => (await count(lead, b, 'item.assigned')) === 1);
    await robotsSettled(2);

    // Thursday 24 September: nobody acknowledged — yellow, and the 签收 reminder to the lead unit and the secretaries.
    await setClocks('2026-09-24T09:00');
    expect(await lightOn(b)).toEqual({ light: 'yellow', reason: 'not_acknowledged' });
    await done(`item:${itemId}:ackOverdue:${new Date(Date.parse(bj('2026-09-24T00:00')) - 1).toISOString()}`);
    expect(await count(lead, a, 'item.ackOverdue')).toBe(1);
    expect(await count(secretary, b, 'item.ackOverdue')).toBe(1);
    const ack = await on(b, lead).post(`/action-items/${itemId}/acknowledge`);
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    // 5 working days to the deadline (28–30 September, 8–9 October): green again.
    expect(await lightOn(a)).toEqual({ light: 'green', reason: 'on_track' });

    // Monday 28 September: 4 working days left — still green.
    await setClocks('2026-09-28T09:00');
    expect(await lightOn(b)).toEqual({ light: 'green', reason: 'on_track' });

    // Tuesday 29 September: the deadline is eleven calendar days away but only 3 working days (30 Sep, 8 and 9 Oct).
    await setClocks('2026-09-29T09:00');
    expect(await lightOn(a)).toEqual({ light: 'yellow', reason: 'due_soon' });
    await done(`item:${itemId}:dueSoon:2026-10-09`);
    const soon = (await mine(lead, b)).filter((n) => n.kind === 'item.dueSoon');
    expect(soon).toHaveLength(1);
    expect(soon[0]!.params).toMatchObject({ date: '2026-10-09', days: 3 });
    // 临近完成时限 is a group robot kind too (企业微信 and 钉钉 want it).
    await robotsSettled(4);

    // Friday 9 October: due today.
    await setClocks('2026-10-09T09:00');
    expect(await lightOn(b)).toEqual({ light: 'yellow', reason: 'due_soon' });
    await done(`item:${itemId}:dueToday:2026-10-09`);
    expect(await count(lead, a, 'item.dueToday')).toBe(1);

    // Saturday 10 October, a 调休 working day: overdue, day 1. Kill the process that claimed the reminder, inside its hold.
    await setClocks('2026-10-10T09:00');
    expect(await lightOn(a)).toEqual({ light: 'red', reason: 'overdue', daysOverdue: 1 });
    const day1 = `item:${itemId}:overdue:2026-10-10`;
    const claim = await waitFor('a process to claim overdue day 1', () => occurrences.findOne({ key: day1, state: 'claimed' }));
    const pid = Number(String(claim.owner).split(':')[1]);
    const victim = [a, b].find((p) => p.child.pid === pid);
    expect(victim).toBeDefined();
    const survivor = victim === a ? b : a;
    victim!.child.kill('SIGKILL');
    await victim!.exit;
    const day1Done = await done(day1);
    expect(day1Done).toMatchObject({ attempts: 2 });
    expect(String(day1Done.owner).split(':')[1]).toBe(String(survivor.child.pid));
    // The killed process comes back on the same database, with the test's time.
    const back = await start('2026-10-10T09:05');
    if (victim === a) a = back;
    else b = back;
    await setClocks('2026-10-10T09:06');
    await waitFor('overdue day 1 to reach the lead unit and the secretary', async () =>
      (await count(lead, a, 'item.overdue')) === 1 && (await count(secretary, b, 'item.overdue')) === 1,
    );
    // assigned ×2, dueSoon ×2, overdue day 1 ×3.
    await robotsSettled(7);

    // Sunday 11 October is a day off: red, 2 days, and nobody is chased.
    await setClocks('2026-10-11T09:00');
    expect(await lightOn(b)).toEqual({ light: 'red', reason: 'overdue', daysOverdue: 2 });
    // Several ticks of both processes pass (a negative: there is nothing to wait for).
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await occurrences.countDocuments({ key: `item:${itemId}:overdue:2026-10-11` })).toBe(0);

    // Monday 12 October: overdue, day 2 of the reminders (3 calendar days).
    await setClocks('2026-10-12T09:00');
    expect(await lightOn(a)).toEqual({ light: 'red', reason: 'overdue', daysOverdue: 3 });
    await done(`item:${itemId}:overdue:2026-10-12`);
    await robotsSettled(10);

    // The lead unit asks (on A) for Friday 23 October; the secretary approves (on B).
    const asked = await on(a, lead).post(`/action-items/${itemId}/extension-requests`, { to: '2026-10-23', reason: '涉及管线迁改，需协调供电部门。' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    const requestId = (asked.body as ActionItemDetail).extensionRequests.at(-1)!.id;
    await waitFor('the secretary to hear of the request', async () => (await count(secretary, b, 'item.extensionRequested')) === 1);
    const decided = await on(b, secretary).post(`/action-items/${itemId}/extension-requests/${requestId}/decision`, { approve: true, note: '同意延期。' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect((decided.body as ActionItemDetail).dueDate).toBe('2026-10-23');
    await waitFor('the lead unit to hear of the decision', async () => (await count(lead, a, 'item.extensionDecided')) === 1);
    const decision = (await mine(lead, b)).find((n) => n.kind === 'item.extensionDecided')!;
    expect(decision.params).toMatchObject({ outcome: 'approved', date: '2026-10-23' });
    // Not overdue any more, 9 working days left — but nothing reported since 21 September: yellow.
    expect(await lightOn(a)).toEqual({ light: 'yellow', reason: 'no_recent_report', silentDays: 14 });

    // Tuesday 13 October: the secretary sends a 催办 (on A); the lead unit and all three groups hear of it.
    await setClocks('2026-10-13T09:00');
    const nudged = await on(a, secretary).post(`/action-items/${itemId}/nudges`, { note: '请本周内报送整治进展。' });
    expect(nudged.status, JSON.stringify(nudged.body)).toBe(201);
    await waitFor('the lead unit to hear of the 催办', async () => (await count(lead, b, 'item.nudged')) === 1);
    await robotsSettled(13);

    // The lead unit uploads a photo (on B) and reports progress with it (on A): green.
    const form = new FormData();
    form.append('file', new Blob([tinyPng()], { type: 'image/png' }), '整治现场.png');
    const uploaded = await fetch(`${b.url}/api/action-items/${itemId}/evidence`, {
      method: 'POST',
      headers: { authorization: `Bearer ${lead.token}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const photo = ((await uploaded.json()) as { files: Evidence[] }).files[0]!;
    expect(photo).toMatchObject({ kind: 'image', contentType: 'image/png' });
    const reported = await on(a, lead).post(`/action-items/${itemId}/progress`, { text: '已完成12条巷道整治。', percent: 100, attachments: [photo.id] });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    expect((await view(b)).progress.at(-1)!.attachments.map((x) => x.id)).toEqual([photo.id]);
    const picture = await fetch(`${a.url}/api/evidence/${photo.id}`, { headers: { authorization: `Bearer ${secretary.token}` } });
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await picture.arrayBuffer()).equals(tinyPng())).toBe(true);
    expect(await lightOn(b)).toEqual({ light: 'green', reason: 'on_track' });
    await waitFor('the secretary to hear of the report', async () => (await count(secretary, a, 'item.progressReported')) === 1);

    // Handed in (on B): green, awaiting verification; verified (on A): no light.
    const submitted = await on(b, lead).post(`/action-items/${itemId}/transition`, { transition: 'submit' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(await lightOn(a)).toEqual({ light: 'green', reason: 'awaiting_verification' });
    await waitFor('the secretary to hear of the hand-in', async () => (await count(secretary, b, 'item.submitted')) === 1);
    const verified = await on(a, secretary).post(`/action-items/${itemId}/transition`, { transition: 'verify', note: '现场复核合格。' });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(await lightOn(b)).toEqual({ light: 'none', reason: 'finished' });
    await waitFor('the lead unit to hear of the verification', async () => (await count(lead, a, 'item.verified')) === 1);
    // submitted ×2, verified ×3.
    await robotsSettled(18);

    // Past the extended deadline, a closed item reminds nobody.
    await setClocks('2026-10-26T09:00');
    await new Promise((r) => setTimeout(r, 1_500));

    // Each person found each occurrence once, on either process.
    expect(kindsOf(await mine(lead, b))).toEqual(
      [
        'item.assigned',
        'item.ackOverdue',
        'item.dueSoon',
        'item.dueToday',
        'item.overdue',
        'item.overdue',
        'item.extensionDecided',
        'item.nudged',
        'item.verified',
      ].sort(),
    );
    expect(kindsOf(await mine(secretary, a))).toEqual(
      ['item.ackOverdue', 'item.overdue', 'item.overdue', 'item.extensionRequested', 'item.progressReported', 'item.submitted'].sort(),
    );
    const overdue = (await mine(lead, a)).filter((n) => n.kind === 'item.overdue').map((n) => n.params.days).sort();
    expect(overdue).toEqual([1, 3]);
    expect(await mine(cooperating.api, b)).toEqual([]);
    expect(await mine(f.reps[0]!.api, a)).toEqual([]);
    const keys = (await occurrences.find({ key: { $regex: `^item:${itemId}:` } }).toArray()).map((o) => [o.key, o.state]);
    expect(keys.sort()).toEqual(
      [
        [`item:${itemId}:ackOverdue:${new Date(Date.parse(bj('2026-09-24T00:00')) - 1).toISOString()}`, 'done'],
        [`item:${itemId}:dueSoon:2026-10-09`, 'done'],
        [`item:${itemId}:dueToday:2026-10-09`, 'done'],
        [`item:${itemId}:overdue:2026-10-10`, 'done'],
        [`item:${itemId}:overdue:2026-10-12`, 'done'],
      ].sort(),
    );

    // Each group got each message once, accepted at the first attempt, in its platform's format.
    const log = await deliveries();
    expect(log.every((d) => d.state === 'sent' && d.attempts === 1 && d.lastAnswer?.status === 200)).toBe(true);
    const perRobot = (name: string) => log.filter((d) => d.robot?.name === name).map((d) => d.kind).sort();
    const expectedGroup = ['item.assigned', 'item.dueSoon', 'item.overdue', 'item.overdue', 'item.nudged', 'item.submitted', 'item.verified'].sort();
    expect(perRobot('联合体企业微信群')).toEqual(expectedGroup);
    expect(perRobot('联合体钉钉群')).toEqual(expectedGroup);
    expect(perRobot('联合体飞书群')).toEqual(['item.overdue', 'item.overdue', 'item.nudged', 'item.verified'].sort());

    const got = (id: string) => platforms.received.filter((m) => m.id === id);
    const texts = (list: ReceivedMessage[]) => list.map((m) => m.text);
    for (const id of ['life-wecom', 'life-ding', 'life-feishu']) {
      // Distinct posts: no occurrence posted twice (the two overdue days differ in their day count).
      expect(new Set(texts(got(id))).size).toBe(got(id).length);
    }
    expect(got('life-wecom')).toHaveLength(7);
    expect(got('life-ding')).toHaveLength(7);
    expect(got('life-feishu')).toHaveLength(4);

    const titled = (list: ReceivedMessage[], prefix: string) => list.filter((m) => m.title.includes(prefix));
    // 企业微信: markdown, the overdue title in the warning colour, a link to the item.
    const wecomOverdue = titled(got('life-wecom'), '已逾期：背街小巷环境整治');
    expect(wecomOverdue.map((m) => m.title)).toEqual(Array(2).fill('**<font color="warning">已逾期：背街小巷环境整治</font>**'));
    expect(wecomOverdue.map((m) => /逾期 (\d+) 天/.exec(m.text)?.[1]).sort()).toEqual(['1', '3']);
    for (const m of got('life-wecom')) {
      expect(m.body).toEqual({ msgtype: 'markdown', markdown: { content: m.text } });
      expect(m.text).toContain(`[查看详情](${PUBLIC_URL}${link})`);
    }
    expect(titled(got('life-wecom'), '催办：背街小巷环境整治')[0]!.text).toContain('请本周内报送整治进展。');
    // 钉钉: markdown with a title; the fake platform checked the 加签 of each (310000 otherwise).
    for (const m of got('life-ding')) {
      expect(m.body).toEqual({ msgtype: 'markdown', markdown: { title: m.title, text: m.text } });
      expect(m.text.startsWith(`#### ${m.title}\n\n`)).toBe(true);
    }
    expect(got('life-ding').map((m) => m.title).sort()).toEqual(
      ['新的督办事项', '临近时限', '已逾期', '已逾期', '催办', '提请验收', '已销号'].map((t) => `${t}：背街小巷环境整治`).sort(),
    );
    // 飞书: an interactive card, red for overdue, signed over timestamp + secret.
    for (const m of got('life-feishu')) {
      const body = m.body as { timestamp: string; sign: string; msg_type: string; card: { header: { template: string } } };
      expect(body.msg_type).toBe('interactive');
      expect(body.sign).toBe(createHmac('sha256', `${body.timestamp}\n${FEISHU_SECRET}`).update('').digest('base64'));
      expect(body.card.header.template).toBe(m.title.startsWith('已逾期') ? 'red' : 'blue');
      expect(JSON.stringify(body.card)).toContain(`${PUBLIC_URL}${link}`);
    }
  });
});
