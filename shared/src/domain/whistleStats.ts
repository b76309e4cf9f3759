import { localDate } from './overdue.js';

/**
 * 吹哨报到 statistics: per summoned department and per period (month / quarter / year, by the
 * day the whistle was raised, Beijing time). The figures the evaluation (考核) reads:
 * - received: whistles that summoned the department;
 * - on-time 签收 / 报到 rate: steps done by their deadline, over the steps whose outcome is known
 *   (done, still undone past the deadline, or undone on a closed whistle) — a step still within its
 *   time on an open whistle is not counted yet;
 * - average time to close: hours from raising to closing, over its closed whistles;
 * - satisfaction: 满意 / 基本满意 / 不满意 counts, and the rate (满意 + 基本满意) over those rated.
 */
export const WHISTLE_PERIODS = ['month', 'quarter', 'year'] as const;
export type WhistlePeriod = (typeof WHISTLE_PERIODS)[number];
export const WHISTLE_RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type WhistleRating = (typeof WHISTLE_RATINGS)[number];

export interface StatsDepartment {
  unit: string;
  ackDueAt: Date;
  ackAt: Date | null;
  reportDueAt: Date;
  reportedAt: Date | null;
  rating: WhistleRating | null;
}

export interface StatsWhistle {
  raisedAt: Date;
  closedAt: Date | null;
  departments: StatsDepartment[];
}

export interface WhistleStatsRow {
  period: string;
  unit: string;
  received: number;
  ackOnTime: number;
  ackCounted: number;
  /** ackOnTime / ackCounted; null when nothing is counted yet. */
  ackOnTimeRate: number | null;
  reportOnTime: number;
  reportCounted: number;
  reportOnTimeRate: number | null;
  closed: number;
  /** Average hours from raising to closing, one decimal; null when none closed. */
  avgCloseHours: number | null;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  /** (满意 + 基本满意) / rated; null when none rated. */
  satisfactionRate: number | null;
}

/** The period a day falls in: `2026-12`, `2026-Q4`, `2026`. */
export function periodOf(day: string, period: WhistlePeriod): string {
  if (period === 'year') return day.slice(0, 4);
  if (period === 'month') return day.slice(0, 7);
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);

/** Rows by period (ascending), then unit in the order first met. */
export function whistleStats(whistles: readonly StatsWhistle[], period: WhistlePeriod, now: Date): WhistleStatsRow[] {
  const rows = new Map<string, WhistleStatsRow & { closeMs: number }>();
  for (const w of whistles) {
    const p = periodOf(localDate(w.raisedAt), period);
    for (const d of w.departments) {
      const key = `${p}|${d.unit}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          period: p,
          unit: d.unit,
          received: 0,
          ackOnTime: 0,
          ackCounted: 0,
          ackOnTimeRate: null,
          reportOnTime: 0,
          reportCounted: 0,
          reportOnTimeRate: null,
          closed: 0,
          avgCloseHours: null,
          satisfied: 0,
          basic: 0,
          unsatisfied: 0,
          satisfactionRate: null,
          closeMs: 0,
        };
        rows.set(key, row);
      }
      row.received += 1;
      const count = (dueAt: Date, doneAt: Date | null) => {
        // Still within its time on an open whistle: not decided yet. Once closed, an undone step is.
        if (!doneAt && !w.closedAt && now.getTime() <= dueAt.getTime()) return { counted: 0, onTime: 0 };
        return { counted: 1, onTime: doneAt && doneAt.getTime() <= dueAt.getTime() ? 1 : 0 };
      };
      const ack = count(d.ackDueAt, d.ackAt);
      row.ackCounted += ack.counted;
      row.ackOnTime += ack.onTime;
      const report = count(d.reportDueAt, d.reportedAt);
      row.reportCounted += report.counted;
      row.reportOnTime += report.onTime;
      if (w.closedAt) {
        row.closed += 1;
        row.closeMs += w.closedAt.getTime() - w.raisedAt.getTime();
      }
      if (d.rating) row[d.rating] += 1;
    }
  }
  return [...rows.values()]
    .sort((a, b) => a.period.localeCompare(b.period))
    .map(({ closeMs, ...r }) => {
      const rated = r.satisfied + r.basic + r.unsatisfied;
      return {
        ...r,
        ackOnTimeRate: ratio(r.ackOnTime, r.ackCounted),
        reportOnTimeRate: ratio(r.reportOnTime, r.reportCounted),
        avgCloseHours: r.closed === 0 ? null : Math.round(closeMs / r.closed / 360_000) / 10,
        satisfactionRate: ratio(r.satisfied + r.basic, rated),
      };
    });
}
