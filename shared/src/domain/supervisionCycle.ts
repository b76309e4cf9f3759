import type { ActionItemStatus } from './actionItemStatus.js';
import { DEFAULT_TIME_ZONE, localDate } from './overdue.js';
import { zonedInstant } from './timeZone.js';
import { addCalendarDays, addWorkingDays, type CalendarOverrides } from './workingDays.js';

// The 督办 cycle around an action item: the lead unit acknowledges it (签收) within a few working
// days, may ask for a later deadline (延期申请), and a supervisor may chase it (催办). Pure rules,
// shared by the server's commands and the screens.

/** 签收时限: by default the lead unit acknowledges within 2 working days of the day it was assigned. */
export const DEFAULT_ACK_WORKING_DAYS = 2;
export const ACK_WORKING_DAYS_MIN = 1;
export const ACK_WORKING_DAYS_MAX = 10;

/**
 * When 签收 falls due: the end (23:59:59.999 local time) of the `workingDays`-th working day after
 * the day the item was assigned — an item assigned on a Friday afternoon before the National Day
 * holiday is due at the end of the second working day after the holiday, not on Sunday.
 */
export function acknowledgementDueAt(
  assignedAt: Date,
  workingDays: number,
  opts: { timeZone?: string; calendar?: CalendarOverrides } = {},
): Date {
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const dueDay = addWorkingDays(localDate(assignedAt, timeZone), workingDays, opts.calendar);
  return new Date(zonedInstant(addCalendarDays(dueDay, 1), timeZone).getTime() - 1);
}

export interface AcknowledgementFacts {
  status: ActionItemStatus;
  /** Null for items assigned before 签收 existed: they count as acknowledged. */
  ackDueAt: Date | null;
  acknowledgedAt: Date | null;
}

/** 待签收: still waiting for the lead unit, on work that is still open to it. */
export function awaitsAcknowledgement(item: AcknowledgementFacts): boolean {
  return item.ackDueAt !== null && item.acknowledgedAt === null && (item.status === 'todo' || item.status === 'in_progress');
}

/** 签收超时: waiting past its 签收时限 (the status light turns yellow; reminders go out). */
export function acknowledgementOverdue(item: AcknowledgementFacts, now: Date): boolean {
  return awaitsAcknowledgement(item) && item.ackDueAt!.getTime() < now.getTime();
}

/** 催办 at most once per item in this interval: a reminder repeated within minutes is noise. */
export const NUDGE_INTERVAL_MS = 10 * 60_000;
export const NUDGE_NOTE_MAX = 500;

/** Seconds until the next 催办 is accepted (0: now). */
export function nudgeWaitSeconds(lastNudgeAt: Date | null, now: Date): number {
  if (!lastNudgeAt) return 0;
  const left = lastNudgeAt.getTime() + NUDGE_INTERVAL_MS - now.getTime();
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

/** Work at 0 % is not handed in for verification: the lead unit reports what it did first. */
export function submitProblem(percent: number): 'noProgress' | null {
  return percent <= 0 ? 'noProgress' : null;
}

export const EXTENSION_REQUEST_STATUSES = ['pending', 'approved', 'refused'] as const;
export type ExtensionRequestStatus = (typeof EXTENSION_REQUEST_STATUSES)[number];
