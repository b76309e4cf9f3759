import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  calendarKnown,
  isWorkingDay,
  statusLight,
  workingDaysBetween,
} from '../src/index.js';

describe('working days follow the official Chinese calendar', () => {
  it('a 调休 weekend day is worked and a weekday holiday is not', () => {
    // 2026 Spring Festival: Sat 14 Feb is worked in lieu; Mon 16 Feb – Mon 23 Feb are off.
    expect(isWorkingDay('2026-02-14')).toBe(true);
    expect(isWorkingDay('2026-02-16')).toBe(false);
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-12-07')).toBe(true);
    expect(isWorkingDay('2026-12-12')).toBe(false);
  });

  it('counts working days across a holiday', () => {
    // From Fri 13 Feb 2026: Sat 14 (调休) is the 1st working day, then Tue 24 Feb the 2nd.
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(workingDaysBetween('2026-02-13', '2026-02-24')).toBe(2);
    expect(workingDaysBetween('2026-02-24', '2026-02-13')).toBe(0);
  });

  it('a year the package does not know uses weekends plus the overrides an alliance enters', () => {
    expect(calendarKnown(2027)).toBe(false);
    expect(isWorkingDay('2027-01-01')).toBe(true);
    const overrides = { holidays: ['2027-01-01'], workdays: ['2027-01-03'] };
    expect(isWorkingDay('2027-01-01', overrides)).toBe(false);
    expect(isWorkingDay('2027-01-03', overrides)).toBe(true);
    expect(calendarKnown(2027, overrides)).toBe(true);
  });

  it('rejects what is not a date', () => {
    expect(() => isWorkingDay('2026-2-1')).toThrow(RangeError);
  });
});

describe('the status light (亮灯)', () => {
  const at = (iso: string) => new Date(iso);
  const base = { status: 'in_progress' as const, dueDate: '2026-02-27', lastReportAt: at('2026-02-10T02:00:00Z') };

  it('is yellow within 3 working days of the deadline, counted across the Spring Festival', () => {
    // 12 Feb (Beijing): working days after it up to 27 Feb: 13, 14(调休), 24, 25, 26, 27 = 6 → green.
    expect(statusLight(base, at('2026-02-12T02:00:00Z'))).toEqual({ light: 'green', reason: 'on_track' });
    // 23 Feb: 24, 25, 26, 27 = 4 → still green although only 4 calendar days are left.
    expect(statusLight({ ...base, lastReportAt: at('2026-02-20T02:00:00Z') }, at('2026-02-23T02:00:00Z')).light).toBe('green');
    // 24 Feb: 3 → yellow.
    expect(statusLight({ ...base, lastReportAt: at('2026-02-20T02:00:00Z') }, at('2026-02-24T02:00:00Z'))).toEqual({
      light: 'yellow',
      reason: 'due_soon',
    });
  });

  it('is red once the due day has passed, and none when finished', () => {
    expect(statusLight(base, at('2026-02-28T02:00:00Z'))).toEqual({ light: 'red', reason: 'overdue' });
    expect(statusLight({ ...base, status: 'closed' }, at('2026-03-28T02:00:00Z')).light).toBe('none');
    expect(statusLight({ ...base, status: 'awaiting_verification' }, at('2026-03-28T02:00:00Z')).light).toBe('green');
  });

  it('is yellow after 14 days without a report or when 签收 is late', () => {
    const far = { ...base, dueDate: '2026-06-30', lastReportAt: at('2026-03-01T02:00:00Z') };
    expect(statusLight(far, at('2026-03-14T02:00:00Z')).light).toBe('green');
    expect(statusLight(far, at('2026-03-15T02:00:00Z'))).toEqual({ light: 'yellow', reason: 'no_recent_report' });
    expect(statusLight({ ...far, acknowledgementOverdue: true }, at('2026-03-02T02:00:00Z')).reason).toBe('not_acknowledged');
  });
});
