import { describe, expect, it } from 'vitest';
import {
  addWorkingMinutes,
  canStillReopen,
  DEFAULT_WHISTLE_CLOCKS,
  departmentLight,
  stepState,
  whistleDeadlines,
  whistleLight,
  whistleStats,
  periodOf,
} from '../src/index.js';

/** A Beijing wall-clock time as an instant. */
const bj = (local: string) => new Date(`${local}:00+08:00`);

describe('吹哨 clocks count office hours on working days', () => {
  it('签收 within 1 working hour: raised late on a Friday, due Monday morning (the weekend does not count)', () => {
    expect(addWorkingMinutes(bj('2026-12-04T17:00'), 60)).toEqual(bj('2026-12-07T09:30'));
  });

  it('a 调休 Saturday is a working day: raised Friday 17:00 before the National Day 调休, due Saturday 09:30', () => {
    // 2026-10-10 (Saturday) is worked in lieu of the National Day holiday.
    expect(addWorkingMinutes(bj('2026-10-09T17:00'), 60)).toEqual(bj('2026-10-10T09:30'));
  });

  it('skips the lunch break, the night and a whole holiday week', () => {
    expect(addWorkingMinutes(bj('2026-12-07T11:30'), 60)).toEqual(bj('2026-12-07T14:00'));
    expect(addWorkingMinutes(bj('2026-12-07T07:00'), 60)).toEqual(bj('2026-12-07T10:00'));
    expect(addWorkingMinutes(bj('2026-12-07T20:00'), 60)).toEqual(bj('2026-12-08T10:00'));
    // 10-01 … 10-07 are the National Day holiday.
    expect(addWorkingMinutes(bj('2026-09-30T17:00'), 60)).toEqual(bj('2026-10-08T09:30'));
  });

  it('follows the alliance’s own working time and calendar overrides', () => {
    const periods = [{ from: '08:30', to: '12:00' }];
    expect(addWorkingMinutes(bj('2026-12-04T11:30'), 60, periods)).toEqual(bj('2026-12-07T09:00'));
    expect(addWorkingMinutes(bj('2026-12-04T17:00'), 60, undefined, { workdays: ['2026-12-05'] })).toEqual(bj('2026-12-05T09:30'));
  });

  it('gives each department its deadlines: 签收, 联系 in 24 hours, 报到 by the end of the 3rd (urgent) or 5th working day', () => {
    const raised = bj('2026-10-09T17:00');
    expect(whistleDeadlines(raised, 'urgent')).toEqual({
      ackDueAt: bj('2026-10-10T09:30'),
      contactDueAt: bj('2026-10-10T17:00'),
      // 10-10 (调休), 10-12, 10-13: Sunday 10-11 is off.
      reportDueAt: bj('2026-10-13T17:30'),
    });
    expect(whistleDeadlines(raised, 'normal').reportDueAt).toEqual(bj('2026-10-15T17:30'));
    expect(whistleDeadlines(raised, 'normal', { ...DEFAULT_WHISTLE_CLOCKS, ackWorkingHours: 2 }).ackDueAt).toEqual(bj('2026-10-10T10:30'));
  });
});

describe('吹哨 lights', () => {
  const raised = bj('2026-12-07T09:00');
  const due = whistleDeadlines(raised, 'urgent');
  const fresh = { ...due, ackAt: null, contactAt: null, reportedAt: null };

  it('a step is on time, late, pending or overdue', () => {
    expect(stepState({ dueAt: due.ackDueAt, doneAt: bj('2026-12-07T09:40') }, bj('2026-12-08T09:00'))).toBe('onTime');
    expect(stepState({ dueAt: due.ackDueAt, doneAt: bj('2026-12-07T10:01') }, bj('2026-12-08T09:00'))).toBe('late');
    expect(stepState({ dueAt: due.ackDueAt, doneAt: null }, bj('2026-12-07T09:59'))).toBe('pending');
    expect(stepState({ dueAt: due.ackDueAt, doneAt: null }, bj('2026-12-07T10:01'))).toBe('overdue');
  });

  it('yellow while 签收 or 联系 is overdue, red once 报到 is, none when closed', () => {
    expect(departmentLight(fresh, bj('2026-12-07T09:30'))).toBe('green');
    expect(departmentLight(fresh, bj('2026-12-07T10:30'))).toBe('yellow');
    expect(departmentLight({ ...fresh, ackAt: bj('2026-12-07T09:10') }, bj('2026-12-08T09:30'))).toBe('yellow');
    expect(departmentLight({ ...fresh, ackAt: bj('2026-12-07T09:10'), contactAt: bj('2026-12-07T11:00') }, bj('2026-12-09T09:30'))).toBe('green');
    expect(departmentLight({ ...fresh, ackAt: bj('2026-12-07T09:10'), contactAt: bj('2026-12-07T11:00') }, bj('2026-12-10T17:31'))).toBe('red');
    const w = { status: 'open', departments: [{ ...fresh, ackAt: bj('2026-12-07T09:10'), contactAt: bj('2026-12-07T11:00') }, fresh] };
    expect(whistleLight(w, bj('2026-12-07T10:30'))).toBe('yellow');
    expect(whistleLight({ ...w, status: 'closed' }, bj('2026-12-07T10:30'))).toBe('none');
  });

  it('may be reopened within the set days of closing', () => {
    expect(canStillReopen(bj('2026-12-07T09:00'), bj('2026-12-14T09:00'), 7)).toBe(true);
    expect(canStillReopen(bj('2026-12-07T09:00'), bj('2026-12-14T09:01'), 7)).toBe(false);
    expect(canStillReopen(null, bj('2026-12-07T09:00'), 7)).toBe(false);
  });
});

describe('吹哨 statistics per department and period', () => {
  it('names periods by month, quarter and year', () => {
    expect(periodOf('2026-11-30', 'month')).toBe('2026-11');
    expect(periodOf('2026-11-30', 'quarter')).toBe('2026-Q4');
    expect(periodOf('2026-02-01', 'quarter')).toBe('2026-Q1');
    expect(periodOf('2026-11-30', 'year')).toBe('2026');
  });

  it('counts received, on-time rates over decided steps, hours to close and satisfaction', () => {
    const now = bj('2026-12-10T12:00');
    const dept = (unit: string, o: Partial<{ ackAt: Date | null; reportedAt: Date | null; rating: 'satisfied' | 'basic' | 'unsatisfied' | null }>, base: Date) => ({
      unit,
      ackDueAt: new Date(base.getTime() + 3_600_000),
      reportDueAt: new Date(base.getTime() + 3 * 86_400_000),
      ackAt: null,
      reportedAt: null,
      rating: null,
      ...o,
    });
    const a = bj('2026-11-30T09:00');
    const b = bj('2026-12-01T09:00');
    const c = bj('2026-12-10T11:30');
    const rows = whistleStats(
      [
        // Closed after 50 hours: A on time and 满意; B late to 签收, 报到 on time, 不满意.
        { raisedAt: a, closedAt: new Date(a.getTime() + 50 * 3_600_000), departments: [
          dept('A', { ackAt: new Date(a.getTime() + 1_800_000), reportedAt: new Date(a.getTime() + 86_400_000), rating: 'satisfied' }, a),
          dept('B', { ackAt: new Date(a.getTime() + 7_200_000), reportedAt: new Date(a.getTime() + 2 * 86_400_000), rating: 'unsatisfied' }, a),
        ] },
        // Open: A acknowledged on time, never reported (overdue, counted); B never acknowledged (counted late).
        { raisedAt: b, closedAt: null, departments: [dept('A', { ackAt: new Date(b.getTime() + 600_000) }, b), dept('B', {}, b)] },
        // Raised half an hour ago: nothing decided yet for A.
        { raisedAt: c, closedAt: null, departments: [dept('A', {}, c)] },
      ],
      'month',
      now,
    );
    expect(rows).toEqual([
      { period: '2026-11', unit: 'A', received: 1, ackOnTime: 1, ackCounted: 1, ackOnTimeRate: 1, reportOnTime: 1, reportCounted: 1, reportOnTimeRate: 1, closed: 1, avgCloseHours: 50, satisfied: 1, basic: 0, unsatisfied: 0, satisfactionRate: 1 },
      { period: '2026-11', unit: 'B', received: 1, ackOnTime: 0, ackCounted: 1, ackOnTimeRate: 0, reportOnTime: 1, reportCounted: 1, reportOnTimeRate: 1, closed: 1, avgCloseHours: 50, satisfied: 0, basic: 0, unsatisfied: 1, satisfactionRate: 0 },
      { period: '2026-12', unit: 'A', received: 2, ackOnTime: 1, ackCounted: 1, ackOnTimeRate: 1, reportOnTime: 0, reportCounted: 1, reportOnTimeRate: 0, closed: 0, avgCloseHours: null, satisfied: 0, basic: 0, unsatisfied: 0, satisfactionRate: null },
      { period: '2026-12', unit: 'B', received: 1, ackOnTime: 0, ackCounted: 1, ackOnTimeRate: 0, reportOnTime: 0, reportCounted: 1, reportOnTimeRate: 0, closed: 0, avgCloseHours: null, satisfied: 0, basic: 0, unsatisfied: 0, satisfactionRate: null },
    ]);
    const year = whistleStats([{ raisedAt: a, closedAt: null, departments: [dept('A', { ackAt: a }, a)] }, { raisedAt: b, closedAt: null, departments: [dept('A', {}, b)] }], 'year', now);
    expect(year).toMatchObject([{ period: '2026', unit: 'A', received: 2, ackOnTime: 1, ackCounted: 2, ackOnTimeRate: 0.5 }]);
    // Closed before its department's clocks ran out: the steps it never took count as not on time.
    const early = whistleStats([{ raisedAt: c, closedAt: bj('2026-12-10T11:40'), departments: [dept('A', { ackAt: bj('2026-12-10T11:35') }, c)] }], 'month', now);
    expect(early).toMatchObject([{ ackOnTime: 1, ackCounted: 1, reportOnTime: 0, reportCounted: 1, reportOnTimeRate: 0 }]);
  });
});
