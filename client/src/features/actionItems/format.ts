/**
 * A deadline (完成时限) is a calendar day, not an instant: it is formatted as that day in the
 * viewer's language (2026年3月5日 / Mar 5, 2026) without shifting it through any time zone.
 */
export function formatDay(day: string, lang: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}
