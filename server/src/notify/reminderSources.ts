import type { Types } from 'mongoose';
import {
  addCalendarDays,
  isWorkingDay,
  localDate,
  wallClock,
  workingDaysBetween,
  type ActionItemStatus,
  type CalendarOverrides,
  type ReminderKind,
} from '@tongxin/shared';
import type { Models } from '../db/models/index.js';
import type { NotifyRequest } from './notifier.js';
import { projectMilestoneReminders } from './projectReminders.js';
import { whistleReminders } from './whistleReminders.js';

/**
 * Where reminders (提醒) come from: the records as they are now. Every tick asks "what is due at
 * this moment?" — a meeting within 24 hours, an item due in 3 working days, an item overdue today —
 * and names each answer with a key that is the same however often it is asked. Nothing is stored
 * when a record changes, so an extended deadline, a cancelled meeting or an item handed in simply
 * stops producing occurrences, and a new deadline or time produces new keys.
 */

/** What one occurrence delivers: a notification, or a person's daily summary (每日汇总). */
export type ReminderPayload = { notify: NotifyRequest } | { digest: { userId: string; day: string } };

export interface DueReminder {
  /** Unique per occurrence: the scheduler claims it by this key, notify() deduplicates by it. */
  key: string;
  kind: ReminderKind | 'digest.daily';
  payload: ReminderPayload;
}

/** An occurrence that notifies: notify() is asked under the occurrence's own key. */
function reminder(key: string, req: Omit<NotifyRequest, 'key' | 'kind'> & { kind: ReminderKind }): DueReminder {
  return { key, kind: req.kind, payload: { notify: { ...req, key } } };
}

/** Day reminders (deadlines, 纪要, 延期) go out from 08:00 Beijing time, not at midnight. */
export const DAY_REMINDERS_FROM = { hour: 8, minute: 0 };
/** The daily summary goes out at 08:30 Beijing time. */
export const DIGEST_AT = { hour: 8, minute: 30 };
/** "Due in 3 working days" (临近时限). */
export const DUE_SOON_WORKING_DAYS = 3;
/** 纪要待确认: asked on at most this many working days after the minutes were generated. */
export const MINUTES_REMINDER_DAYS = 3;
/** A vote's "closing soon" reminder, before its close. */
export const VOTE_CLOSING_SOON_MS = 5 * 60_000;

const HOUR = 3_600_000;
/** Open work: neither handed in (提请验收), closed (销号) nor cancelled. */
const WORKING_STATUSES: ActionItemStatus[] = ['todo', 'in_progress'];
/** The furthest a deadline "3 working days" away can be, holidays (春节) and long overrides included. */
const DUE_SOON_HORIZON_DAYS = 21;
/** Draft minutes older than this are no longer chased (the reminders stopped after 3 working days). */
const MINUTES_LOOKBACK_DAYS = 30;

const pad = (n: number) => String(n).padStart(2, '0');
/** `HH:mm`, Beijing time: the same on every screen and in every robot message. */
const clockTime = (at: Date) => {
  const c = wallClock(at);
  return `${pad(c.hour)}:${pad(c.minute)}`;
};
/** `YYYY-MM-DD HH:mm`, Beijing time. */
const dateTime = (at: Date) => `${localDate(at)} ${clockTime(at)}`;
const reached = (now: Date, at: { hour: number; minute: number }) => {
  const c = wallClock(now);
  return c.hour * 60 + c.minute >= at.hour * 60 + at.minute;
};
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

interface AllianceFacts {
  name: string;
  memberships: { unit: Types.ObjectId; role: string; representatives: Types.ObjectId[] }[];
  calendar: CalendarOverrides;
}

/** The alliances, units and meetings a tick reads, each read once per tick. */
class Lookups {
  private alliances = new Map<string, Promise<AllianceFacts | null>>();
  private units = new Map<string, Promise<string>>();
  private meetings = new Map<string, Promise<string>>();

  constructor(private models: Models) {}

  alliance(id: unknown): Promise<AllianceFacts | null> {
    const key = String(id);
    let hit = this.alliances.get(key);
    if (!hit) {
      hit = this.models.Alliance.findById(key, { name: 1, memberships: 1, calendar: 1 })
        .lean()
        .then((a) =>
          a
            ? {
                name: a.name,
                memberships: a.memberships,
                // The alliance's own calendar entries (years the official data does not know yet).
                calendar: { holidays: a.calendar?.holidays ?? [], workdays: a.calendar?.workdays ?? [] },
              }
            : null,
        );
      this.alliances.set(key, hit);
    }
    return hit;
  }

  unitName(id: unknown): Promise<string> {
    const key = String(id);
    let hit = this.units.get(key);
    if (!hit) {
      hit = this.models.Unit.findById(key, { name: 1 })
        .lean()
        .then((u) => u?.name ?? '');
      this.units.set(key, hit);
    }
    return hit;
  }

  meetingTitle(id: unknown): Promise<string> {
    const key = String(id);
    let hit = this.meetings.get(key);
    if (!hit) {
      hit = this.models.Meeting.findById(key, { title: 1 })
        .lean()
        .then((m) => m?.title ?? '');
      this.meetings.set(key, hit);
    }
    return hit;
  }
}

/** Reads `find` page by page in `_id` order, so a tick that finds thousands holds at most one page. */
async function* pages<T extends { _id: Types.ObjectId }>(
  size: number,
  find: (after: { _id?: { $gt: Types.ObjectId } }, limit: number) => Promise<T[]>,
): AsyncGenerator<T[]> {
  let after: Types.ObjectId | null = null;
  for (;;) {
    const page = await find(after ? { _id: { $gt: after } } : {}, size);
    if (page.length > 0) yield page;
    if (page.length < size) return;
    after = page[page.length - 1]!._id;
  }
}

const votingUnits = (a: AllianceFacts) => a.memberships.filter((m) => m.role !== 'observer').map((m) => String(m.unit));

/**
 * Every reminder due at `now`, in pages of at most `size`. The same moment always gives the same
 * keys; the scheduler decides which of them are new.
 */
export async function* dueReminders(models: Models, now: Date, size = 200): AsyncGenerator<DueReminder[]> {
  const look = new Lookups(models);
  const today = localDate(now);
  const dayStarted = reached(now, DAY_REMINDERS_FROM);

  // 会议: a scheduled meeting within 24 hours (明天开会), then within the hour.
  for await (const page of pages(size, (after, limit) =>
    models.Meeting.find({ status: 'scheduled', scheduledAt: { $gt: now, $lte: new Date(now.getTime() + 24 * HOUR) }, ...after })
      .sort({ _id: 1 })
      .limit(limit)
      .lean(),
  )) {
    const out: DueReminder[] = [];
    for (const m of page) {
      const alliance = await look.alliance(m.alliance);
      if (!alliance) continue;
      // Rescheduling gives a new time, so a new key: members hear of the new time too.
      const within1h = m.scheduledAt.getTime() - now.getTime() <= HOUR;
      // 明天开会 is for tomorrow's meetings: one called for later today hears only the hour before.
      if (!within1h && localDate(m.scheduledAt) === today) continue;
      out.push(
        reminder(`meeting:${String(m._id)}:${within1h ? 'in1h' : 'in24h'}:${m.scheduledAt.toISOString()}`, {
          kind: within1h ? 'meeting.in1h' : 'meeting.in24h',
          allianceId: String(m.alliance),
          to: { unitIds: alliance.memberships.map((x) => String(x.unit)) },
          params: {
            title: m.title,
            alliance: alliance.name,
            time: within1h ? clockTime(m.scheduledAt) : dateTime(m.scheduledAt),
            place: m.place || m.onlineLink || '—',
          },
          link: `/meetings/${String(m._id)}`,
          robots: true,
        }),
      );
    }
    yield out;
  }

  // 表决: an open vote closes within 5 minutes; told to the units (or members) that have not voted.
  for await (const page of pages(size, (after, limit) =>
    models.Vote.find({ status: 'open', closesAt: { $gt: now, $lte: new Date(now.getTime() + VOTE_CLOSING_SOON_MS) }, ...after })
      .sort({ _id: 1 })
      .limit(limit)
      .lean(),
  )) {
    const out: DueReminder[] = [];
    for (const v of page) {
      const closesAt = v.closesAt!;
      // A vote that lasts five minutes or less is itself the reminder.
      if (closesAt.getTime() - v.openedAt.getTime() <= VOTE_CLOSING_SOON_MS) continue;
      const alliance = await look.alliance(v.alliance);
      if (!alliance) continue;
      const voted = new Set(
        (await models.VoteParticipation.find({ vote: v._id }, { voter: 1 }).lean()).map((p) => String(p.voter)),
      );
      const to =
        v.basis === 'unit'
          ? { unitIds: votingUnits(alliance).filter((u) => !voted.has(u)) }
          : {
              userIds: [
                ...new Set(
                  alliance.memberships
                    .filter((m) => m.role !== 'observer')
                    .flatMap((m) => m.representatives.map(String))
                    .filter((u) => !voted.has(u)),
                ),
              ],
            };
      if ((to.unitIds ?? to.userIds ?? []).length === 0) continue;
      out.push(
        reminder(`vote:${String(v._id)}:closingSoon:${closesAt.toISOString()}`, {
          kind: 'vote.closingSoon',
          allianceId: String(v.alliance),
          to,
          params: { title: v.title, time: clockTime(closesAt) },
          link: `/meetings/${String(v.meeting)}/live`,
        }),
      );
    }
    yield out;
  }

  // 吹哨报到: its clocks are office-hour instants, told as soon as they pass.
  yield* whistleReminders(models, now, size);

  // The rest are about days: they go out in office hours, not at midnight when a day turns.
  if (!dayStarted) return;

  // 待签收 past its time (签收时限 is the end of a working day, so in practice the next morning): once per 签收时限, to the lead unit and the secretaries.
  for await (const page of pages(size, (after, limit) =>
    models.ActionItem.find({
      status: { $in: WORKING_STATUSES },
      acknowledgedAt: null,
      ackDueAt: { $ne: null, $lt: now },
      ...after,
    })
      .sort({ _id: 1 })
      .limit(limit)
      .lean(),
  )) {
    const out: DueReminder[] = [];
    for (const item of page) {
      const alliance = await look.alliance(item.alliance);
      if (!alliance) continue;
      out.push(
        reminder(`item:${String(item._id)}:ackOverdue:${item.ackDueAt!.toISOString()}`, {
        kind: 'item.ackOverdue',
        allianceId: String(item.alliance),
        to: { unitIds: [String(item.leadUnit)], secretaries: true },
        params: { title: item.title, date: dateTime(item.ackDueAt!), unit: await look.unitName(item.leadUnit) },
        link: `/action-items/${String(item._id)}`,
        }),
      );
    }
    yield out;
  }

  // 完成时限: due in 3 working days (once per deadline), due today, overdue (once a working day).
  for await (const page of pages(size, (after, limit) =>
    models.ActionItem.find({
      status: { $in: WORKING_STATUSES },
      dueDate: { $lte: addCalendarDays(today, DUE_SOON_HORIZON_DAYS) },
      ...after,
    })
      .sort({ _id: 1 })
      .limit(limit)
      .lean(),
  )) {
    const out: DueReminder[] = [];
    for (const item of page) {
      const alliance = await look.alliance(item.alliance);
      if (!alliance) continue;
      const id = String(item._id);
      const base = {
        allianceId: String(item.alliance),
        link: `/action-items/${id}`,
      };
      const unit = await look.unitName(item.leadUnit);
      if (item.dueDate > today) {
        // "≤ 3" rather than "= 3": an item first seen two working days before its deadline is told too.
        const days = workingDaysBetween(today, item.dueDate, alliance.calendar);
        if (days < 1 || days > DUE_SOON_WORKING_DAYS) continue;
        out.push(
          reminder(`item:${id}:dueSoon:${item.dueDate}`, {
          ...base,
          kind: 'item.dueSoon',
          to: { unitIds: [String(item.leadUnit)] },
          params: { title: item.title, date: item.dueDate, days, unit },
          // 临近完成时限 is one of the kinds a new group robot wants by default (DEFAULT_ROBOT_KINDS).
          robots: true,
          }),
        );
      } else if (item.dueDate === today) {
        out.push(
          reminder(`item:${id}:dueToday:${item.dueDate}`, {
          ...base,
          kind: 'item.dueToday',
          to: { unitIds: [String(item.leadUnit)] },
          params: { title: item.title, date: item.dueDate, unit },
          }),
        );
      } else if (isWorkingDay(today, alliance.calendar)) {
        // Each working day until it is handed in; offices are not chased on their days off.
        out.push(
          reminder(`item:${id}:overdue:${today}`, {
          ...base,
          kind: 'item.overdue',
          to: { unitIds: [String(item.leadUnit)], secretaries: true },
          params: { title: item.title, date: item.dueDate, days: daysBetween(item.dueDate, today), unit },
          robots: true,
          }),
        );
      }
    }
    yield out;
  }

  // 延期申请 waiting for a decision: each working day after the one it was made on, to the secretaries.
  for await (const page of pages(size, (after, limit) =>
    models.ActionItem.find({ status: { $in: WORKING_STATUSES }, 'extensionRequests.status': 'pending', ...after })
      .sort({ _id: 1 })
      .limit(limit)
      .lean(),
  )) {
    const out: DueReminder[] = [];
    for (const item of page) {
      const alliance = await look.alliance(item.alliance);
      if (!alliance || !isWorkingDay(today, alliance.calendar)) continue;
      for (const request of item.extensionRequests) {
        // The day it was asked, the secretaries were told at once (item.extensionRequested).
        if (request.status !== 'pending' || localDate(request.at) >= today) continue;
        out.push(
          reminder(`item:${String(item._id)}:extension:${String(request._id)}:${today}`, {
          kind: 'extension.awaitingDecision',
          allianceId: String(item.alliance),
          to: { secretaries: true },
          params: {
            title: item.title,
            unit: await look.unitName(request.unit ?? item.leadUnit),
            date: request.to,
          },
          link: `/action-items/${String(item._id)}`,
          }),
        );
      }
    }
    yield out;
  }

  // 纪要待确认: each voting unit that has not answered, on the first 3 working days after generation.
  for await (const page of pages(size, (after, limit) =>
    models.Minutes.find({
      status: 'draft',
      generatedAt: { $gte: new Date(now.getTime() - MINUTES_LOOKBACK_DAYS * 24 * HOUR) },
      ...after,
    })
      .sort({ _id: 1 })
      .limit(limit)
      .lean(),
  )) {
    const out: DueReminder[] = [];
    for (const minutes of page) {
      const alliance = await look.alliance(minutes.alliance);
      if (!alliance || !isWorkingDay(today, alliance.calendar)) continue;
      // The day they are generated, the units were asked at once (minutes.generated).
      const day = workingDaysBetween(localDate(minutes.generatedAt), today, alliance.calendar);
      if (day < 1 || day > MINUTES_REMINDER_DAYS) continue;
      const answered = new Set(minutes.confirmations.map((c) => String(c.unit)));
      const title = await look.meetingTitle(minutes.meeting);
      for (const unitId of votingUnits(alliance)) {
        if (answered.has(unitId)) continue;
        out.push(
          // The generation time names the version: minutes generated again are asked about again.
          reminder(`minutes:${String(minutes._id)}:${minutes.generatedAt.toISOString()}:unit:${unitId}:${today}`, {
            kind: 'minutes.awaitingConfirmation',
            allianceId: String(minutes.alliance),
            to: { unitIds: [unitId] },
            params: { title, unit: await look.unitName(unitId) },
            link: `/meetings/${String(minutes.meeting)}/minutes`,
          }),
        );
      }
    }
    yield out;
  }

  // 共建项目: its milestones (节点), as deadlines of action items.
  yield* projectMilestoneReminders(models, now, size);

  // 每日汇总 at 08:30 for those who chose it; the notification centre folds what it held for them.
  if (reached(now, DIGEST_AT)) {
    for await (const page of pages(size, (after, limit) =>
      models.NotificationPreference.find({ dailyDigest: true, ...after }, { user: 1 })
        .sort({ _id: 1 })
        .limit(limit)
        .lean(),
    )) {
      yield page.map((p) => ({
        key: `digest:${String(p.user)}:${today}`,
        kind: 'digest.daily' as const,
        payload: { digest: { userId: String(p.user), day: today } },
      }));
    }
  }
}
