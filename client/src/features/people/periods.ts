import { PERIOD_KEY_PATTERN, periodKey, periodRange, previousPeriod, type PeriodKind } from '@tongxin/shared';
import type { TFunction } from 'i18next';

/** How many periods of each kind the picker offers, counting back from the current one. */
const BACK: Record<PeriodKind, number> = { month: 12, quarter: 8, year: 4 };

/** The period of `kind` that `at` falls in and those before it, newest first. */
export function recentPeriods(kind: PeriodKind, at: Date): string[] {
  const out = [periodKey(at, kind)];
  while (out.length < BACK[kind]) {
    const prev = previousPeriod(out[out.length - 1]!);
    if (!prev) break;
    out.push(prev);
  }
  return out;
}

export const kindOf = (key: string): PeriodKind => periodRange(key)?.kind ?? 'quarter';

/** 2026年第4季度 / Q4 2026. */
export function periodLabel(t: TFunction, key: string): string {
  const m = PERIOD_KEY_PATTERN.exec(key);
  if (!m) return key;
  const kind = kindOf(key);
  const n = kind === 'month' ? Number(m[2]) : kind === 'quarter' ? Number(m[3]) : 0;
  return t(`people.periodLabel.${kind}`, { year: m[1], n });
}

/**
 * The periods to offer: those of `kind` back from the latest of now and the ends of `known` periods
 * (the one shown, the server's current one — its clock may differ from this computer's), so the
 * one shown is always among them.
 */
export function periodChoices(kind: PeriodKind, known: (string | null)[], now: Date): string[] {
  let at = now;
  for (const key of known) {
    const range = key ? periodRange(key) : null;
    if (range && range.end.getTime() - 1 > at.getTime()) at = new Date(range.end.getTime() - 1);
  }
  return recentPeriods(kind, at);
}

/** Another kind of period for the one shown: the one holding now if the shown period does, else its first. */
export function switchKind(kind: PeriodKind, shown: string, now: Date): string {
  const range = periodRange(shown);
  if (!range) return periodKey(now, kind);
  const inside = now.getTime() >= range.start.getTime() && now.getTime() < range.end.getTime();
  return periodKey(inside ? now : range.start, kind);
}
