import type { ActionItemStatus } from './actionItemStatus.js';
import { localDate, DEFAULT_TIME_ZONE } from './overdue.js';
import { workingDaysBetween, addCalendarDays, type CalendarOverrides } from './workingDays.js';

/**
 * 亮灯: the one colour an action item (or any supervised piece of work) shows on its page, the
 * ledger, the workbench and in exports — green on track, yellow needs attention, red overdue.
 * `none` for work that is no longer open (closed or cancelled): it shows its status instead.
 */
export const STATUS_LIGHTS = ['green', 'yellow', 'red', 'none'] as const;
export type StatusLight = (typeof STATUS_LIGHTS)[number];

/** Why the light shows its colour; the screens say it in words next to the colour. */
export const STATUS_LIGHT_REASONS = [
  'on_track',
  'due_soon',
  'no_recent_report',
  'not_acknowledged',
  'overdue',
  'awaiting_verification',
  'finished',
] as const;
export type StatusLightReason = (typeof STATUS_LIGHT_REASONS)[number];

export interface StatusLightRules {
  /** Yellow within this many working days of the deadline. */
  dueSoonWorkingDays: number;
  /** Yellow when the lead unit has not reported for this many calendar days. */
  silentDays: number;
}

export const DEFAULT_STATUS_LIGHT_RULES: StatusLightRules = { dueSoonWorkingDays: 3, silentDays: 14 };

export interface LightInput {
  status: ActionItemStatus;
  /** The deadline in force, `YYYY-MM-DD`. */
  dueDate: string;
  /** When the lead unit last reported progress (or, lacking a report, when the item was created). */
  lastReportAt: Date;
  /** 签收 deadline passed without acknowledgement. Omitted or false where 签收 does not apply. */
  acknowledgementOverdue?: boolean;
}

/**
 * The rule, in order: finished work shows none; red when overdue (past the due day, not yet handed
 * in); yellow when due within `dueSoonWorkingDays` working days, when nobody has reported for
 * `silentDays`, or when 签收 is late; green otherwise. Work handed in for verification (待验收) is
 * green with reason `awaiting_verification`: the lead unit's part is done, and any delay from then
 * on is the verifier's (as `isOverdue` says).
 */
export function statusLight(
  item: LightInput,
  now: Date,
  opts: { timeZone?: string; rules?: StatusLightRules; calendar?: CalendarOverrides } = {},
): { light: StatusLight; reason: StatusLightReason } {
  const rules = opts.rules ?? DEFAULT_STATUS_LIGHT_RULES;
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  if (item.status === 'closed' || item.status === 'cancelled') return { light: 'none', reason: 'finished' };
  if (item.status === 'awaiting_verification') return { light: 'green', reason: 'awaiting_verification' };
  const today = localDate(now, timeZone);
  if (today > item.dueDate) return { light: 'red', reason: 'overdue' };
  if (item.acknowledgementOverdue) return { light: 'yellow', reason: 'not_acknowledged' };
  if (workingDaysBetween(today, item.dueDate, opts.calendar) <= rules.dueSoonWorkingDays) {
    return { light: 'yellow', reason: 'due_soon' };
  }
  const lastReportDay = localDate(item.lastReportAt, timeZone);
  if (addCalendarDays(lastReportDay, rules.silentDays) <= today) return { light: 'yellow', reason: 'no_recent_report' };
  return { light: 'green', reason: 'on_track' };
}
