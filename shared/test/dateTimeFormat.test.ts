import { describe, expect, it } from 'vitest';
import { dateTimeFormat, localDate, wallClock } from '../src/index.js';

describe('dateTimeFormat', () => {
  it('makes one formatter per locale and options and gives it back after', () => {
    const a = dateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' });
    expect(dateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' })).toBe(a);
    expect(dateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric' })).not.toBe(a);
    expect(dateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric' })).not.toBe(a);
  });

  it('refuses an unknown time zone every time', () => {
    expect(() => dateTimeFormat('en-CA', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => dateTimeFormat('en-CA', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => localDate(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });

  it('formats as a new formatter would, in each time zone asked for', () => {
    // 2026-12-31 20:30 UTC is already 2027-01-01 in Beijing, still 2026 in Berlin.
    const at = new Date('2026-12-31T20:30:00Z');
    expect(localDate(at)).toBe('2027-01-01');
    expect(localDate(at, 'Europe/Berlin')).toBe('2026-12-31');
    expect(localDate(at)).toBe('2027-01-01');
    expect(wallClock(at)).toEqual({ year: 2027, month: 1, day: 1, hour: 4, minute: 30, second: 0 });
    expect(wallClock(at, 'UTC')).toEqual({ year: 2026, month: 12, day: 31, hour: 20, minute: 30, second: 0 });
  });
});
