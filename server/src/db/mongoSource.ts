import fs from 'node:fs/promises';
import path from 'node:path';
import type { DbMode } from '@tongxin/shared';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/** A MongoDB the server can connect to, and how to stop it if the server started it. */
export interface MongoSource {
  mode: DbMode;
  uri: string;
  stop(): Promise<void>;
}

/**
 * Where MongoDB comes from, in this order: `MONGODB_URI`; else a real `mongod` through
 * mongodb-memory-server when a binary is already on this machine (or may be downloaded); else
 * the bundled emulator. Both local options keep their data under DATA_DIR and run as a
 * single-node replica set, so transactions work the same as in production.
 */
export async function resolveMongoSource(config: Config, log: Logger): Promise<MongoSource> {
  if (config.MONGODB_URI !== undefined) {
    log.info({ mode: 'uri' }, 'using MongoDB at MONGODB_URI');
    return { mode: 'uri', uri: config.MONGODB_URI, stop: async () => {} };
  }
  const mongod = await startLocalMongod(config, log);
  if (mongod) return mongod;
  return startEmulator(config, log);
}

async function startLocalMongod(config: Config, log: Logger): Promise<MongoSource | null> {
  const { DryMongoBinary, MongoBinary, MongoMemoryReplSet } = await import('mongodb-memory-server-core');
  let binary: string | undefined;
  try {
    binary = config.MONGOD_DOWNLOAD
      ? await MongoBinary.getPath()
      : await DryMongoBinary.locateBinary(DryMongoBinary.getEnsuredOptions());
  } catch (err) {
    log.debug({ err }, 'no mongod binary available');
  }
  if (binary === undefined) {
    log.info('no mongod binary on this machine; falling back to the bundled MongoDB emulator');
    return null;
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
