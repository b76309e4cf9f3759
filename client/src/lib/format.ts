import { DEFAULT_TIME_ZONE, wallClock, zonedInstant } from '@tongxin/shared';

/**
 * Times in Beijing time (DEFAULT_TIME_ZONE), whatever zone the viewer's computer is set to, so a
 * meeting "at 14:00" reads 14:00 on every screen; Chinese date formats in zh-CN.
 */
export function formatDateTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, {
    timeZone: DEFAULT_TIME_ZONE,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

export function formatShortDateTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, {
    dateStyle: 'medium',
    timeStyle: 'short',
    hour12: false,
    timeZone: DEFAULT_TIME_ZONE,
  }).format(new Date(iso));
}

/** A moment's clock time with seconds in Beijing time (14:03:21), as "最后同步" shows it. */
export function formatClockTime(at: Date | number | string, lang: string): string {
  return new Intl.DateTimeFormat(lang, {
    timeZone: DEFAULT_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));
}

/** A `<input type="datetime-local">` value for a date, as a clock in Beijing time shows it. */
export function toLocalInputValue(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const c = wallClock(d, DEFAULT_TIME_ZONE);
  return `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}`;
}

/** The instant a `<input type="datetime-local">` value names in Beijing time (invalid Date if empty). */
export function fromLocalInputValue(value: string): Date {
  return zonedInstant(value, DEFAULT_TIME_ZONE);
}

/** 甲、乙和丙 / A, B, and C */
export function formatList(items: string[], lang: string): string {
  return new Intl.ListFormat(lang, { type: 'conjunction' }).format(items);
}

/**
 * A calendar day (`YYYY-MM-DD`), such as a deadline (完成时限), is a day and not an instant: it is
 * formatted as that day in the viewer's language (2026年3月5日 / Mar 5, 2026) without shifting it
 * through any time zone.
 */
export function formatDay(day: string, lang: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}
