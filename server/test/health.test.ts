import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthSchema } from '@tongxin/shared';
import type { AppContext } from '../src/context.js';
import { healthRouter } from '../src/routes/health.js';
import { startTestServer, type TestServer } from './support/testServer.js';

describe('GET /api/health on a real server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('reports the database it uses and that it is reachable', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    const body = HealthSchema.parse(await res.json());
    expect(body.status).toBe('ok');
    expect(body.db).toEqual(
      process.env.TEST_MONGODB_URI
        ? { mode: 'uri', ok: true }
        : { mode: 'emulator', ok: true, fallback: 'no mongod on this machine and MONGOD_DOWNLOAD=false' },
    );
    expect(body.redis).toEqual({ configured: false, ok: false });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('answers unknown API paths with JSON, not the web app: 401 to strangers, 404 to users', async () => {
    const anonymous = await fetch(`${server.url}/api/nope`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const { token } = (await (
      await fetch(`${server.url}/api/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'rep1', password: 'tongxin-demo' }),
      })
    ).json()) as { token: string };
    const known = await fetch(`${server.url}/api/nope`, { headers: { authorization: `Bearer ${token}` } });
    expect(known.status).toBe(404);
    expect(await known.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('rejects a malformed JSON body with a 400 VALIDATION error', async () => {
    const res = await fetch(`${server.url}/api/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"broken":',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'VALIDATION' } });
  });

  it('fills an empty database with the demo alliance once', async () => {
    const { User, Unit, Alliance, Meeting } = server.ctx.db.models;
    expect(await User.exists({ login: 'secretary' })).not.toBeNull();
    expect(await Unit.countDocuments()).toBe(8);
    expect(await Alliance.countDocuments()).toBe(1);
    expect(await Meeting.countDocuments()).toBe(2);
  });
});

describe('GET /api/health with Redis configured', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('reports Redis as configured and reachable', async () => {
    const body = HealthSchema.parse(await (await fetch(`${server.url}/api/health`)).json());
    expect(body.redis).toEqual({ configured: true, ok: true });
  });
});

describe('GET /api/health when a dependency does not answer', () => {
  /** The health route alone, over HTTP, with a database and a Redis that answer as told. */
  async function healthWith(dbOk: boolean, redis: 'none' | 'up' | 'down') {
    const ctx = {
      version: '0.0.0',
      db: { mode: 'uri', ping: async () => dbOk },
      redis: redis === 'none' ? null : { ping: async () => redis === 'up' },
    } as unknown as AppContext;
    const app = express().use('/api', healthRouter(ctx));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/health`);
      return { status: res.status, body: HealthSchema.parse(await res.json()) };
    } finally {
      server.close();
    }
  }

  it('without Redis the server still serves: 200 "degraded"', async () => {
    const res = await healthWith(true, 'down');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'degraded', redis: { configured: true, ok: false } });
    expect((await healthWith(true, 'up')).body.status).toBe('ok');
  });

  it('without its database it cannot: 503 "down"', async () => {
    for (const redis of ['none', 'up', 'down'] as const) {
      const res = await healthWith(false, redis);
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'down', db: { ok: false } });
    }
  });
});
