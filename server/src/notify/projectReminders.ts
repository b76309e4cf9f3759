import {
  addCalendarDays,
  isWorkingDay,
  localDate,
  workingDaysBetween,
  type CalendarOverrides,
  type ProjectStatus,
} from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import type { DueReminder } from './reminderSources.js';

/**
 * 共建项目 milestones (节点) remind the project's lead unit as deadlines of action items do: due in
 * 3 working days (once per milestone date), due today (once), overdue (each working day until it is
 * ticked done, to the lead unit and the secretaries, and to the robots). Derived from the records on
 * every tick like the other sources: a milestone done, moved or a project completed simply stops
 * producing occurrences, and a new date produces new keys.
 */

/** "Due in 3 working days" (临近节点), as for action items. */
const DUE_SOON_WORKING_DAYS = 3;
/** The furthest a date "3 working days" away can be, long holidays included. */
const DUE_SOON_HORIZON_DAYS = 21;
/** Projects still being carried out. */
const UNDER_WAY: ProjectStatus[] = ['preparing', 'active'];

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

interface ProjectRow {
  _id: Types.ObjectId;
  alliance: Types.ObjectId;
  title: string;
  leadUnit: Types.ObjectId;
  milestones: { _id: Types.ObjectId; title: string; dueDate: string; done: boolean }[];
}

/** Every milestone reminder due on `today` (call once the day's reminders may go out), in pages. */
export async function* projectMilestoneReminders(models: Models, now: Date, size = 200): AsyncGenerator<DueReminder[]> {
  const today = localDate(now);
  const calendars = new Map<string, Promise<CalendarOverrides | null>>();
  const calendarOf = (id: Types.ObjectId) => {
    const key = String(id);
    let hit = calendars.get(key);
    if (!hit) {
      hit = models.Alliance.findById(id, { calendar: 1 })
        .lean()
        .then((a) => (a ? { holidays: a.calendar?.holidays ?? [], workdays: a.calendar?.workdays ?? [] } : null));
      calendars.set(key, hit);
    }
    return hit;
  };
  const names = new Map<string, Promise<string>>();
  const unitName = (id: Types.ObjectId) => {
    const key = String(id);
    let hit = names.get(key);
    if (!hit) {
      hit = models.Unit.findById(id, { name: 1 })
        .lean()
        .then((u) => u?.name ?? '');
      names.set(key, hit);
    }
    return hit;
  };

  let after: Types.ObjectId | null = null;
  for (;;) {
    const page: ProjectRow[] = await models.Project.find(
      {
        status: { $in: UNDER_WAY },
        milestones: { $elemMatch: { done: false, dueDate: { $lte: addCalendarDays(today, DUE_SOON_HORIZON_DAYS) } } },
        ...(after ? { _id: { $gt: after } } : {}),
      },
      { alliance: 1, title: 1, leadUnit: 1, milestones: 1 },
    )
      .sort({ _id: 1 })
      .limit(size)
      .lean<ProjectRow[]>();
    const out: DueReminder[] = [];
    for (const p of page) {
      const calendar = await calendarOf(p.alliance);
      if (!calendar) continue;
      const id = String(p._id);
      const unit = await unitName(p.leadUnit);
      const to = { unitIds: [String(p.leadUnit)] };
      const base = { allianceId: String(p.alliance), link: `/projects/${id}` };
      for (const m of p.milestones) {
        if (m.done) continue;
        const params = { title: p.title, milestone: m.title, date: m.dueDate, unit };
        const key = `project:${id}:milestone:${String(m._id)}`;
        if (m.dueDate > today) {
          // "≤ 3" rather than "= 3": a milestone first seen two working days before its date is told too.
          const days = workingDaysBetween(today, m.dueDate, calendar);
          if (days < 1 || days > DUE_SOON_WORKING_DAYS) continue;
          const k = `${key}:dueSoon:${m.dueDate}`;
          out.push({
            key: k,
            kind: 'project.milestoneDueSoon',
            payload: { notify: { ...base, key: k, kind: 'project.milestoneDueSoon', to, params: { ...params, days } } },
          });
        } else if (m.dueDate === today) {
          const k = `${key}:dueToday:${m.dueDate}`;
          out.push({
            key: k,
            kind: 'project.milestoneDueToday',
            payload: { notify: { ...base, key: k, kind: 'project.milestoneDueToday', to, params } },
          });
        } else if (isWorkingDay(today, calendar)) {
          // Each working day until it is done; offices are not chased on their days off.
          const k = `${key}:overdue:${today}`;
          out.push({
            key: k,
            kind: 'project.milestoneOverdue',
            payload: {
              notify: {
                ...base,
                key: k,
                kind: 'project.milestoneOverdue',
                to: { ...to, secretaries: true },
                params: { ...params, days: daysBetween(m.dueDate, today) },
                robots: true,
              },
            },
          });
        }
      }
    }
    if (out.length > 0) yield out;
    if (page.length < size) return;
    after = page[page.length - 1]!._id;
  }
}
