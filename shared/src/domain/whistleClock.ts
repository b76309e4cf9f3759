import { localDate } from './overdue.js';
import { zonedInstant } from './timeZone.js';
import { addCalendarDays, addWorkingDays, isWorkingDay, type CalendarOverrides } from './workingDays.js';

/**
 * 吹哨报到 clocks. When a unit blows the whistle, each summoned department must 签收 within a few
 * working HOURS (office time only: a whistle raised at 17:00 on a Friday is due on Monday
 * morning), contact the whistling unit within 24 (calendar) hours, and report (报到 / 办结) by the
 * end of the 3rd working day for an urgent whistle, the 5th for a normal one. Defaults from practice;
 * each alliance may set its own. Times are Beijing wall-clock times; working days follow the official
 * calendar (调休 included) with the alliance's overrides.
 */
export interface WorkingPeriod {
  /** `HH:mm`, Beijing time. */
  from: string;
  to: string;
}

export interface WhistleClocks {
  /** 签收: working hours after the whistle is raised. */
  ackWorkingHours: number;
  /** 联系对接: calendar hours after the whistle is raised. */
  contactHours: number;
  /** 报到 / 办结: working days after the day it was raised (end of that day's office time). */
  reportWorkingDaysUrgent: number;
  reportWorkingDaysNormal: number;
  /** Office time on a working day: 09:00–12:00 and 13:30–17:30 by default. */
  workingPeriods: WorkingPeriod[];
  /** The whistler may reopen a closed whistle within this many calendar days. */
  reopenDays: number;
}

export const DEFAULT_WHISTLE_CLOCKS: WhistleClocks = {
  ackWorkingHours: 1,
  contactHours: 24,
  reportWorkingDaysUrgent: 3,
  reportWorkingDaysNormal: 5,
  workingPeriods: [
    { from: '09:00', to: '12:00' },
    { from: '13:30', to: '17:30' },
  ],
  reopenDays: 7,
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The instant `minutes` of office time after `start` (office time only counts on working days). */
export function addWorkingMinutes(
  start: Date,
  minutes: number,
  periods: readonly WorkingPeriod[] = DEFAULT_WHISTLE_CLOCKS.workingPeriods,
  calendar: CalendarOverrides = {},
): Date {
  let left = minutes * MINUTE;
  let cursor = start.getTime();
  let day = localDate(start);
  // Bounded: even a long holiday ends within a few weeks.
  for (let i = 0; i < 400; i++) {
    if (isWorkingDay(day, calendar)) {
      for (const p of periods) {
        const from = zonedInstant(`${day}T${p.from}`).getTime();
        const to = zonedInstant(`${day}T${p.to}`).getTime();
        if (cursor >= to) continue;
        const begin = Math.max(cursor, from);
        if (left <= to - begin) return new Date(begin + left);
        left -= to - begin;
        cursor = to;
      }
    }
    day = addCalendarDays(day, 1);
    cursor = Math.max(cursor, zonedInstant(day).getTime());
  }
  throw new RangeError('no office time within 400 days');
}

/** The end of office time on `day` (`YYYY-MM-DD`). */
export function endOfOfficeDay(day: string, periods: readonly WorkingPeriod[] = DEFAULT_WHISTLE_CLOCKS.workingPeriods): Date {
  const last = [...periods].sort((a, b) => a.to.localeCompare(b.to)).at(-1)?.to ?? '17:30';
  return zonedInstant(`${day}T${last}`);
}

export type WhistleUrgency = 'normal' | 'urgent';

export interface WhistleDeadlines {
  ackDueAt: Date;
  contactDueAt: Date;
  reportDueAt: Date;
}

/** Each summoned department's three deadlines, from the moment the whistle was raised. */
export function whistleDeadlines(
  raisedAt: Date,
  urgency: WhistleUrgency,
  clocks: WhistleClocks = DEFAULT_WHISTLE_CLOCKS,
  calendar: CalendarOverrides = {},
): WhistleDeadlines {
  const days = urgency === 'urgent' ? clocks.reportWorkingDaysUrgent : clocks.reportWorkingDaysNormal;
  return {
    ackDueAt: addWorkingMinutes(raisedAt, clocks.ackWorkingHours * 60, clocks.workingPeriods, calendar),
    contactDueAt: new Date(raisedAt.getTime() + clocks.contactHours * HOUR),
    reportDueAt: endOfOfficeDay(addWorkingDays(localDate(raisedAt), days, calendar), clocks.workingPeriods),
  };
}

/** One step of a department's response: done on time, done late, waiting, or overdue. */
export type StepState = 'onTime' | 'late' | 'pending' | 'overdue';

export function stepState(step: { dueAt: Date; doneAt: Date | null }, now: Date): StepState {
  if (step.doneAt) return step.doneAt.getTime() <= step.dueAt.getTime() ? 'onTime' : 'late';
  return now.getTime() > step.dueAt.getTime() ? 'overdue' : 'pending';
}

export interface DepartmentClockFacts {
  ackDueAt: Date;
  ackAt: Date | null;
  contactDueAt: Date;
  contactAt: Date | null;
  reportDueAt: Date;
  reportedAt: Date | null;
}

export type WhistleLight = 'green' | 'yellow' | 'red' | 'none';

/**
 * 亮灯 of a summoned department: red once its 报到 is overdue; yellow while its 签收 or 联系 is
 * overdue; green otherwise.
 */
export function departmentLight(d: DepartmentClockFacts, now: Date): Exclude<WhistleLight, 'none'> {
  if (stepState({ dueAt: d.reportDueAt, doneAt: d.reportedAt }, now) === 'overdue') return 'red';
  if (
    stepState({ dueAt: d.ackDueAt, doneAt: d.ackAt }, now) === 'overdue' ||
    stepState({ dueAt: d.contactDueAt, doneAt: d.contactAt }, now) === 'overdue'
  ) {
    return 'yellow';
  }
  return 'green';
}

const RANK = { green: 0, yellow: 1, red: 2 } as const;

/** A whistle shows its worst department's light while open, none once closed. */
export function whistleLight(w: { status: string; departments: DepartmentClockFacts[] }, now: Date): WhistleLight {
  if (w.status === 'closed') return 'none';
  let worst: Exclude<WhistleLight, 'none'> = 'green';
  for (const d of w.departments) {
    const l = departmentLight(d, now);
    if (RANK[l] > RANK[worst]) worst = l;
  }
  return worst;
}

/** Whether a closed whistle may still be reopened by its whistler. */
export function canStillReopen(closedAt: Date | null, now: Date, reopenDays: number): boolean {
  return closedAt !== null && now.getTime() <= closedAt.getTime() + reopenDays * 24 * HOUR;
}
