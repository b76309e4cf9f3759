import {
  DEFAULT_STATUS_LIGHT_RULES,
  DEFAULT_TIME_ZONE,
  isOverdue,
  itemLightAt,
  localDate,
  type CommitteePost,
  type Counts,
  type LightSettings,
  type VoteOutcome,
  type VoteThreshold,
} from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import type { MinutesAttendance, MinutesContent, MinutesEarlierItem, MinutesVote } from '../minutes/minutesDocument.js';
import { COMMITTEE_POST_WORDS } from '../minutes/committeePosts.js';
import { agendaOf } from '../yjs/agenda.js';
import type { DocRegistry } from '../yjs/registry.js';

type Id = Types.ObjectId;

/** The fields of a meeting the minutes are made from. */
export interface MeetingFields {
  _id: Id;
  alliance: Id;
  title: string;
  seq: number;
  place?: string | null;
  onlineLink?: string | null;
  scheduledAt: Date;
  durationMinutes: number;
  convenerUnit: Id;
  observers: Id[];
}
/** What of an alliance the status light reads (older alliances have none of it). */
export interface AllianceLightFields {
  statusLightRules?: { dueSoonWorkingDays?: number | null; silentDays?: number | null } | null;
  calendar?: { holidays?: string[] | null; workdays?: string[] | null } | null;
}
export interface AllianceFields extends AllianceLightFields {
  name: string;
  memberships: { unit: Id; role: string }[];
  /** They keep the record (记录). */
  secretaries?: Id[];
  /** 委员名单: a member with an account is named with their post where they attend. */
  committee?: { user?: Id | null; post: string }[] | null;
}

/**
 * Everything the minutes record about a meeting, read from MongoDB and the agenda document:
 * attendance per unit, the agenda, each decision with the votes on it, the action items.
 */
export async function minutesContent(
  models: Models,
  registry: DocRegistry,
  meeting: MeetingFields,
  alliance: AllianceFields,
): Promise<MinutesContent> {
  const meetingId = meeting._id;
  const [attendance, proxies, agenda, decisions, votes, items, started, adjourned] = await Promise.all([
    // A check-in undone as a mistake is not part of the record.
    models.Attendance.find({ meeting: meetingId, undone: null })
      .sort({ at: 1 })
      .populate('user', 'name')
      .populate('recordedBy', 'name')
      .lean(),
    models.Proxy.find({ meeting: meetingId }).populate('to', 'name').lean(),
    agendaOf(registry, String(meetingId)),
    models.Decision.find({ meeting: meetingId }).sort({ createdAt: 1 }).lean(),
    models.Vote.find({ meeting: meetingId, status: { $in: ['closed', 'cancelled'] } }).sort({ openedAt: 1 }).lean(),
    models.ActionItem.find({ meeting: meetingId }).sort({ createdAt: 1 }).lean(),
    models.AuditEvent.findOne({ targetId: meetingId, action: /^meeting\.start/ })
      .sort({ at: 1 })
      .lean(),
    models.AuditEvent.findOne({ targetId: meetingId, action: 'meeting.adjourn' }).sort({ at: -1 }).lean(),
  ]);

  // Every unit named anywhere, resolved once.
  const unitIds = new Set<string>([
    String(meeting.convenerUnit),
    ...alliance.memberships.map((m) => String(m.unit)),
    ...meeting.observers.map(String),
    ...agenda.map((a) => a.presenterUnit).filter((u) => /^[0-9a-f]{24}$/.test(u)),
    ...items.flatMap((i) => [String(i.leadUnit), ...i.cooperatingUnits.map(String)]),
  ]);
  // 主持: whoever opened the meeting; 记录: the alliance's secretaries.
  const people = [...(started?.actor ? [started.actor] : []), ...(alliance.secretaries ?? [])];
  const [units, users] = await Promise.all([
    models.Unit.find({ _id: { $in: [...unitIds] } }, { name: 1 }).lean(),
    models.User.find({ _id: { $in: people } }, { name: 1 }).lean(),
  ]);
  const userName = new Map(users.map((u) => [String(u._id), u.name]));
  const unitName = new Map(units.map((u) => [String(u._id), u.name]));
  const nameOf = (id: unknown) => unitName.get(String(id)) ?? '—';
  const person = (p: unknown) =>
    p && typeof p === 'object' && 'name' in p ? String((p as { name: unknown }).name) : '—';
  // 张伟（兼职委员）: an attending member of the alliance's committee is named with their post.
  const postOf = new Map((alliance.committee ?? []).flatMap((m) => (m.user ? [[String(m.user), m.post] as const] : [])));
  const attendee = (p: unknown) => {
    const post = p && typeof p === 'object' && '_id' in p ? postOf.get(String((p as { _id: unknown })._id)) : undefined;
    const words = post ? COMMITTEE_POST_WORDS[post as CommitteePost] : undefined;
    return words ? `${person(p)}（${words}）` : person(p);
  };

  const memberUnits = alliance.memberships.map((m) => ({ unit: String(m.unit), voting: m.role !== 'observer' }));
  const invited = meeting.observers.map(String).filter((u) => !memberUnits.some((m) => m.unit === u));
  const rows: MinutesAttendance[] = [...memberUnits, ...invited.map((unit) => ({ unit, voting: false }))].map(
    ({ unit, voting }) => {
      const here = attendance.filter((a) => String(a.unit) === unit);
      const proxy = proxies.find((p) => String(p.fromUnit) === unit);
      const onBehalf = here.find((a) => a.onBehalf);
      return {
        unit: nameOf(unit),
        voting,
        status: here.length > 0 ? 'present' : proxy && voting ? 'proxy' : 'absent',
        checkedIn: here.filter((a) => !a.onBehalf && a.user).map((a) => attendee(a.user)),
        onBehalfBy: onBehalf ? person(onBehalf.recordedBy) : null,
        proxyTo: proxy && voting ? person(proxy.to) : null,
        movements: movementsOf(here),
      };
    },
  );

  // The text of a vote on a decision is a copy of the frozen version voted on.
  const minutesVote = (v: (typeof votes)[number]): MinutesVote | null =>
    v.result
      ? {
          title: v.title,
          text: v.text,
          version: v.decisionVersion ?? null,
          basis: v.basis as 'unit' | 'member',
          secret: v.secret,
          threshold: v.threshold as VoteThreshold,
          counts: {
            for: v.result.counts.for,
            against: v.result.counts.against,
            abstain: v.result.counts.abstain,
          } satisfies Counts,
          outcome: v.result.outcome as VoteOutcome,
          quorum: {
            eligible: v.result.quorum.eligible,
            present: v.result.quorum.present,
            required: v.result.quorum.required,
            reached: v.result.quorum.reached,
          },
          enteredByChair: v.result.enteredByChair ?? 0,
          chainHead: v.chainHead ?? null,
          chainLength: v.chainLength ?? 0,
        }
      : null;
  const isVote = (v: MinutesVote | null): v is MinutesVote => v !== null;
  // A vote the chair cancelled counts nothing: the minutes say so, and why.
  const cancelled = (list: typeof votes) =>
    list
      .filter((v) => v.status === 'cancelled')
      .map((v) => ({ title: v.title, version: v.decisionVersion ?? null, reason: v.cancellation?.reason ?? '' }));

  const start = started?.at ?? meeting.scheduledAt;
  return {
    alliance: alliance.name,
    earlierItems: await earlierItemsOf(models, meeting, alliance, start, adjourned?.at ?? new Date()),
    meeting: {
      title: meeting.title,
      seq: meeting.seq,
      place: meeting.place ?? '',
      onlineLink: meeting.onlineLink ?? null,
      start: started?.at ?? meeting.scheduledAt,
      end:
        adjourned?.at ?? (started ? null : new Date(meeting.scheduledAt.getTime() + meeting.durationMinutes * 60_000)),
    },
    convenerUnit: nameOf(meeting.convenerUnit),
    chair: started?.actor ? (userName.get(String(started.actor)) ?? null) : null,
    recorders: (alliance.secretaries ?? []).map((s) => userName.get(String(s))).filter((n): n is string => !!n),
    attendance: rows,
    agenda: agenda.map((a) => ({
      title: a.title.trim(),
      presenterUnit: a.presenterUnit ? (unitName.get(a.presenterUnit) ?? null) : null,
      minutes: a.minutes,
      status: a.status,
      notes: a.notes,
    })),
    decisions: decisions.map((d) => ({
      title: d.title,
      status: d.status,
      votes: votes
        .filter((v) => v.decision && String(v.decision) === String(d._id))
        .map(minutesVote)
        .filter(isVote),
      cancelledVotes: cancelled(votes.filter((v) => v.decision && String(v.decision) === String(d._id))),
    })),
    cancelledVotes: cancelled(votes.filter((v) => !v.decision)),
    otherVotes: votes
      .filter((v) => !v.decision)
      .map(minutesVote)
      .filter(isVote),
    actionItems: items.map((i) => ({
      title: i.title,
      leadUnit: nameOf(i.leadUnit),
      cooperatingUnits: i.cooperatingUnits.map(nameOf),
      responsiblePerson: i.responsiblePerson,
      dueDate: i.dueDate,
      measures: i.measures ?? '',
    })),
  };
}

/**
 * 前期督办事项: what the alliance assigned before this meeting began — at earlier meetings or between
 * them — that was still open when it began or was closed (or cancelled) since the meeting before
 * it, as the meeting found it: state, progress, deadline and its extensions, the last report.
 */
async function earlierItemsOf(
  models: Models,
  meeting: MeetingFields,
  alliance: AllianceLightFields,
  start: Date,
  end: Date,
): Promise<MinutesEarlierItem[]> {
  const [items, previous] = await Promise.all([
    models.ActionItem.find({ alliance: meeting.alliance, meeting: { $ne: meeting._id }, createdAt: { $lt: start } })
      .sort({ createdAt: 1 })
      .lean(),
    models.Meeting.findOne(
      { alliance: meeting.alliance, _id: { $ne: meeting._id }, scheduledAt: { $lt: meeting.scheduledAt }, status: { $in: ['adjourned', 'minutes_published'] } },
      { scheduledAt: 1 },
    )
      .sort({ scheduledAt: -1 })
      .lean(),
  ]);
  if (items.length === 0) return [];
  const ids = items.map((i) => i._id);
  const [steps, reports, units] = await Promise.all([
    models.ActionItemStep.find({ item: { $in: ids } }, { item: 1, at: 1, from: 1, to: 1 }).sort({ at: 1 }).lean(),
    models.ActionItemProgress.find({ item: { $in: ids }, at: { $lte: end } }, { item: 1, at: 1, text: 1 }).sort({ at: 1 }).lean(),
    models.Unit.find({ _id: { $in: [...new Set(items.map((i) => String(i.leadUnit)))] } }, { name: 1 }).lean(),
  ]);
  const endedAt = new Map(steps.filter((e) => e.to === 'closed' || e.to === 'cancelled').map((e) => [String(e.item), e.at]));
  const stepsOf = groupBy(steps);
  const reportsOf = groupBy(reports);
  const lastReport = new Map(reports.map((r) => [String(r.item), r]));
  const settings: LightSettings = {
    timeZone: DEFAULT_TIME_ZONE,
    rules: { ...DEFAULT_STATUS_LIGHT_RULES, ...definedOnly(alliance.statusLightRules) },
    calendar: { holidays: [...(alliance.calendar?.holidays ?? [])], workdays: [...(alliance.calendar?.workdays ?? [])] },
  };
  const unitName = new Map(units.map((u) => [String(u._id), u.name]));
  const since = previous?.scheduledAt ?? new Date(0);
  return items
    .filter((i) => {
      if (i.status !== 'closed' && i.status !== 'cancelled') return true;
      const at = endedAt.get(String(i._id));
      return at !== undefined && at >= since;
    })
    .map((i) => {
      const report = lastReport.get(String(i._id));
      // As the meeting found it: the state, deadline and extensions in force when it began, read
      // back from the item's steps and deadline history (the minutes may be generated days later).
      const atStart = itemAt(i, stepsOf.get(String(i._id)) ?? [], start);
      const lastReportAt = (reportsOf.get(String(i._id)) ?? []).filter((r) => r.at <= start).at(-1)?.at ?? i.createdAt;
      const acknowledgedAt = i.acknowledgedAt && i.acknowledgedAt <= start ? i.acknowledgedAt : null;
      return {
        title: i.title,
        leadUnit: unitName.get(String(i.leadUnit)) ?? '—',
        dueDate: atStart.dueDate,
        previousDueDates: atStart.previousDueDates,
        status: atStart.status,
        percent: i.percent,
        overdue: isOverdue(atStart, start, settings.timeZone),
        light: itemLightAt(
          { ...atStart, createdAt: i.createdAt, lastReportAt, ackDueAt: i.ackDueAt ?? null, acknowledgedAt },
          settings,
          start,
        ),
        lastReport: report ? { day: beijingDay(report.at), text: report.text } : null,
      };
    });
}

type ItemStatus = MinutesEarlierItem['status'];

/**
 * An item's status and deadline at an instant. The status is the last step's destination before
 * then, or the first step's origin when every step came later; an item without steps (older
 * records) keeps its status. The deadline is the one an extension after `at` replaced.
 */
function itemAt(
  item: { status: ItemStatus; dueDate: string; deadlineHistory?: { from: string; at: Date }[] | null },
  steps: { at: Date; from: string; to: string }[],
  at: Date,
): { status: ItemStatus; dueDate: string; previousDueDates: string[] } {
  const before = steps.filter((s) => s.at <= at);
  const status = (before.at(-1)?.to ?? steps[0]?.from ?? item.status) as ItemStatus;
  const history = item.deadlineHistory ?? [];
  const later = history.find((h) => h.at > at);
  return {
    status,
    dueDate: later?.from ?? item.dueDate,
    previousDueDates: history.filter((h) => h.at <= at).map((h) => h.from),
  };
}

function definedOnly(rules: AllianceLightFields['statusLightRules']): Partial<LightSettings['rules']> {
  return {
    ...(rules?.dueSoonWorkingDays != null ? { dueSoonWorkingDays: rules.dueSoonWorkingDays } : {}),
    ...(rules?.silentDays != null ? { silentDays: rules.silentDays } : {}),
  };
}

function groupBy<T extends { item: unknown }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(String(r.item), [...(out.get(String(r.item)) ?? []), r]);
  return out;
}

/** YYYY-MM-DD on a Beijing calendar. */
function beijingDay(at: Date): string {
  return localDate(at, 'Asia/Shanghai');
}

type Movement = { kind: 'late' | 'left' | 'returned'; at: Date };
interface Stay {
  at: Date;
  late?: boolean | null;
  leftAt?: Date | null;
}

/**
 * A unit's late arrival, leaves and returns across its check-ins, in time order. Several check-ins
 * of one unit (a representative and a 代签) are one presence: the unit arrived with the first and
 * left with the last, so only a stay's start and end outside the others count.
 */
export function movementsOf(checkIns: (Stay & { earlier?: Stay[] | null })[]): Movement[] {
  const stays = checkIns
    .flatMap((c) => [...(c.earlier ?? []), c])
    .map((s) => ({ from: s.at.getTime(), to: s.leftAt ? s.leftAt.getTime() : Infinity, late: s.late ?? false }))
    .sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number; late: boolean }[] = [];
  for (const s of stays) {
    const last = merged.at(-1);
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else merged.push({ ...s });
  }
  return merged.flatMap((s, i) => [
    ...(i > 0 ? [{ kind: 'returned' as const, at: new Date(s.from) }] : s.late ? [{ kind: 'late' as const, at: new Date(s.from) }] : []),
    ...(s.to !== Infinity ? [{ kind: 'left' as const, at: new Date(s.to) }] : []),
  ]);
}
