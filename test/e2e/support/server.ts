import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger, loadConfig, startServer, type RunningServer } from '@tongxin/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { CuttableProxy } from './proxy.js';

/** The real server in production mode (serving the built client) on a random port. */
export async function startE2eServer(
  env: Record<string, string> = {},
): Promise<RunningServer & { dispose(): Promise<void> }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tongxin-e2e-'));
  const config = loadConfig(
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      MONGODB_URI: process.env.TEST_MONGODB_URI,
      MONGOD_DOWNLOAD: 'false',
      ...env,
    },
    dataDir,
  );
  const server = await startServer(config, createLogger(config));
  return {
    ...server,
    dispose: async () => {
      await server.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The real server and a Chromium for one test file: started before its tests, stopped after.
 * Read `world.server` / `world.browser` inside tests, not at definition time.
 */
export function e2eWorld(
  env: Record<string, string> = {},
): { server: Awaited<ReturnType<typeof startE2eServer>>; browser: Browser } {
  const world = {} as { server: Awaited<ReturnType<typeof startE2eServer>>; browser: Browser };
  beforeAll(async () => {
    world.server = await startE2eServer(env);
    world.browser = await launchBrowser();
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.server?.dispose();
  });
  return world;
}

/**
 * As `e2eWorld`, plus a TCP proxy in front of the server that a test can cut and restore, to
 * show what one participant sees when their connection drops.
 */
export function e2eWorldWithProxy(): ReturnType<typeof e2eWorld> & { proxy: CuttableProxy } {
  const world = e2eWorld() as ReturnType<typeof e2eWorld> & { proxy: CuttableProxy };
  beforeAll(async () => {
    world.proxy = new CuttableProxy(world.server.port);
    await world.proxy.start();
  });
  afterAll(async () => {
    await world.proxy?.close();
  });
  return world;
}
