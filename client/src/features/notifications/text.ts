import { DEFAULT_TIME_ZONE, notificationTextKey, type Notification } from '@tongxin/shared';
import type { TFunction } from 'i18next';

/**
 * The words of a notification in the reader's language, from the catalogue by kind, with its
 * values put in. A value that is itself a word of the catalogue (an extension's outcome) is
 * translated too.
 */
export function notificationText(t: TFunction, n: Pick<Notification, 'kind' | 'params'>): { title: string; body: string } {
  const params: Record<string, string | number> = { ...n.params };
  if (params.outcome === 'approved' || params.outcome === 'refused') {
    params.outcome = t(`notifications.outcomes.${params.outcome}`);
  }
  return { title: t(notificationTextKey(n.kind, 'title'), params), body: t(notificationTextKey(n.kind, 'body'), params) };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** 刚刚 / 5 分钟前 / 3 小时前 / 2 天前; older than a week, the date. */
export function relativeTime(t: TFunction, iso: string, now: number, lang: string): string {
  const ago = Math.max(0, now - new Date(iso).getTime());
  if (ago < MINUTE) return t('notifications.centre.justNow');
  if (ago < HOUR) return t('notifications.centre.minutesAgo', { count: Math.floor(ago / MINUTE) });
  if (ago < DAY) return t('notifications.centre.hoursAgo', { count: Math.floor(ago / HOUR) });
  if (ago < 7 * DAY) return t('notifications.centre.daysAgo', { count: Math.floor(ago / DAY) });
  return new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', timeZone: DEFAULT_TIME_ZONE }).format(new Date(iso));
}
