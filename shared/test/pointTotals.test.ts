import { describe, expect, it } from 'vitest';
import { capValue, DEFAULT_POINT_SCHEME, linesNeededFrom, periodRange, pointTotals, type PointLine, type PointScheme } from '../src/index.js';

const bj = (local: string) => new Date(`${local}:00+08:00`);
const A = 'a'.repeat(24);
const B = 'b'.repeat(24);
const M = 'c'.repeat(24);

const line = (p: Partial<PointLine> & Pick<PointLine, 'criterion' | 'points' | 'at'>): PointLine => ({ unit: A, member: null, ...p });

/** The default scheme with one rule changed. */
const withRule = (criterion: string, change: Partial<PointScheme['rules'][number]>): PointScheme => ({
  rules: DEFAULT_POINT_SCHEME.rules.map((r) => (r.criterion === criterion ? { ...r, ...change } : r)),
});

describe('积分汇总 (point totals)', () => {
  it('adds a unit’s points by criterion within the period only (Beijing calendar)', () => {
    const t = pointTotals(
      [
        line({ criterion: 'meeting.attended', points: 2, at: bj('2026-10-10T15:00') }),
        line({ criterion: 'meeting.attended', points: 2, at: bj('2026-11-10T15:00') }),
        line({ criterion: 'meeting.absent', points: -1, at: bj('2026-12-31T23:30') }),
        // 23:30 on 30 September in Beijing belongs to the third quarter; midnight on 1 January to the next year.
        line({ criterion: 'meeting.attended', points: 2, at: bj('2026-09-30T23:30') }),
        line({ criterion: 'meeting.attended', points: 2, at: bj('2027-01-01T00:00') }),
        line({ criterion: 'item.closedOnTime', points: 5, unit: B, at: bj('2026-10-20T10:00') }),
      ],
      DEFAULT_POINT_SCHEME,
      '2026-Q4',
    );
    expect(t.units.get(A)).toEqual({ total: 3, capped: 0, byCriterion: { 'meeting.attended': 4, 'meeting.absent': -1 }, serviceHours: 0 });
    expect(t.units.get(B)?.total).toBe(5);
    expect(t.members.size).toBe(0);
  });

  it('cuts a criterion at its cap per unit and cap period, and says how much it cut', () => {
    // demand.claimed: +3, at most 15 a quarter.
    const lines = Array.from({ length: 7 }, (_, i) => line({ criterion: 'demand.claimed', points: 3, at: bj(`2026-10-${10 + i}T10:00`) }));
    const t = pointTotals([...lines, line({ criterion: 'demand.claimed', points: 3, unit: B, at: bj('2026-10-10T10:00') })], DEFAULT_POINT_SCHEME, '2026-Q4');
    expect(t.units.get(A)).toMatchObject({ total: 15, capped: 6, byCriterion: { 'demand.claimed': 15 } });
    // Each unit has its own cap.
    expect(t.units.get(B)).toMatchObject({ total: 3, capped: 0 });
  });

  it('caps the absolute value of a deduction too', () => {
    const scheme = withRule('whistle.unsatisfied', { cap: 5 });
    const lines = [1, 2, 3].map((d) => line({ criterion: 'whistle.unsatisfied', points: -3, at: bj(`2026-11-0${d}T10:00`) }));
    expect(pointTotals(lines, scheme, '2026-Q4').units.get(A)).toMatchObject({ total: -5, capped: 4 });
    expect(capValue(-9, 5)).toBe(-5);
    expect(capValue(9, null)).toBe(9);
  });

  it('a monthly cap applies month by month inside a quarter', () => {
    const scheme = withRule('resource.used', { cap: 4, capPeriod: 'month' });
    const lines = [
      ...[1, 2, 3].map((d) => line({ criterion: 'resource.used', points: 2, at: bj(`2026-10-0${d}T10:00`) })),
      ...[1, 2].map((d) => line({ criterion: 'resource.used', points: 2, at: bj(`2026-11-0${d}T10:00`) })),
    ];
    expect(pointTotals(lines, scheme, '2026-Q4').units.get(A)).toMatchObject({ total: 8, capped: 2 });
    expect(pointTotals(lines, scheme, '2026-10').units.get(A)).toMatchObject({ total: 4, capped: 2 });
  });

  it('a yearly cap on a quarter counts what is left of the year: the quarters add up to the year', () => {
    const scheme = withRule('demand.claimed', { cap: 10, capPeriod: 'year' });
    const lines = [
      line({ criterion: 'demand.claimed', points: 3, at: bj('2026-02-01T10:00') }),
      line({ criterion: 'demand.claimed', points: 3, at: bj('2026-03-01T10:00') }),
      line({ criterion: 'demand.claimed', points: 3, at: bj('2026-05-01T10:00') }),
      line({ criterion: 'demand.claimed', points: 3, at: bj('2026-06-01T10:00') }),
      line({ criterion: 'demand.claimed', points: 3, at: bj('2026-11-01T10:00') }),
    ];
    const q = (k: string) => pointTotals(lines, scheme, k).units.get(A);
    expect(q('2026-Q1')).toMatchObject({ total: 6, capped: 0 });
    expect(q('2026-Q2')).toMatchObject({ total: 4, capped: 2 });
    expect(q('2026-Q3')).toBeUndefined();
    expect(q('2026-Q4')).toMatchObject({ total: 0, capped: 3 });
    expect(q('2026')).toMatchObject({ total: 10, capped: 5 });
    expect(linesNeededFrom(periodRange('2026-Q4')!)).toEqual(bj('2026-01-01T00:00'));
  });

  it('manual entries are never capped; voided ones do not count', () => {
    const t = pointTotals(
      [
        line({ criterion: 'manual', points: 50, at: bj('2026-10-10T10:00') }),
        line({ criterion: 'manual', points: 50, at: bj('2026-10-11T10:00') }),
        line({ criterion: 'manual', points: -20, at: bj('2026-10-12T10:00'), voided: true }),
      ],
      DEFAULT_POINT_SCHEME,
      '2026-Q4',
    );
    expect(t.units.get(A)).toMatchObject({ total: 100, capped: 0, byCriterion: { manual: 100 } });
  });

  it('service hours count to the member and to their work unit, each under its own cap, with the hours', () => {
    const lines = [
      line({ criterion: 'service.hours', points: 12, hours: 12, unit: A, member: M, at: bj('2026-10-10T10:00') }),
      line({ criterion: 'service.hours', points: 12, hours: 12, unit: A, member: M, at: bj('2026-10-17T10:00') }),
      line({ criterion: 'manual', points: 2, unit: null, member: M, at: bj('2026-10-18T10:00') }),
    ];
    const t = pointTotals(lines, DEFAULT_POINT_SCHEME, '2026-Q4');
    expect(t.members.get(M)).toEqual({ total: 22, capped: 4, byCriterion: { 'service.hours': 20, manual: 2 }, serviceHours: 24 });
    expect(t.units.get(A)).toEqual({ total: 20, capped: 4, byCriterion: { 'service.hours': 20 }, serviceHours: 24 });
  });
});
