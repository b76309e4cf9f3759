/**
 * Coalesces bursts of changes into at most one broadcast per key per interval. A change to a
 * quiet key is broadcast at once (on the next tick, so changes made together ride along): a
 * lone ballot reaches the room in milliseconds, not an interval later. Changes arriving within
 * an interval of a broadcast wait for its end and ride along together; a change made while a
 * flush is running schedules one more. So the last broadcast always reflects the last change,
 * and a burst of 500 check-ins or ballots costs a handful of broadcasts, not 500 — each of which
 * would go to every socket in the room.
 *
 * The interval is the longest; a key may ask for less (`touch`'s `intervalMs`): a broadcast to a
 * room of fifteen costs a thirtieth of one to five hundred, so a small room need not wait as long.
 */
export class Coalescer {
  private readonly pending = new Map<string, Entry>();
  private stopped = false;

  constructor(
    private readonly intervalMs: number,
    private readonly onError: (err: unknown, key: string) => void,
  ) {}

  /** `intervalMs`: this key's interval now, at most the coalescer's. */
  touch(key: string, flush: () => Promise<void>, intervalMs = this.intervalMs): void {
    if (this.stopped) return;
    const entry = this.pending.get(key);
    const interval = Math.min(this.intervalMs, Math.max(0, intervalMs));
    if (entry) {
      entry.dirty = true;
      entry.flush = flush;
      entry.intervalMs = interval;
      return;
    }
    const fresh: Entry = { timer: null, dirty: false, flush, intervalMs: interval };
    this.pending.set(key, fresh);
    this.schedule(key, fresh, 0);
  }

  private schedule(key: string, entry: Entry, delayMs: number) {
    entry.timer = setTimeout(() => {
      entry.timer = null;
      entry.dirty = false;
      const started = performance.now();
      void entry
        .flush()
        .catch((err: unknown) => this.onError(err, key))
        .finally(() => {
          if (this.stopped) return;
          if (entry.dirty) return this.schedule(key, entry, Math.max(0, entry.intervalMs - (performance.now() - started)));
          // Quiet now; the key stays held until an interval after this broadcast began.
          entry.timer = setTimeout(() => {
            entry.timer = null;
            if (entry.dirty && !this.stopped) this.schedule(key, entry, 0);
            else this.pending.delete(key);
          }, Math.max(0, entry.intervalMs - (performance.now() - started)));
        });
    }, delayMs);
  }

  stop(): void {
    this.stopped = true;
    for (const e of this.pending.values()) if (e.timer) clearTimeout(e.timer);
    this.pending.clear();
  }
}

interface Entry {
  timer: NodeJS.Timeout | null;
  dirty: boolean;
  flush: () => Promise<void>;
  intervalMs: number;
}
