import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startMongoEmulator, type MongoEmulator } from '@tongxin/mongo-emulator';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type ApiClient } from './support/api.js';
import { startServerProcess, type ServerProcess } from './support/process.js';
import { setUpAlliance } from './support/room.js';

/** `2026-09-28T09:00` on a Beijing clock, as the test clock endpoint takes it. */
const REMINDER_KINDS = ['item.ackOverdue', 'item.dueSoon', 'item.dueToday', 'item.overdue'];

const bj = (local: string) => `${local}:00+08:00`;

async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
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

/**
 * Two server processes on one database and one Redis tick the reminder scheduler every 200 ms.
 * One is killed (SIGKILL) after it claimed a reminder and before it delivered it; the other takes
 * the claim over when its lease runs out; the killed one comes back. Through an item's whole life
 * each person finds each reminder in their notifications exactly once.
 */
describe('reminders across processes, a crash and a restart', () => {
  let mongo: MongoEmulator | null = null;
  let conn: mongoose.Connection;
  const procs: ServerProcess[] = [];
  const dirs: string[] = [];
  let env: Record<string, string>;

  const start = async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tongxin-reminders-'));
    dirs.push(dataDir);
    const p = await startServerProcess({ ...env, DATA_DIR: dataDir });
    procs.push(p);
    return p;
  };
  const setClocks = async (servers: ServerProcess[], local: string) => {
    for (const s of servers) {
      const res = await request(s, 'PUT', '/test/clock', { at: bj(local) });
      expect(res.status).toBe(200);
    }
  };

  beforeAll(async () => {
    let uri = process.env.TEST_MONGODB_URI;
    if (!uri) {
      mongo = await startMongoEmulator({ dataDir: await fs.mkdtemp(path.join(os.tmpdir(), 'tongxin-reminders-db-')) });
      uri = mongo.uri;
    }
    const dbName = `reminders${Date.now().toString(36)}`;
    env = {
      MONGODB_URI: uri,
      MONGODB_DB: dbName,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      // Thursday 24 September 2026, the last working day before the 中秋 holiday (25–27 September).
      TEST_CLOCK_AT: bj('2026-09-24T10:00'),
      REMINDER_TICK_MS: '200',
      REMINDER_LEASE_MS: '5000',
      REMINDER_TEST_HOLD_MS: '3000',
    };
    conn = await mongoose.createConnection(uri, { dbName }).asPromise();
  });

  afterAll(async () => {
    for (const p of procs) {
      if (p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGTERM');
        await p.exit;
      }
    }
    await conn?.close();
    await mongo?.close();
    await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
  });

  it('every reminder of an item reaches each recipient exactly once', { timeout: 300_000 }, async () => {
    const a = await start();
    const b = await start();
    const f = await setUpAlliance(a, 2);
    const lead = f.reps[0]!;
    const item = await f.secretary.post(`/alliances/${f.allianceId}/action-items`, {
      title: '建立辖区停车资源共享台账',
      leadUnit: lead.unit,
      cooperatingUnits: [f.reps[1]!.unit],
      responsiblePerson: '王建华',
      measures: '梳理各单位内部停车位，错峰向居民开放。',
      dueDate: '2026-09-30',
    });
    expect(item.status).toBe(201);
    const itemId = item.body.id as string;
    const occurrences = conn.collection('reminderoccurrences');

    // Sessions live in the database: a token works on either process.
    const on = (server: ServerProcess, client: ApiClient) => ({
      get: (p: string) => request(server, 'GET', p, undefined, { authorization: `Bearer ${client.token}` }),
      post: (p: string, body: unknown) => request(server, 'POST', p, body, { authorization: `Bearer ${client.token}` }),
    });
    const mine = async (client: ApiClient, server: ServerProcess) => {
      const page = await on(server, client).get('/notifications?limit=50');
      expect(page.status).toBe(200);
      return (page.body as { items: Listed[] }).items.filter(
        (n) => n.link === `/action-items/${itemId}` && REMINDER_KINDS.includes(n.kind),
      );
    };
    const kindsOf = (list: Listed[]) => list.map((n) => n.kind).sort();

    // Still Thursday 24 September: past 中秋 (25–27 off), the deadline Wed 30 is 3 working days away (临近时限).
    const claim = await waitFor('a process to claim the dueSoon reminder', () =>
      occurrences.findOne({ key: `item:${itemId}:dueSoon:2026-09-30`, state: 'claimed' }),
    );
    // The owner is host:pid:instance; kill the process that holds the claim, inside its hold.
    const pid = Number(String(claim.owner).split(':')[1]);
    const victim = [a, b].find((p) => p.child.pid === pid)!;
    const survivor = victim === a ? b : a;
    expect(victim).toBeDefined();
    victim.child.kill('SIGKILL');
    await victim.exit;

    const soon = await waitFor('the survivor to take the claim over and deliver', async () => {
      const list = await mine(lead.api, survivor);
      return list.length > 0 ? list : null;
    });
    expect(kindsOf(soon)).toEqual(['item.dueSoon']);
    expect(soon[0]!.params).toMatchObject({ date: '2026-09-30', days: 3 });
    const done = await occurrences.findOne({ key: `item:${itemId}:dueSoon:2026-09-30` });
    expect(done).toMatchObject({ state: 'done', attempts: 2 });
    expect(String(done!.owner).split(':')[1]).toBe(String(survivor.child.pid));

    // The killed process comes back on the same database.
    const back = await start();
    const both = [survivor, back];

    // Wednesday 30 September: not acknowledged by the end of Tuesday (2 working days), and due today.
    await setClocks(both, '2026-09-30T09:00');
    await waitFor('签收 overdue and due today', async () => (await mine(lead.api, back)).length >= 3);
    await waitFor('the secretary to hear of 签收 overdue', async () => (await mine(f.secretary, survivor)).length >= 1);

    // Thursday 8 October, the first working day after 国庆: overdue, to the lead unit and the secretaries.
    await setClocks(both, '2026-10-08T09:00');
    await waitFor('overdue', async () => (await mine(lead.api, survivor)).length >= 4);
    await waitFor('the secretary to hear of overdue', async () => (await mine(f.secretary, back)).length >= 2);

    // The lead unit reports and hands the work in: no more reminders the next day.
    const leadOnBack = on(back, lead.api);
    expect((await leadOnBack.post(`/action-items/${itemId}/progress`, { text: '已建立台账，首批开放车位120个。', percent: 100 })).status).toBe(201);
    expect((await leadOnBack.post(`/action-items/${itemId}/transition`, { transition: 'submit' })).status).toBe(200);
    await setClocks(both, '2026-10-09T09:00');
    // Several ticks of both processes (and more than one hold) pass.
    await new Promise((r) => setTimeout(r, 4_000));

    expect(kindsOf(await mine(lead.api, back))).toEqual(['item.ackOverdue', 'item.dueSoon', 'item.dueToday', 'item.overdue']);
    expect(kindsOf(await mine(f.secretary, survivor))).toEqual(['item.ackOverdue', 'item.overdue']);
    const keys = (await occurrences.find({ key: { $regex: `^item:${itemId}:` } }).toArray()).map((o) => [o.key, o.state]);
    expect(keys.sort()).toEqual(
      [
        [`item:${itemId}:ackOverdue:${new Date(Date.parse(bj('2026-09-30T00:00')) - 1).toISOString()}`, 'done'],
        [`item:${itemId}:dueSoon:2026-09-30`, 'done'],
        [`item:${itemId}:dueToday:2026-09-30`, 'done'],
        [`item:${itemId}:overdue:2026-10-08`, 'done'],
      ].sort(),
    );
  });
});
