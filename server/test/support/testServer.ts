import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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
  opts: ServerOptions & { dataDir?: string; keepData?: boolean } = {},
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
      MONGODB_DB: `t${path.basename(dataDir).replace(/[^A-Za-z0-9]/g, '')}`,
      ...env,
    },
    dataDir,
  );
  const server = await startServer(config, createLogger(config), opts);
  return {
    ...server,
    dataDir,
    dispose: async () => {
      await server.stop();
      if (!opts.keepData) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
