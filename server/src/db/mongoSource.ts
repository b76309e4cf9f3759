import fs from 'node:fs/promises';
import path from 'node:path';
import type { DbMode } from '@tongxin/shared';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/** A MongoDB the server can connect to, and how to stop it if the server started it. */
export interface MongoSource {
  mode: DbMode;
  uri: string;
  /** Why a local mongod was not used, when the bundled emulator stands in for it. */
  fallback?: string;
  stop(): Promise<void>;
}

/** How long `MONGOD_DOWNLOAD=auto` waits to learn whether the download site answers at all. */
const PROBE_TIMEOUT_MS = 3000;

/**
 * Where MongoDB comes from, in this order: `MONGODB_URI`; else a real `mongod` through
 * mongodb-memory-server when a binary is already on this machine or can be downloaded
 * (`MONGOD_DOWNLOAD=auto`, the default: downloaded when the download site answers within 3 s);
 * else the bundled emulator, saying why in the log and in `/api/health`. Both local options keep
 * their data under DATA_DIR and run as a single-node replica set, so transactions work the same
 * as in production.
 */
export async function resolveMongoSource(config: Config, log: Logger): Promise<MongoSource> {
  if (config.MONGODB_URI !== undefined) {
    log.info({ mode: 'uri' }, 'using MongoDB at MONGODB_URI');
    return { mode: 'uri', uri: config.MONGODB_URI, stop: async () => {} };
  }
  const mongod = await startLocalMongod(config, log);
  if ('uri' in mongod) return mongod;
  return { ...(await startEmulator(config, log)), fallback: mongod.fallback };
}

async function startLocalMongod(config: Config, log: Logger): Promise<MongoSource | { fallback: string }> {
  const { DryMongoBinary, MongoBinary, MongoMemoryReplSet } = await import('mongodb-memory-server-core');
  let binary: string | undefined;
  try {
    binary = await DryMongoBinary.locateBinary(DryMongoBinary.getEnsuredOptions());
  } catch (err) {
    log.debug({ err }, 'no mongod binary on this machine');
  }
  if (binary === undefined && config.MONGOD_DOWNLOAD !== 'never') {
    const unreachable = config.MONGOD_DOWNLOAD === 'auto' ? await downloadSiteUnreachable() : null;
    if (unreachable) {
      const fallback = `no mongod on this machine and its download site does not answer (${unreachable})`;
      log.warn({ mode: 'emulator', fallback }, 'cannot download mongod; falling back to the bundled MongoDB emulator');
      return { fallback };
    }
    try {
      log.info('downloading mongod (MONGOD_DOWNLOAD); this happens once per machine');
      binary = await MongoBinary.getPath();
    } catch (err) {
      const fallback = `downloading mongod failed (${(err as Error).message.split('\n')[0]})`;
      log.warn({ mode: 'emulator', fallback }, 'cannot download mongod; falling back to the bundled MongoDB emulator');
      return { fallback };
    }
  }
  if (binary === undefined) {
    const fallback = 'no mongod on this machine and MONGOD_DOWNLOAD=false';
    log.info({ fallback }, 'no mongod binary on this machine; falling back to the bundled MongoDB emulator');
    return { fallback };
  }
  const dbPath = path.join(config.dataDir, 'mongod');
  await fs.mkdir(dbPath, { recursive: true });
  const replSet = await MongoMemoryReplSet.create({
    binary: { systemBinary: binary },
    replSet: { count: 1, name: 'rs0', storageEngine: 'wiredTiger' },
    instanceOpts: [{ dbPath }],
  });
  log.info({ mode: 'mongod', binary, dbPath }, 'started a local mongod (single-node replica set)');
  return {
    mode: 'mongod',
    uri: replSet.getUri(),
    // Keep the data directory: the point of DATA_DIR is that data survives restarts.
    stop: async () => {
      await replSet.stop({ doCleanup: false });
    },
  };
}

async function startEmulator(config: Config, log: Logger): Promise<MongoSource> {
  const { startMongoEmulator } = await import('@tongxin/mongo-emulator');
  const dataDir = path.join(config.dataDir, 'mongo-emulator');
  await fs.mkdir(dataDir, { recursive: true });
  const emulator = await startMongoEmulator({ port: 0, dataDir });
  log.warn({ mode: 'emulator', dataDir, uri: emulator.uri }, 'using the bundled MongoDB emulator (not for production)');
  return { mode: 'emulator', uri: emulator.uri, stop: () => emulator.close() };
}

/**
 * Whether mongodb-memory-server's download site (or the MONGOMS_DOWNLOAD_MIRROR it would use)
 * answers at all: any HTTP answer counts; a refused connection, an unknown host or silence for
 * PROBE_TIMEOUT_MS means an intranet, where the full download would only fail later and slower.
 */
async function downloadSiteUnreachable(): Promise<string | null> {
  const site = process.env.MONGOMS_DOWNLOAD_MIRROR || 'https://fastdl.mongodb.org';
  try {
    await fetch(site, { method: 'HEAD', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return null;
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return `${site}: ${cause?.code ?? cause?.message ?? (err as Error).name}`;
  }
}
