import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { resolveMongoSource, type MongoSource } from '../src/db/mongoSource.js';
import { createLogger } from '../src/logger.js';
import { startServerProcess, type ServerProcess } from './support/process.js';

// MONGOD_DOWNLOAD=auto (the default): where mongod's download site cannot be reached — an
// intranet — the quick start falls back to the bundled emulator at once and says why. The
// mirror is a closed loopback port, so the test is the same on a machine with internet access.
let CLOSED_MIRROR = '';
beforeAll(async () => {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  CLOSED_MIRROR = `http://127.0.0.1:${(probe.address() as net.AddressInfo).port}`;
  await new Promise((resolve) => probe.close(resolve));
});

describe('MONGOD_DOWNLOAD=auto offline', () => {
  let source: MongoSource | null = null;
  let proc: ServerProcess | null = null;
  const mirror = process.env.MONGOMS_DOWNLOAD_MIRROR;
  afterEach(async () => {
    await source?.stop();
    source = null;
    proc?.child.kill('SIGTERM');
    await proc?.exit;
    proc = null;
    if (mirror === undefined) delete process.env.MONGOMS_DOWNLOAD_MIRROR;
    else process.env.MONGOMS_DOWNLOAD_MIRROR = mirror;
  });

  it('is the default, and falls back to the emulator naming the unreachable site', async () => {
    expect(loadConfig({}, '/').MONGOD_DOWNLOAD).toBe('auto');
    expect(loadConfig({ MONGOD_DOWNLOAD: 'false' }, '/').MONGOD_DOWNLOAD).toBe('never');
    expect(loadConfig({ MONGOD_DOWNLOAD: '1' }, '/').MONGOD_DOWNLOAD).toBe('always');
    expect(() => loadConfig({ MONGOD_DOWNLOAD: 'maybe' }, '/')).toThrow(/MONGOD_DOWNLOAD/);

    process.env.MONGOMS_DOWNLOAD_MIRROR = CLOSED_MIRROR;
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tongxin-mongosource-'));
    const config = { ...loadConfig({ DATA_DIR: dataDir, MONGOD_DOWNLOAD: 'auto' }, dataDir), LOG_LEVEL: 'silent' as const };
    source = await resolveMongoSource(config, createLogger(config));
    expect(source.mode).toBe('emulator');
    expect(source.fallback).toContain(CLOSED_MIRROR);
    expect(source.fallback).toMatch(/ECONNREFUSED/);
  });

  it('a server started that way says so in its log and in /api/health', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tongxin-mongosource-'));
    proc = await startServerProcess({ DATA_DIR: dataDir, MONGOD_DOWNLOAD: 'auto', MONGOMS_DOWNLOAD_MIRROR: CLOSED_MIRROR });
    expect(proc.logs.some((l) => l.includes('falling back to the bundled MongoDB emulator') && l.includes(CLOSED_MIRROR))).toBe(true);
    const health = (await (await fetch(`${proc.url}/api/health`)).json()) as { db: { mode: string; fallback?: string } };
    expect(health.db.mode).toBe('emulator');
    expect(health.db.fallback).toContain('does not answer');
  });
});
