import { dateTimeFormat } from './dateTimeFormat.js';
import { DEFAULT_TIME_ZONE } from './overdue.js';

// Members meet in China, so times are shown in Beijing time (DEFAULT_TIME_ZONE) by default,
// whatever time zone the viewer's computer is set to: a meeting "at 14:00" reads 14:00 on every
// screen and in every record.

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The calendar fields of an instant as a clock in `timeZone` shows them. */
export function wallClock(at: Date, timeZone: string = DEFAULT_TIME_ZONE): WallClock {
  let format = clockFormats.get(timeZone);
  if (!format) {
    // An unknown time zone throws here, before anything is kept.
    format = dateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    clockFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone` is ahead of UTC at an instant, in milliseconds. */
function offsetAt(at: Date, timeZone: string): number {
  const c = wallClock(at, timeZone);
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant a wall-clock time (`YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`) happens in `timeZone`, e.g.
 * the start of a day a secretary picked in a date filter. Invalid input gives an invalid Date.
 */
export function zonedInstant(local: string, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(local);
  if (!m) return new Date(Number.NaN);
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0));
  // Twice, so a time next to a daylight-saving change settles on the offset in force then.
  const first = asUtc - offsetAt(new Date(asUtc), timeZone);
  return new Date(asUtc - offsetAt(new Date(first), timeZone));
}

/**
 * A short moment for a log line: 11月30日 21:05 / 30 Nov 21:05, with the year when it is not
 * this year's (2025年11月30日 21:05 / 30 Nov 2025 21:05).
 */
export function formatLogTime(
  iso: string,
  lang: string,
  { timeZone = DEFAULT_TIME_ZONE, now = new Date() }: { timeZone?: string; now?: Date } = {},
): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const c = wallClock(at, timeZone);
  const withYear = c.year !== wallClock(now, timeZone).year;
  const time = `${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`;
  if (lang.startsWith('zh')) return `${withYear ? `${c.year}年` : ''}${c.month}月${c.day}日 ${time}`;
  const month = dateTimeFormat('en', { month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, c.month - 1, 1)),
  );
  return `${c.day} ${month}${withYear ? ` ${c.year}` : ''} ${time}`;
}
