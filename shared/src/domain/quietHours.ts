import type { QuietHours } from '../schemas/notification.js';
import { DEFAULT_TIME_ZONE } from './overdue.js';
import { wallClock } from './timeZone.js';

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether `at` falls in a person's quiet hours (免打扰), read on a Beijing clock: `from` included,
 * `to` not; a span whose end is earlier than its start runs over midnight (22:00–07:00).
 */
export function inQuietHours(at: Date, quiet: QuietHours | null, timeZone: string = DEFAULT_TIME_ZONE): boolean {
  if (!quiet) return false;
  const c = wallClock(at, timeZone);
  const now = c.hour * 60 + c.minute;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return false;
  return from < to ? now >= from && now < to : now >= from || now < to;
}
