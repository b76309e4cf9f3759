/**
 * Where the server reads the time. Every rule that depends on the date (deadlines, 签收 windows,
 * the status light, reminders) reads it from here, so that a test can move time forward through
 * an item's thirty days instead of sleeping.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock a test sets. It keeps running from the time it was set (so timers and leases still see
 * time pass within a step) unless `frozen`.
 */
export class SettableClock implements Clock {
  private offset = 0;
  private frozenAt: number | null = null;

  constructor(start?: Date, opts: { frozen?: boolean } = {}) {
    if (start) this.set(start, opts);
  }

  now(): Date {
    return new Date(this.frozenAt ?? Date.now() + this.offset);
  }

  set(at: Date, opts: { frozen?: boolean } = {}): void {
    if (opts.frozen) {
      this.frozenAt = at.getTime();
    } else {
      this.frozenAt = null;
      this.offset = at.getTime() - Date.now();
    }
  }

  /** Moves the clock forward by `ms`. */
  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offset += ms;
  }
}
