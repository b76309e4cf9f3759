/**
 * Per-socket limits: a token bucket for how often, and a cap on how many of one socket's events
 * may be in progress at once. Together they keep one flooding client from queueing work in front
 * of everyone else's ballots.
 */
export interface RateLimitOptions {
  /** Burst size. */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
  /** Events of one socket being handled at the same time. */
  maxInFlight: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { capacity: 30, refillPerSecond: 10, maxInFlight: 4 };

export class SocketLimiter {
  private tokens: number;
  private last = Date.now();
  private inFlight = 0;

  constructor(private readonly opts: RateLimitOptions) {
    this.tokens = opts.capacity;
  }

  /** Takes a token and an in-flight slot; returns a release function, or null when over the limit. */
  acquire(): (() => void) | null {
    const now = Date.now();
    this.tokens = Math.min(this.opts.capacity, this.tokens + ((now - this.last) / 1000) * this.opts.refillPerSecond);
    this.last = now;
    if (this.tokens < 1 || this.inFlight >= this.opts.maxInFlight) return null;
    this.tokens -= 1;
    this.inFlight++;
    let released = false;
    return () => {
      if (!released) this.inFlight--;
      released = true;
    };
  }
}
