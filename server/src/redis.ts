import { Redis } from 'ioredis';
import type { Logger } from './logger.js';

/**
 * Redis is optional: one process needs none. With REDIS_URL the Socket.IO adapter and the Yjs
 * relay each take a publisher and a subscriber connection (a subscribed connection cannot publish).
 */
export class RedisLink {
  readonly pub: Redis;
  readonly sub: Redis;

  private constructor(url: string, log: Logger) {
    const opts = { lazyConnect: true, maxRetriesPerRequest: 2 } as const;
    this.pub = new Redis(url, opts);
    this.sub = new Redis(url, opts);
    for (const c of [this.pub, this.sub]) c.on('error', (err) => log.warn({ err: err.message }, 'redis error'));
  }

  static async connect(url: string, log: Logger): Promise<RedisLink> {
    const link = new RedisLink(url, log);
    await Promise.all([link.pub.connect(), link.sub.connect()]);
    log.info('connected to Redis');
    return link;
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.pub.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}
