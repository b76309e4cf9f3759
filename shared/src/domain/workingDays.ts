import chineseDays from 'chinese-days';

/**
 * Working days (工作日) as Chinese offices count them: Monday to Friday, except the statutory
 * holidays the State Council announces each year, plus the weekend days worked in lieu (调休上班).
 * The official calendar comes from the maintained `chinese-days` package; an alliance may add the
 * days of a year the package does not know yet (the next year's schedule is announced in
 * November or December) as overrides — which win over the package.
 *
 * Dates are calendar days `YYYY-MM-DD` (in the alliance's time zone, see `localDate`).
 */
export interface CalendarOverrides {
  /** Extra days off (放假), e.g. the next year's holidays once announced. */
  holidays?: readonly string[];
  /** Extra working days on a weekend (调休上班). */
  workdays?: readonly string[];
}

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The years the bundled official calendar covers; later years need overrides. */
export const OFFICIAL_CALENDAR_LAST_YEAR = 2026;

export function isWorkingDay(date: string, overrides: CalendarOverrides = {}): boolean {
  if (!DATE.test(date)) throw new RangeError(`not a date: ${date}`);
  if (overrides.holidays?.includes(date)) return false;
  if (overrides.workdays?.includes(date)) return true;
  if (Number(date.slice(0, 4)) <= OFFICIAL_CALENDAR_LAST_YEAR) return chineseDays.isWorkday(date);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The calendar day `days` after `date` (negative: before). */
export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The working day `n` working days after `date` (n ≥ 1), e.g. 签收 "within 2 working days" of an
 * item created on a Friday before a holiday.
 */
export function addWorkingDays(date: string, n: number, overrides: CalendarOverrides = {}): string {
  let day = date;
  let left = n;
  while (left > 0) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day, overrides)) left -= 1;
  }
  return day;
}

/**
 * How many working days lie after `from` up to and including `to` (0 when `to` ≤ `from`): "due in
 * 3 working days" means `workingDaysBetween(today, dueDate) <= 3`.
 */
export function workingDaysBetween(from: string, to: string, overrides: CalendarOverrides = {}): number {
  if (to <= from) return 0;
  let count = 0;
  // Bounded: a deadline years away counts at most this many days (then it is simply "far").
  for (let day = addCalendarDays(from, 1), i = 0; day <= to && i < 3_700; day = addCalendarDays(day, 1), i += 1) {
    if (isWorkingDay(day, overrides)) count += 1;
  }
  return count;
}

/** Whether the calendar for `year` is known (official data bundled or entered by the alliance). */
export function calendarKnown(year: number, overrides: CalendarOverrides = {}): boolean {
  if (year <= OFFICIAL_CALENDAR_LAST_YEAR) return true;
  return (overrides.holidays ?? []).some((d) => d.startsWith(`${year}-`));
}
