import type { ActionItemStatus } from './actionItemStatus.js';
import { dateTimeFormat } from './dateTimeFormat.js';

/** Deadlines (完成时限) are calendar days in the alliance's time zone, not instants. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * Today's date as `YYYY-MM-DD` in `timeZone`. Lists and the reminder tick ask it once per item
 * with the same `now`: the last answer is kept, and a formatter per time zone.
 */
export function localDate(now: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const at = now.getTime();
  if (at === lastDay.at && timeZone === lastDay.timeZone) return lastDay.day;
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD. An unknown time zone throws here, before anything is kept.
    format = dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  const day = format.format(now);
  lastDay = { at, timeZone, day };
  return day;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
let lastDay = { at: Number.NaN, timeZone: '', day: '' };

/**
 * Overdue (逾期): the due day has passed and the lead unit has not yet handed the work in. An item
 * awaiting verification is not overdue — the delay, if any, is the verifier's — nor is one that
 * is closed or cancelled. Work is due by the end of its due day.
 */
export function isOverdue(
  item: { dueDate: string; status: ActionItemStatus },
  now: Date,
  timeZone = DEFAULT_TIME_ZONE,
): boolean {
  if (item.status !== 'todo' && item.status !== 'in_progress') return false;
  return localDate(now, timeZone) > item.dueDate;
}

/** How many days before its deadline open work shows as at risk (临近时限) rather than on time. */
export const AT_RISK_DAYS = 3;

/**
 * At risk (临近时限): open work, not yet overdue, due within {@link AT_RISK_DAYS} days. Progress
 * bars show it in amber, between on time and overdue (red).
 */
export function isAtRisk(
  item: { dueDate: string; status: ActionItemStatus },
  now: Date,
  timeZone = DEFAULT_TIME_ZONE,
): boolean {
  if (item.status !== 'todo' && item.status !== 'in_progress') return false;
  const today = localDate(now, timeZone);
  if (today > item.dueDate) return false;
  const days = (Date.parse(`${item.dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return days <= AT_RISK_DAYS;
}
