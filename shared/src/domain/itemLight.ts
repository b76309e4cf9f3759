import type { Locale } from '../i18n/index.js';
import { catalogueString } from './auditProse.js';
import type { ItemLight } from '../schemas/actionItem.js';
import type { ActionItemStatus } from './actionItemStatus.js';
import { DEFAULT_TIME_ZONE, localDate } from './overdue.js';
import { DEFAULT_STATUS_LIGHT_RULES, statusLight, type StatusLightRules } from './statusLight.js';
import type { CalendarOverrides } from './workingDays.js';

/** What of an alliance the light reads: its time zone, its rules, its own calendar entries. */
export interface LightSettings {
  timeZone: string;
  rules: StatusLightRules;
  calendar: CalendarOverrides;
}

export const DEFAULT_LIGHT_SETTINGS: LightSettings = {
  timeZone: DEFAULT_TIME_ZONE,
  rules: DEFAULT_STATUS_LIGHT_RULES,
  calendar: {},
};

/** What of an item the light reads, as stored. */
export interface ItemLightFacts {
  status: string;
  dueDate: string;
  createdAt: Date;
  lastReportAt?: Date | null;
  ackDueAt?: Date | null;
  acknowledgedAt?: Date | null;
}

const DAY_MS = 86_400_000;

/**
 * 亮灯 of one stored item at `now`, with the colour's details the screens say: the days overdue
 * (红灯 已逾期 3 天) and the alliance's silence rule (超过14天未报告). The last report is the item's
 * `lastReportAt`; items from before that field existed fall back to their latest progress entry,
 * or to their creation. 签收 is late when its deadline passed with nobody acknowledging.
 */
export function itemLightAt(
  item: ItemLightFacts,
  settings: LightSettings,
  now: Date,
  latestProgressAt?: Date | null,
): ItemLight {
  const lastReportAt = item.lastReportAt ?? latestProgressAt ?? item.createdAt;
  const acknowledgementOverdue = !!item.ackDueAt && !item.acknowledgedAt && now.getTime() > item.ackDueAt.getTime();
  const { light, reason } = statusLight(
    { status: item.status as ActionItemStatus, dueDate: item.dueDate, lastReportAt, acknowledgementOverdue },
    now,
    settings,
  );
  if (reason === 'no_recent_report') return { light, reason, silentDays: settings.rules.silentDays };
  if (light !== 'red') return { light, reason };
  const today = localDate(now, settings.timeZone);
  const daysOverdue = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${item.dueDate}T00:00:00Z`)) / DAY_MS);
  return { light, reason, daysOverdue };
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));

/**
 * A light in words from the catalogue: `colour` 绿灯 / 黄灯 / 红灯, `reason` 正常推进, 超过14天未报告,
 * 已逾期 3 天 … — for what the server writes itself (exports, minutes); screens use their i18n.
 */
export function lightWords(light: ItemLight, locale: Locale = 'zh-CN'): { colour: string; reason: string } {
  const say = (key: string, values: Record<string, string | number> = {}) =>
    fill(catalogueString(locale, `actionItems.light.${key}`) ?? '', values);
  const reason =
    light.reason === 'overdue' && light.daysOverdue !== undefined
      ? say('reason.overdueDays', { days: light.daysOverdue })
      : say(`reason.${light.reason}`, { days: light.silentDays ?? '' });
  return { colour: say(light.light), reason };
}
