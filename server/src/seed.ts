import { ConfigError, loadConfig } from './config.js';
import { Database } from './db/database.js';
import { seedDemoData } from './db/seed.js';
import { createLogger } from './logger.js';

// `pnpm seed`: fills an empty database with the demo alliance and exits. `pnpm start` does the
// same on its own when SEED_DEMO is not false.
try {
  const config = loadConfig();
  const log = createLogger(config);
  const db = await Database.open(config, log);
  try {
    const seeded = await seedDemoData(db.models, log);
    if (!seeded) log.info('the database already has users; nothing seeded');
  } finally {
    await db.close();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
