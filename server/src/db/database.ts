import mongoose, { type Connection } from 'mongoose';
import type { DbMode } from '@tongxin/shared';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { foldLegacySecretBallots } from './legacySecretBallots.js';
import { resolveMongoSource, type MongoSource } from './mongoSource.js';
import { registerModels, type Models } from './models/index.js';

/** The server's one MongoDB connection and the models bound to it. */
export class Database {
  private constructor(
    private readonly source: MongoSource,
    readonly connection: Connection,
    readonly models: Models,
  ) {}

  get mode(): DbMode {
    return this.source.mode;
  }

  /** Why the bundled emulator stands in for a local mongod, when it does. */
  get fallback(): string | undefined {
    return this.source.fallback;
  }

  static async open(config: Config, log: Logger): Promise<Database> {
    const source = await resolveMongoSource(config, log);
    try {
      // A connection of our own rather than mongoose's global one, so that tests can run
      // several servers in one process.
      const connection = mongoose.createConnection(source.uri, {
        dbName: config.MONGODB_DB,
        serverSelectionTimeoutMS: 15_000,
      });
      await connection.asPromise();
      const models = registerModels(connection);
      await Promise.all(Object.values(models).map((m) => m.init()));
      const folded = await foldLegacySecretBallots(models, connection);
      if (folded > 0)
        log.info({ ballots: folded }, 'secret ballots of an earlier version folded into per-choice totals');
      log.info({ mode: source.mode, db: config.MONGODB_DB }, 'MongoDB connected');
      return new Database(source, connection, models);
    } catch (err) {
      await source.stop();
      throw err;
    }
  }

  async ping(): Promise<boolean> {
    try {
      const db = this.connection.db;
      if (!db) return false;
      const res = await db.admin().command({ ping: 1 }, { timeoutMS: 2_000 });
      return res.ok === 1;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.connection.close();
    await this.source.stop();
  }
}
