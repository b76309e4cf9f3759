import type { PointCriterion, PointRule, PointScheme } from '../schemas/evaluation.js';
import { DEFAULT_TIME_ZONE } from './overdue.js';
import { periodKey, periodRange, type PeriodRange } from './periods.js';

// 积分汇总: a period's points per unit and per member, criterion by criterion, with the scheme's
// caps applied. Pure: the server reads the ledger and hands it here; screens and tests get the
// same figures from the same rule.

/** One line of the ledger as the totals need it. */
export interface PointLine {
  criterion: PointCriterion;
  /** As recorded, before any cap. */
  points: number;
  /** The unit credited (for service hours, the member's work unit), or null. */
  unit: string | null;
  /** The member credited (service hours, a manual entry for a person), or null. */
  member: string | null;
  at: Date;
  /** Hours of 双报到 service the line stands for (service.hours only). */
  hours?: number | null | undefined;
  /** A withdrawn (撤销) manual entry: kept in the ledger, never counted. */
  voided?: boolean | undefined;
}

export interface SubjectTotal {
  /** After caps. */
  total: number;
  /** How many points (in absolute value) the caps kept out of the total. */
  capped: number;
  /** Criterion → points counted (after its cap). */
  byCriterion: Record<string, number>;
  serviceHours: number;
}

export interface PointTotalsResult {
  period: PeriodRange;
  /** Unit id → its totals; only subjects with a line in the period. */
  units: Map<string, SubjectTotal>;
  /** Member (user) id → their totals. */
  members: Map<string, SubjectTotal>;
}

/** The rule of each automatic criterion: the scheme's, or none (manual entries are never capped). */
export function pointRuleOf(scheme: PointScheme, criterion: PointCriterion): PointRule | undefined {
  return scheme.rules.find((r) => r.criterion === criterion);
}

/** `x` with its absolute value cut at `cap` (null: no cap). */
export function capValue(x: number, cap: number | null): number {
  if (cap === null) return x;
  return Math.sign(x) * Math.min(Math.abs(x), cap);
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * The earliest instant whose lines can matter to `period`: the start of the widest cap period
 * (a year) around the period's start — a yearly cap on a quarter depends on the quarters before it.
 */
export function linesNeededFrom(period: PeriodRange, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const year = periodRange(periodKey(period.start, 'year', timeZone), timeZone)!;
  return year.start < period.start ? year.start : period.start;
}

/**
 * The totals of `period` (a key such as `2026-Q4` or its range). Each automatic criterion is capped
 * per unit or member and per the rule's `capPeriod`: within one cap period, the absolute value of
 * the running sum is cut at the cap. A report period that is only part of a cap period (a quarter
 * under a yearly cap) counts what the cap allowed by the period's end less what it had allowed by
 * its start, so the quarters of a year add up to the year. Manual entries are not capped; voided
 * ones do not count. `lines` may hold lines outside the period (they are what earlier parts of a
 * cap period used up); pass those from `linesNeededFrom(period)` on.
 */
export function pointTotals(
  lines: readonly PointLine[],
  scheme: PointScheme,
  period: string | PeriodRange,
  timeZone: string = DEFAULT_TIME_ZONE,
): PointTotalsResult {
  const range = typeof period === 'string' ? periodRange(period, timeZone) : period;
  if (!range) throw new Error(`not a period: ${String(period)}`);
  const inRange = (at: Date) => at >= range.start && at < range.end;

  // subject kind + id + criterion → the lines that bear on it.
  const groups = new Map<string, { kind: 'unit' | 'member'; id: string; criterion: PointCriterion; lines: PointLine[] }>();
  for (const line of lines) {
    if (line.voided) continue;
    if (line.at >= range.end) continue;
    for (const [kind, id] of [
      ['unit', line.unit],
      ['member', line.member],
    ] as const) {
      if (!id) continue;
      const key = `${kind}:${id}:${line.criterion}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { kind, id, criterion: line.criterion, lines: [] }));
      g.lines.push(line);
    }
  }

  const units = new Map<string, SubjectTotal>();
  const members = new Map<string, SubjectTotal>();
  const totalOf = (kind: 'unit' | 'member', id: string) => {
    const map = kind === 'unit' ? units : members;
    let t = map.get(id);
    if (!t) map.set(id, (t = { total: 0, capped: 0, byCriterion: {}, serviceHours: 0 }));
    return t;
  };

  for (const g of groups.values()) {
    const within = g.lines.filter((l) => inRange(l.at));
    if (within.length === 0) continue;
    const raw = within.reduce((s, l) => s + l.points, 0);
    const hours = within.reduce((s, l) => s + (l.criterion === 'service.hours' ? (l.hours ?? 0) : 0), 0);
    const rule = g.criterion === 'manual' ? undefined : pointRuleOf(scheme, g.criterion);
    let counted = raw;
    if (rule && rule.cap !== null) {
      // Per cap period touching the report period: allowed by the end − allowed by the start.
      const buckets = new Map<string, { before: number; through: number }>();
      for (const l of g.lines) {
        const b = periodKey(l.at, rule.capPeriod, timeZone);
        let bucket = buckets.get(b);
        if (!bucket) buckets.set(b, (bucket = { before: 0, through: 0 }));
        if (l.at < range.start) bucket.before += l.points;
        bucket.through += l.points;
      }
      counted = 0;
      for (const [key, b] of buckets) {
        const bucketRange = periodRange(key, timeZone)!;
        if (bucketRange.end <= range.start) continue;
        counted += capValue(b.through, rule.cap) - capValue(b.before, rule.cap);
      }
    }
    const t = totalOf(g.kind, g.id);
    t.byCriterion[g.criterion] = round((t.byCriterion[g.criterion] ?? 0) + counted);
    t.total = round(t.total + counted);
    t.capped = round(t.capped + Math.abs(raw - counted));
    t.serviceHours = round(t.serviceHours + hours);
  }
  return { period: range, units, members };
}
