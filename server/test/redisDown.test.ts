import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startMongoEmulator, type MongoEmulator } from '@tongxin/mongo-emulator';
import { HealthSchema, type Health } from '@tongxin/shared';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, request, type ApiClient } from './support/api.js';
import { startPrivateRedis, type PrivateRedis } from './support/redisServer.js';
import { connect, nextEvent, ok, send, type RoomClient } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { fragmentText, openDoc, until, writeParagraphs, type YClient } from './support/yjsClient.js';

async function health(server: TestServer): Promise<{ status: number; body: Health }> {
  const res = await fetch(`${server.url}/api/health`);
  return { status: res.status, body: HealthSchema.parse(await res.json()) };
}

/** Polls `/api/health` until it reports `want`; Redis outages are noticed within a few seconds. */
async function healthBecomes(server: TestServer, want: Health['status'], timeoutMs = 5_000) {
  const start = Date.now();
  for (;;) {
    const h = await health(server);
    if (h.body.status === want) return h;
    if (Date.now() - start > timeoutMs) throw new Error(`health stayed ${JSON.stringify(h.body)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Two instances behind a load balancer share a Redis that crashes in the middle of a meeting and
 * comes back empty. Redis only carries what is shared between processes; while it is away each
 * process carries on with its own limits and presence, and when it is back they share again.
 */
describe('when Redis goes down in the middle of a meeting and comes back', () => {
  let redis: PrivateRedis;
  let mongo: MongoEmulator | null = null;
  let a: TestServer;
  let b: TestServer;
  let meetingId: string;
  let rep1: ApiClient;
  let rep2: ApiClient;
  let rep2Id: string;
  let onA: RoomClient;
  let onB: RoomClient;
  let docA: YClient;
  let docB: YClient;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    let uri = process.env.TEST_MONGODB_URI;
    if (!uri) {
      mongo = await startMongoEmulator({ dataDir: await fs.mkdtemp(path.join(os.tmpdir(), 'tongxin-redisdown-')) });
      uri = mongo.uri;
    }
    const env = { MONGODB_URI: uri, MONGODB_DB: `redisdown${Date.now().toString(36)}`, REDIS_URL: redis.url };
    a = await startTestServer(env, { room: { presenceGraceMs: 200 } });
    b = await startTestServer(env, { room: { presenceGraceMs: 200 } });

    const secretary = await loginAs(a, 'secretary');
    rep1 = await loginAs(a, 'rep1');
    rep2 = await loginAs(b, 'rep2');
    rep2Id = (await rep2.get('/me')).body.user.id as string;
    const me = await secretary.get('/me');
    const meetings = await secretary.get(`/alliances/${me.body.alliances[0].id}/meetings?when=upcoming`);
    meetingId = meetings.body.items[0].id as string;
    const decision = await secretary.post(`/meetings/${meetingId}/decisions`, { title: '断线期间的决议' });
    const docName = decision.body.docName as string;

    docA = await openDoc(a, docName, secretary.token);
    docB = await openDoc(b, docName, (await loginAs(b, 'secretary')).token);
    writeParagraphs(docA.doc, ['断线前写的第一段。']);
    await until(() => fragmentText(docB.doc).includes('第一段'), 'B to receive the paragraph written on A');
    onA = await connect(a, rep1.token);
    ok(await send(onA, 'meeting:join', { meetingId }));
    expect((await health(a)).body.status).toBe('ok');
  });

  afterAll(async () => {
    onA?.disconnect();
    onB?.disconnect();
    docA?.close();
    docB?.close();
    await b?.dispose();
    await a?.dispose();
    await redis?.kill();
    await mongo?.close();
  });

  it('people still log in, join the room and co-edit; health answers 200 "degraded"', async () => {
    await redis.kill();

    // Logins are limited by this process alone meanwhile: a right password gets in, a wrong one 401.
    expect((await request(a, 'POST', '/auth/token', { login: 'rep3', password: 'tongxin-demo' })).status).toBe(200);
    expect((await request(b, 'POST', '/auth/login', { login: 'rep3', password: 'tongxin-demo' })).status).toBe(200);
    expect((await request(a, 'POST', '/auth/token', { login: 'rep4', password: 'wrong-password' })).status).toBe(401);

    // Joining the room works and lists who this process knows about.
    onB = await connect(b, rep2.token);
    const joined = ok(await send(onB, 'meeting:join', { meetingId }));
    expect(joined.presence.online.map((o) => o.user.id)).toContain(rep2Id);

    // Each side keeps editing its own copy; they meet again when Redis is back.
    writeParagraphs(docA.doc, ['断线时甲实例写的一段。']);
    writeParagraphs(docB.doc, ['断线时乙实例写的一段。']);

    for (const server of [a, b]) {
      const degraded = await healthBecomes(server, 'degraded');
      expect(degraded.status).toBe(200);
      expect(degraded.body.redis).toEqual({ configured: true, ok: false });
      expect(degraded.body.db.ok).toBe(true);
    }
  });

  it('when Redis returns, health is ok again and limits, presence, rooms and documents are shared again', async () => {
    const bothOnline = nextEvent(onA, 'meeting:presence', (p) => p.online.length === 2, 10_000);
    bothOnline.catch(() => undefined); // awaited below
    await redis.restart();

    expect((await healthBecomes(a, 'ok')).status).toBe(200);
    expect((await healthBecomes(b, 'ok')).body.redis).toEqual({ configured: true, ok: true });

    // Edits made on either side during the outage reach the other side.
    await until(() => fragmentText(docB.doc).includes('甲实例写的'), 'B to catch up with A', 10_000);
    await until(() => fragmentText(docA.doc).includes('乙实例写的'), 'A to catch up with B', 10_000);

    // Presence is shared again: the person on A sees the person who joined on B during the outage.
    expect((await bothOnline).online.map((o) => o.user.id)).toContain(rep2Id);

    // A room broadcast from B reaches a socket on A (the adapter is subscribed again).
    const leftOnA = nextEvent(onA, 'meeting:presence', (p) => !p.online.some((o) => o.user.id === rep2Id));
    ok(await send(onB, 'meeting:leave', { meetingId }));
    await leftOnA;

    // A failed login lands in Redis again, where every process counts it.
    expect((await request(a, 'POST', '/auth/token', { login: 'rep5', password: 'wrong-password' })).status).toBe(401);
    const check = new Redis(redis.url);
    try {
      expect(await check.zcard(`tongxin:${a.ctx.config.MONGODB_DB}:login-failures:l:rep5`)).toBe(1);
    } finally {
      check.disconnect();
    }
  });

  it('a server stops cleanly while Redis is away', async () => {
    onA.disconnect();
    docA.close();
    await redis.kill();
    await healthBecomes(a, 'degraded');
    await a.dispose();
  });
});
