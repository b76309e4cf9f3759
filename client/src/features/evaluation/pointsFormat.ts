/**
 * Points as the ledger shows them: with their sign (+2, −1.5) so a deduction reads as one without
 * its colour; totals without a plus sign.
 */
export function formatPoints(points: number, lang: string, signed: boolean): string {
  const abs = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(Math.abs(points));
  if (points < 0) return `−${abs}`;
  return signed && points > 0 ? `+${abs}` : abs;
}

/** The day an entry counts on, in Beijing time (2026年10月9日 / Oct 9, 2026). */
export function formatEntryDay(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'Asia/Shanghai' }).format(new Date(iso));
}

/** Where a source's record lives in the app, when the server gave no link of its own. */
const SOURCE_PATH: Record<string, string> = {
  meeting: '/meetings/',
  actionItem: '/action-items/',
  whistle: '/whistles/',
  demand: '/demands/',
  project: '/projects/',
  service: '/service-activities/',
};

export function sourceLink(source: { kind: string; id: string | null; link: string | null }): string | null {
  if (source.link) return source.link;
  const base = SOURCE_PATH[source.kind];
  return base && source.id ? `${base}${source.id}` : null;
}
