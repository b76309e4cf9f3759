import { DEFAULT_TIME_ZONE } from './overdue.js';
import { wallClock, zonedInstant } from './timeZone.js';

// Evaluation periods (考核周期): a month `2026-10`, a quarter `2026-Q4`, a year `2026`, always on
// the Beijing calendar — a point earned at 23:30 on 30 September belongs to the third quarter
// wherever the server runs.

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_KEY_PATTERN = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/;

/** The key of the period of `kind` that `at` falls in. */
export function periodKey(at: Date, kind: PeriodKind, timeZone: string = DEFAULT_TIME_ZONE): string {
  const { year, month } = wallClock(at, timeZone);
  switch (kind) {
    case 'month':
      return `${year}-${String(month).padStart(2, '0')}`;
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'year':
      return String(year);
  }
}

export interface PeriodRange {
  key: string;
  kind: PeriodKind;
  /** First instant inside the period. */
  start: Date;
  /** First instant after the period. */
  end: Date;
}

/** The instants a period key covers, or null for a key that names no period. */
export function periodRange(key: string, timeZone: string = DEFAULT_TIME_ZONE): PeriodRange | null {
  const m = PERIOD_KEY_PATTERN.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const [kind, firstMonth, months]: [PeriodKind, number, number] = m[2]
    ? ['month', Number(m[2]), 1]
    : m[3]
      ? ['quarter', (Number(m[3]) - 1) * 3 + 1, 3]
      : ['year', 1, 12];
  const startOf = (y: number, month: number) =>
    zonedInstant(`${y + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-01`, timeZone);
  return { key, kind, start: startOf(year, firstMonth), end: startOf(year, firstMonth + months) };
}

/** The period of the same kind just before `key` (2026-Q1 → 2025-Q4). */
export function previousPeriod(key: string, timeZone: string = DEFAULT_TIME_ZONE): string | null {
  const range = periodRange(key, timeZone);
  if (!range) return null;
  return periodKey(new Date(range.start.getTime() - 1), range.kind, timeZone);
}

/**
 * The period and every shorter one inside it: a year's twelve months and four quarters, a
 * quarter's three months (2026-Q4 → 2026-Q4, 2026-10, 2026-11, 2026-12); none for a key that
 * names no period. What a year's rating reads of sessions filed by quarter or month.
 */
export function periodsWithin(key: string): string[] {
  const m = PERIOD_KEY_PATTERN.exec(key);
  if (!m) return [];
  const year = m[1]!;
  const month = (n: number) => `${year}-${String(n).padStart(2, '0')}`;
  if (m[2]) return [key];
  if (m[3]) {
    const first = (Number(m[3]) - 1) * 3 + 1;
    return [key, month(first), month(first + 1), month(first + 2)];
  }
  return [key, ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`), ...Array.from({ length: 12 }, (_, i) => month(i + 1))];
}
