/**
 * Failed logins are limited per login (against guessing one person's password) and per IP
 * (against trying many logins from one place). Counts live in this process; with several
 * processes each keeps its own, which still bounds an attacker to N× the limit.
 */
export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly opts = { perLogin: 5, perIp: 20, windowMs: 15 * 60 * 1000 },
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until another attempt is allowed, or 0 when one may be made now. */
  retryAfter(login: string, ip: string): number {
    return Math.max(this.wait(`l:${login}`, this.opts.perLogin), this.wait(`i:${ip}`, this.opts.perIp));
  }

  recordFailure(login: string, ip: string): void {
    for (const key of [`l:${login}`, `i:${ip}`]) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  recordSuccess(login: string): void {
    this.failures.delete(`l:${login}`);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.opts.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }

  private wait(key: string, limit: number): number {
    const list = this.recent(key);
    if (list.length < limit) return 0;
    return list[list.length - limit]! + this.opts.windowMs - this.now();
  }
}
