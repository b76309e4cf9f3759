import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { AccessChanges } from './access/accessChanges.js';
import { createApp } from './app.js';
import { accessFollows } from './events/accessFollows.js';
import { EventBus } from './events/eventBus.js';
import { voteTimers } from './events/voteTimers.js';
import { reminderScheduler, type ReminderSchedulerOptions } from './notify/reminders.js';
import { eventNotifications } from './notify/eventNotifications.js';
import { pointsConsumer } from './points/pointsConsumer.js';
import { startRobotOutbox, type RobotOutbox } from './notify/robotOutbox.js';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { Database } from './db/database.js';
import { createLogger, type Logger } from './logger.js';
import type { LiveRoomOptions } from './realtime/liveRoom.js';
import { createIo } from './realtime/socketServer.js';
import { RedisLink } from './redis.js';
import { ensureFirstAdmin } from './admin/firstAdmin.js';
import { attachYjsEndpoint } from './yjs/endpoint.js';
import { redisRelay } from './yjs/redisRelay.js';
import { DEFAULT_REGISTRY_OPTIONS, DocRegistry, type RegistryOptions } from './yjs/registry.js';
import { YjsStore } from './yjs/store.js';
import { setBallotSealSecret } from './commands/ballotChain.js';
import { SettableClock, systemClock, type Clock } from './clock.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

export interface RunningServer {
  ctx: AppContext;
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  /** Stops accepting, closes sockets, flushes pending writes, disconnects MongoDB and Redis. */
  stop(): Promise<void>;
  /** The group-robot outbox worker (tests call `tick()` instead of waiting for ROBOT_TICK_MS). */
  robotOutbox: RobotOutbox;
  /** The process's collaborative documents (tests look at what is loaded). */
  yjs: DocRegistry;
}

/** Something that must finish before the process may exit (e.g. Yjs updates not yet stored). */
export type ShutdownHook = () => Promise<void>;

export interface ServerOptions {
  /** The time source (default: the system clock, or a settable one from TEST_CLOCK_AT). */
  clock?: Clock;
  /** Yjs persistence timing; tests shorten the grace period. */
  yjs?: Partial<RegistryOptions>;
  /** Live room timing and limits; tests shorten the presence grace period. */
  room?: Partial<LiveRoomOptions>;
  /** The reminder scheduler's delivery and timing (tests record deliveries; default from config). */
  reminders?: ReminderSchedulerOptions;
}

export async function startServer(
  config: Config,
  log: Logger = createLogger(config),
  options: ServerOptions = {},
): Promise<RunningServer> {
  const db = await Database.open(config, log);
  // Secret ballots are sealed with a key from the server's secret while their vote is open.
  setBallotSealSecret(db.models, config.SESSION_SECRET);
  let redis: RedisLink | null = null;
  try {
    if (config.REDIS_URL) redis = await RedisLink.connect(config.REDIS_URL, log);
    const yjsOptions = { ...DEFAULT_REGISTRY_OPTIONS, ...options.yjs };
    const yjs = new DocRegistry(new YjsStore(db.models, yjsOptions.compactAfter), log, yjsOptions);
    if (redis) yjs.lifecycle = redisRelay(redis, log, (doc) => void yjs.lock(doc));
    const access = new AccessChanges(log, redis);
    const events = new EventBus(log, redis, config.MONGODB_DB);
    await events.start();
    const clock =
      options.clock ?? (config.TEST_CLOCK_AT ? new SettableClock(new Date(config.TEST_CLOCK_AT)) : systemClock);
    const ctx: AppContext = { config, log, db, redis, version: VERSION, yjs, access, events, clock };
    events.consume(accessFollows(access));
    events.consume(eventNotifications(ctx));
    events.consume(pointsConsumer(ctx));
    const timers = voteTimers(ctx);
    events.consume(timers);
    // The demo's code (and the editor schema its reports are written with) loads only to fill an
    // empty database: a server with data never holds it in memory.
    if (config.SEED_DEMO && (await db.models.User.estimatedDocumentCount()) === 0) {
      const { seedDemoData } = await import('./seed/demoSeed.js');
      await seedDemoData(db.models, log, { connection: db.connection, yjs });
    }
    // After the seed: the demo's own `admin` makes ADMIN_LOGIN moot on a demo installation.
    await ensureFirstAdmin(db, config, log);

    const httpServer = http.createServer(createApp(ctx));
    const io = createIo(httpServer, ctx, options.room);
    const wss = attachYjsEndpoint(httpServer, ctx, yjs);
    const hooks: ShutdownHook[] = [];
    await timers.resume();
    const reminders = reminderScheduler(ctx, options.reminders);

    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.PORT, config.HOST, () => resolve());
    });
    const port = (httpServer.address() as AddressInfo).port;
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
    const url = `http://${host}:${port}`;
    log.info({ url, dbMode: db.mode, redis: redis !== null, version: VERSION }, 'Tongxin is listening');
    reminders.start();
    const robotOutbox = startRobotOutbox(ctx);

    let stopping: Promise<void> | null = null;
    const stop = () =>
      (stopping ??= (async () => {
        log.info('shutting down');
        timers.stop();
        // Before the database closes: the running tick finishes what it claimed.
        await reminders.stop();
        await robotOutbox.stop();
        // Yjs first: its connections are upgraded sockets the HTTP server no longer tracks, and
        // its pending edits must reach MongoDB before the connection to it closes.
        await yjs.closeAll();
        wss.close();
        // io.close() also closes the HTTP server, so no new connection is accepted from here on.
        const closed = new Promise<void>((resolve) => io.close(() => resolve()));
        httpServer.closeIdleConnections();
        const force = setTimeout(() => httpServer.closeAllConnections(), 5_000);
        await closed;
        clearTimeout(force);
        for (const hook of hooks) await hook();
        await redis?.close();
        await db.close();
        log.info('stopped');
      })());
    return { ctx, url, port, stop, robotOutbox, yjs };
  } catch (err) {
    await redis?.close();
    await db.close();
    throw err;
  }
}
