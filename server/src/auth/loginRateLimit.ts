import type { Redis } from 'ioredis';
import { sharedOr } from '../redis.js';

/**
 * Failed logins are limited per login (against guessing one person's password) and per IP
 * (against trying many logins from one place), over a sliding window. One process keeps the
 * counts in memory; with `REDIS_URL` they live in Redis, so every process enforces one limit.
 * While Redis is away, each process counts in memory again rather than letting nobody in.
 */
export interface LoginLimiter {
  /** Milliseconds until another attempt is allowed, or 0 when one may be made now. */
  retryAfter(login: string, ip: string): Promise<number>;
  recordFailure(login: string, ip: string): Promise<void>;
  recordSuccess(login: string): Promise<void>;
}

export interface LoginLimits {
  perLogin: number;
  perIp: number;
  windowMs: number;
}
export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perLogin: 5, perIp: 20, windowMs: 15 * 60 * 1000 };

const keysOf = (login: string, ip: string) => [`l:${login}`, `i:${ip}`] as const;

/** Given the failure times of a key (oldest first), how long until the window lets one more in. */
function waitFor(times: number[], limit: number, windowMs: number, now: number): number {
  if (times.length < limit) return 0;
  return Math.max(0, times[times.length - limit]! + windowMs - now);
}

export class MemoryLoginLimiter implements LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly opts: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  async retryAfter(login: string, ip: string): Promise<number> {
    const [l, i] = keysOf(login, ip);
    const now = this.now();
    return Math.max(
      waitFor(this.recent(l), this.opts.perLogin, this.opts.windowMs, now),
      waitFor(this.recent(i), this.opts.perIp, this.opts.windowMs, now),
    );
  }

  async recordFailure(login: string, ip: string): Promise<void> {
    for (const key of keysOf(login, ip)) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  async recordSuccess(login: string): Promise<void> {
    this.failures.delete(keysOf(login, '')[0]);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.opts.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }
}

/**
 * The same rules with the failure times in Redis sorted sets that expire with the window. A
 * failure that cannot be written to Redis (it is away) is counted in this process instead, and
 * keeps counting here for its window after Redis is back.
 */
export class RedisLoginLimiter implements LoginLimiter {
  private readonly local: MemoryLoginLimiter;

  constructor(
    private readonly redis: Redis,
    private readonly opts: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly prefix = 'tongxin:login-failures:',
    private readonly now: () => number = Date.now,
  ) {
    this.local = new MemoryLoginLimiter(opts, now);
  }

  async retryAfter(login: string, ip: string): Promise<number> {
    const [local, shared] = await Promise.all([
      this.local.retryAfter(login, ip),
      sharedOr(
        this.redis,
        () => this.sharedRetryAfter(login, ip),
        () => 0,
      ),
    ]);
    return Math.max(local, shared);
  }

  async recordFailure(login: string, ip: string): Promise<void> {
    await sharedOr(
      this.redis,
      () => this.sharedRecordFailure(login, ip),
      () => this.local.recordFailure(login, ip),
    );
  }

  async recordSuccess(login: string): Promise<void> {
    await this.local.recordSuccess(login);
    await sharedOr(
      this.redis,
      async () => void (await this.redis.del(this.prefix + keysOf(login, '')[0])),
      () => undefined,
    );
  }

  private async sharedRetryAfter(login: string, ip: string): Promise<number> {
    const [l, i] = keysOf(login, ip);
    const now = this.now();
    const [byLogin, byIp] = await Promise.all([this.recent(l, now), this.recent(i, now)]);
    return Math.max(
      waitFor(byLogin, this.opts.perLogin, this.opts.windowMs, now),
      waitFor(byIp, this.opts.perIp, this.opts.windowMs, now),
    );
  }

  private async sharedRecordFailure(login: string, ip: string): Promise<void> {
    const now = this.now();
    const multi = this.redis.multi();
    for (const key of keysOf(login, ip)) {
      const k = this.prefix + key;
      // A random suffix keeps two failures in the same millisecond apart.
      multi.zadd(k, now, `${now}:${Math.random().toString(36).slice(2)}`);
      multi.zremrangebyscore(k, '-inf', now - this.opts.windowMs);
      multi.pexpire(k, this.opts.windowMs);
    }
    await multi.exec();
  }

  private async recent(key: string, now: number): Promise<number[]> {
    const scores = await this.redis.zrangebyscore(this.prefix + key, now - this.opts.windowMs, '+inf', 'WITHSCORES');
    const times: number[] = [];
    for (let n = 1; n < scores.length; n += 2) times.push(Number(scores[n]));
    return times;
  }
}
