import type { Clock } from './clock.js';
import type { AccessChanges } from './access/accessChanges.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { EventBus } from './events/eventBus.js';
import type { Logger } from './logger.js';
import type { RedisLink } from './redis.js';
import type { DocRegistry } from './yjs/registry.js';

/** What every route, socket handler and command may depend on; built once at start. */
export interface AppContext {
  config: Config;
  log: Logger;
  db: Database;
  redis: RedisLink | null;
  version: string;
  /** The in-memory Yjs documents of this process. */
  yjs: DocRegistry;
  /** Where a change of who may read or write is announced; open connections follow it at once. */
  access: AccessChanges;
  /** The time; tests set it (see clock.ts). */
  clock: Clock;
  /** Where commands' domain events go once committed: broadcasts, access, timers (see events/). */
  events: EventBus;
}
