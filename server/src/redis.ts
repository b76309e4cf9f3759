import type { createAdapter } from '@socket.io/redis-adapter';
import type { Redis, RedisOptions } from 'ioredis';
import type { Logger } from './logger.js';

/**
 * How long a command may wait for its answer. Redis answers in well under a millisecond on an
 * intranet; one that does not answer in a second is treated as away, so a login never hangs on it.
 */
const COMMAND_TIMEOUT_MS = 1_000;

/**
 * Redis is optional: one process needs none. With REDIS_URL the Socket.IO adapter and the Yjs
 * relay each take a publisher and a subscriber connection (a subscribed connection cannot publish).
 *
 * Redis only carries what processes share, so losing it must not stop the server: while it is
 * away, commands fail at once instead of queueing (no offline queue), callers fall back to what
 * this process knows (see `sharedOr`), and `/api/health` says `degraded`. ioredis keeps
 * reconnecting; when both connections are back, `onRecovered` listeners re-share their state.
 */
export class RedisLink {
  readonly pub: Redis;
  readonly sub: Redis;
  /** Whether Redis was reachable when last looked at; tracked from the first connection on. */
  private wasUp = true;
  private tracking = false;
  private closing = false;
  private readonly recovered = new Set<() => void>();

  private constructor(
    RedisClient: new (url: string, opts: RedisOptions) => Redis,
    private readonly makeAdapter: typeof createAdapter,
    url: string,
    private readonly log: Logger,
  ) {
    const opts = { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 2 } as const;
    this.pub = new RedisClient(url, { ...opts, commandTimeout: COMMAND_TIMEOUT_MS });
    // No command timeout on the subscriber: ioredis re-subscribes after a reconnect without
    // handling a failure, and a timed-out re-subscribe would be an unhandled rejection.
    this.sub = new RedisClient(url, opts);
    for (const c of [this.pub, this.sub]) {
      // Reconnect attempts fail every couple of seconds while Redis is away: one line says so
      // (below), the attempts themselves are debug noise.
      c.on('error', (err: Error) => (this.wasUp ? log.warn : log.debug).call(log, { err: err.message }, 'redis error'));
      for (const event of ['ready', 'close', 'end']) c.on(event, () => this.statusChanged());
    }
  }

  static async connect(url: string, log: Logger): Promise<RedisLink> {
    // Loaded only with REDIS_URL: one process without Redis never holds the client in memory.
    const [{ Redis: RedisClient }, { createAdapter: makeAdapter }] = await Promise.all([
      import('ioredis'),
      import('@socket.io/redis-adapter'),
    ]);
    const link = new RedisLink(RedisClient, makeAdapter, url, log);
    await Promise.all([link.pub.connect(), link.sub.connect()]);
    link.tracking = true;
    log.info('connected to Redis');
    return link;
  }

  /** Both connections are ready, so what processes share can be read and written. */
  get up(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  /** Calls `fn` each time Redis is reachable again after an outage; returns the unsubscribe. */
  onRecovered(fn: () => void): () => void {
    this.recovered.add(fn);
    return () => this.recovered.delete(fn);
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.pub.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /**
   * The connections as the Socket.IO Redis adapter gets them. It publishes (and unsubscribes on
   * shutdown) without waiting for the answer, so while Redis is away each of those calls would
   * be an unhandled rejection; here they are caught. A broadcast that cannot reach the other
   * processes still reaches this process's sockets.
   */
  forAdapter(): { pub: Redis; sub: Redis } {
    const onError = (err: Error) => this.log.debug({ err: err.message }, 'socket.io redis adapter command failed');
    return {
      pub: catching(this.pub, ['publish'], onError),
      sub: catching(this.sub, ['subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe'], onError),
    };
  }

  /** The Socket.IO Redis adapter on these connections (see `forAdapter`). */
  socketIoAdapter(): ReturnType<typeof createAdapter> {
    const { pub, sub } = this.forAdapter();
    return this.makeAdapter(pub, sub);
  }

  async close(): Promise<void> {
    this.closing = true;
    // QUIT needs an answer; while Redis is away, just stop reconnecting.
    await Promise.allSettled([this.pub, this.sub].map(async (c) => (c.status === 'ready' ? c.quit() : c.disconnect())));
  }

  /** Logs once when Redis goes away and once when it is back, not once per request. */
  private statusChanged(): void {
    if (!this.tracking || this.closing) return;
    const up = this.up;
    if (up === this.wasUp) return;
    this.wasUp = up;
    if (!up) {
      this.log.warn(
        'Redis unavailable: login limits and presence fall back to this process; other processes are out of reach until it returns',
      );
      return;
    }
    this.log.info('Redis reachable again: shared login limits, presence, rooms and documents resume');
    for (const fn of this.recovered) fn();
  }
}

/**
 * Runs `shared` against Redis, or `local` when Redis cannot answer now. With no offline queue a
 * command on a connection that is not ready fails at once, so a request never waits for Redis.
 */
export async function sharedOr<T>(redis: Redis, shared: () => Promise<T>, local: () => T | Promise<T>): Promise<T> {
  if (redis.status !== 'ready') return local();
  try {
    return await shared();
  } catch {
    return local();
  }
}

/** `client` with the promises of `methods` caught (and passed to `onError`), for callers that drop them. */
function catching(client: Redis, methods: string[], onError: (err: Error) => void): Redis {
  const caught = new Set(methods);
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (typeof prop === 'string' && caught.has(prop)) {
        return (...args: unknown[]) => {
          const result = method.apply(target, args) as Promise<unknown>;
          result.catch(onError);
          return result;
        };
      }
      return method.bind(target);
    },
  });
}
