import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startMongoEmulator, type MongoEmulator } from '@tongxin/mongo-emulator';
import type { DestinationStream } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server.js';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Stops the server and removes its data directory. */
  dispose(): Promise<void>;
}

/**
 * A real server on a random port. Without MONGODB_URI in the environment it runs on the bundled
 * emulator in a fresh data directory, exactly as a first run on a new machine does.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  opts: ServerOptions & { dataDir?: string; keepData?: boolean; logTo?: DestinationStream } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'tongxin-test-')));
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
      DATA_DIR: dataDir,
      MONGODB_URI: process.env.TEST_MONGODB_URI,
      // Tests never download a mongod: the emulator, or TEST_MONGODB_URI.
      MONGOD_DOWNLOAD: 'false',
      MONGODB_DB: `t${path.basename(dataDir).replace(/[^A-Za-z0-9]/g, '')}`,
      // Reminders arrive on their own timer only where a test asks for them (reminders*.test.ts):
      // elsewhere a reminder for a demo item landing mid-test would change the counts it reads.
      REMINDER_TICK_MS: '0',
      ...env,
    },
    dataDir,
  );
  const server = await startServer(config, createLogger(config, opts.logTo), opts);
  return {
    ...server,
    dataDir,
    dispose: async () => {
      await server.stop();
      if (!opts.keepData) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Two server instances on one MongoDB and one Redis, as behind a load balancer: registered for a
 * describe block (started before its tests, stopped after). Read `pair.a` / `pair.b` in tests.
 */
export function twoInstances(name: string): { a: TestServer; b: TestServer } {
  const pair = {} as { a: TestServer; b: TestServer };
  let mongo: MongoEmulator | null = null;
  beforeAll(async () => {
    let uri = process.env.TEST_MONGODB_URI;
    if (!uri) {
      mongo = await startMongoEmulator({ dataDir: await fs.mkdtemp(path.join(os.tmpdir(), `tongxin-${name}-`)) });
      uri = mongo.uri;
    }
    const env = {
      MONGODB_URI: uri,
      MONGODB_DB: `${name}${Date.now().toString(36)}`,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    };
    pair.a = await startTestServer(env);
    // The second instance finds the database seeded by the first and leaves it alone.
    pair.b = await startTestServer(env);
  });
  afterAll(async () => {
    await pair.b?.dispose();
    await pair.a?.dispose();
    await mongo?.close();
  });
  return pair;
}
