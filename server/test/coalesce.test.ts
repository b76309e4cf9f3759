import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Coalescer } from '../src/realtime/coalesce.js';

/** When each flush ran (fake milliseconds since the start), and what it saw. */
function recorder() {
  const flushes: { at: number; value: number }[] = [];
  let value = 0;
  const start = performance.now();
  return {
    flushes,
    set: (v: number) => (value = v),
    flush: () => {
      flushes.push({ at: Math.round(performance.now() - start), value });
      return Promise.resolve();
    },
  };
}

describe('Coalescer: bursts of changes become a few broadcasts', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => void vi.useRealTimers());

  it('a lone change goes out at once; one during the interval waits for its end, and the last change always goes out', async () => {
    const errors: unknown[] = [];
    const c = new Coalescer(100, (e) => errors.push(e));
    const r = recorder();
    r.set(1);
    c.touch('vote', r.flush);
    await vi.advanceTimersByTimeAsync(1);
    expect(r.flushes).toEqual([{ at: 0, value: 1 }]);
    // Two changes 30 and 60 ms later ride along in one broadcast at the interval's end.
    await vi.advanceTimersByTimeAsync(29);
    r.set(2);
    c.touch('vote', r.flush);
    await vi.advanceTimersByTimeAsync(30);
    r.set(3);
    c.touch('vote', r.flush);
    await vi.advanceTimersByTimeAsync(100);
    // (A timer of 0 ms runs after 1 ms, as in Node.)
    expect(r.flushes).toEqual([
      { at: 0, value: 1 },
      { at: 101, value: 3 },
    ]);
    // Quiet for an interval: the next change is at once again.
    await vi.advanceTimersByTimeAsync(200);
    r.set(4);
    c.touch('vote', r.flush);
    await vi.advanceTimersByTimeAsync(1);
    expect(r.flushes.at(-1)).toEqual({ at: 360, value: 4 });
    expect(errors).toEqual([]);
    c.stop();
  });

  it('a key may ask for a shorter interval (a small room), never a longer one', async () => {
    const c = new Coalescer(100, () => {});
    const small = recorder();
    c.touch('small room', small.flush, 10);
    await vi.advanceTimersByTimeAsync(1);
    small.set(1);
    c.touch('small room', small.flush, 10);
    await vi.advanceTimersByTimeAsync(20);
    expect(small.flushes.map((f) => f.at)).toEqual([0, 11]);

    const big = recorder();
    c.touch('big room', big.flush, 5_000);
    await vi.advanceTimersByTimeAsync(1);
    c.touch('big room', big.flush, 5_000);
    await vi.advanceTimersByTimeAsync(200);
    // Capped at the coalescer's own interval.
    expect(big.flushes.map((f) => f.at)).toEqual([0, 101]);
    c.stop();
  });

  it('five hundred changes within a second cost about ten broadcasts, the last one with the last change', async () => {
    const c = new Coalescer(100, () => {});
    const r = recorder();
    for (let i = 1; i <= 500; i++) {
      r.set(i);
      c.touch('vote', r.flush);
      await vi.advanceTimersByTimeAsync(2);
    }
    await vi.advanceTimersByTimeAsync(200);
    expect(r.flushes.length).toBeGreaterThanOrEqual(10);
    expect(r.flushes.length).toBeLessThanOrEqual(12);
    expect(r.flushes.at(-1)!.value).toBe(500);
    c.stop();
  });
});
