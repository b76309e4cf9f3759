import { ConfigError, loadConfig } from '../config.js';
import { Database } from '../db/database.js';
import { createLogger } from '../logger.js';
import { DEFAULT_REGISTRY_OPTIONS, DocRegistry } from '../yjs/registry.js';
import { YjsStore } from '../yjs/store.js';
import { seedDemoData } from './demoSeed.js';

// `pnpm seed`: fills an empty database with the demo alliance and exits. `pnpm start` does the
// same on its own when SEED_DEMO is not false.
try {
  const config = loadConfig();
  const log = createLogger(config);
  const db = await Database.open(config, log);
  // The first meeting's minutes are a Yjs document: the seed writes it through a registry of its own.
  const yjs = new DocRegistry(new YjsStore(db.models, DEFAULT_REGISTRY_OPTIONS.compactAfter), log);
  try {
    const seeded = await seedDemoData(db.models, log, { connection: db.connection, yjs });
    if (!seeded) log.info('the database already has users; nothing seeded');
  } finally {
    await yjs.closeAll();
    await db.close();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
