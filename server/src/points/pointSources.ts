import { localDate, type AutoCriterion, type PointScheme, type PointSourceKind } from '@tongxin/shared';
import { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';

export { schemeOf } from '../queries/pointScheme.js';

// 积分来源: what each kind of record earns under an alliance's scheme. Each function reads ONE
// record and says which automatic lines it should have now — never what changed — so the
// projector can make the stored lines exactly these, whatever happened before.

type Id = Types.ObjectId;

/** A record that earns points automatically (everything but a manual entry). */
export type AutoSourceKind = Exclude<PointSourceKind, 'manual'>;
export const AUTO_SOURCE_KINDS: readonly AutoSourceKind[] = ['meeting', 'actionItem', 'whistle', 'demand', 'project', 'service'];

/** One automatic line as a source wants it. */
export interface WantedEntry {
  /** Unique per alliance: `<criterion>:<source id>[:<unit or member>]`. */
  key: string;
  criterion: AutoCriterion;
  points: number;
  unit: Id | null;
  member: Id | null;
  hours: number | null;
  at: Date;
  title: string;
  reason: string;
}

/** The parts of an alliance the sources read. */
export interface AllianceForPoints {
  _id: Id;
  memberships: { unit: Id; role: string; joinedAt?: Date | null }[];
  /** Units that left, with when: a meeting held while they were members still counts for them. */
  formerMemberships?: { unit: Id; role: string; joinedAt: Date; leftAt: Date }[];
  pointRules?: unknown;
}

/** The scheme's rule of `criterion` when it is enabled. */
const enabledRule = (scheme: PointScheme, criterion: AutoCriterion) => {
  const rule = scheme.rules.find((r) => r.criterion === criterion);
  return rule?.enabled ? rule : null;
};

interface Context {
  models: Models;
  alliance: AllianceForPoints;
  scheme: PointScheme;
}

/** Builds a line when its criterion is enabled. */
function entryOf(
  scheme: PointScheme,
  criterion: AutoCriterion,
  sourceId: Id,
  who: { unit?: Id | null; member?: Id | null; suffix?: string },
  fields: { at: Date; title: string; reason?: string; hours?: number | null },
): WantedEntry | null {
  const rule = enabledRule(scheme, criterion);
  if (!rule) return null;
  const hours = fields.hours ?? null;
  return {
    key: `${criterion}:${String(sourceId)}${who.suffix ? `:${who.suffix}` : ''}`,
    criterion,
    points: hours === null ? rule.points : Math.round(rule.points * hours * 100) / 100,
    unit: who.unit ?? null,
    member: who.member ?? null,
    hours,
    at: fields.at,
    title: fields.title,
    reason: fields.reason ?? '',
  };
}

const present = <T>(x: T | null): x is T => x !== null;

/**
 * 联席会议: once a meeting is adjourned, each member unit (not 列席 observers) present at it —
 * checked in at any time (a check-in undone as a mistake does not count) or represented by a
 * proxy (委托) — earns `meeting.attended`; every other member unit is absent (`meeting.absent`).
 * When: the meeting's scheduled time (the record keeps no adjournment time on the app's clock).
 */
async function meetingEntries({ models, alliance, scheme }: Context, id: Id): Promise<WantedEntry[]> {
  const meeting = await models.Meeting.findById(id, { alliance: 1, status: 1, title: 1, scheduledAt: 1, seq: 1 }).lean();
  if (!meeting || !['adjourned', 'minutes_published'].includes(meeting.status)) return [];
  const [attendance, proxies] = await Promise.all([
    models.Attendance.find({ meeting: id, undone: null }, { unit: 1 }).lean(),
    models.Proxy.find({ meeting: id }, { fromUnit: 1 }).lean(),
  ]);
  const came = new Set([...attendance.map((a) => String(a.unit)), ...proxies.map((p) => String(p.fromUnit))]);
  // The units that were members when the meeting was held — not today's list: a unit that joined
  // later was not absent, and one that has left keeps what it earned.
  const held = meeting.scheduledAt.getTime();
  const then = [
    ...alliance.memberships.filter((m) => !m.joinedAt || m.joinedAt.getTime() <= held || came.has(String(m.unit))),
    ...(alliance.formerMemberships ?? []).filter((m) => m.joinedAt.getTime() <= held && held < m.leftAt.getTime()),
  ];
  return then
    .filter((m) => m.role !== 'observer')
    .map((m) => {
      const unit = String(m.unit);
      const criterion: AutoCriterion = came.has(unit) ? 'meeting.attended' : 'meeting.absent';
      return entryOf(scheme, criterion, id, { unit: m.unit, suffix: unit }, { at: meeting.scheduledAt, title: meeting.title });
    })
    .filter(present);
}

/**
 * 督办事项: an item verified (销号) earns its lead unit `item.closedOnTime` when it was handed in
 * (提请验收, the last time before the verification) by the end of its deadline as extended, on the
 * Beijing calendar — the verifier's delay is not the lead unit's, as for overdue — and
 * `item.closedLate` otherwise. When: the verification. An item reopened, or not closed, earns nothing.
 */
async function actionItemEntries({ models, scheme }: Context, id: Id): Promise<WantedEntry[]> {
  const item = await models.ActionItem.findById(id, { status: 1, dueDate: 1, leadUnit: 1, title: 1, updatedAt: 1 }).lean();
  if (!item || item.status !== 'closed') return [];
  const steps = await models.ActionItemStep.find({ item: id, transition: { $in: ['submit', 'verify'] } }, { transition: 1, at: 1 })
    .sort({ at: 1, _id: 1 })
    .lean();
  const verified = steps.filter((s) => s.transition === 'verify').at(-1);
  const verifiedAt = verified?.at ?? item.updatedAt ?? new Date(0);
  const handedIn = steps.filter((s) => s.transition === 'submit' && s.at <= verifiedAt).at(-1)?.at ?? verifiedAt;
  const onTime = localDate(handedIn) <= item.dueDate;
  const entry = entryOf(
    scheme,
    onTime ? 'item.closedOnTime' : 'item.closedLate',
    id,
    { unit: item.leadUnit },
    { at: verifiedAt, title: item.title },
  );
  return entry ? [entry] : [];
}

/**
 * 吹哨报到: each summoned department that 签收 within its clock earns `whistle.ackOnTime` (when:
 * the 签收); each rated 不满意 when the whistle was closed earns `whistle.unsatisfied` (when: the
 * rating). Reopening clears the ratings, and with them the deduction.
 */
async function whistleEntries({ models, scheme }: Context, id: Id): Promise<WantedEntry[]> {
  const whistle = await models.Whistle.findById(id, { status: 1, title: 1, departments: 1, closedAt: 1 }).lean();
  if (!whistle) return [];
  return whistle.departments.flatMap((d) => {
    const unit = String(d.unit);
    const ack =
      d.ackAt && d.ackDueAt && d.ackAt.getTime() <= d.ackDueAt.getTime()
        ? entryOf(scheme, 'whistle.ackOnTime', id, { unit: d.unit, suffix: unit }, { at: d.ackAt, title: whistle.title })
        : null;
    const unsatisfied =
      whistle.status === 'closed' && d.rating?.value === 'unsatisfied'
        ? entryOf(scheme, 'whistle.unsatisfied', id, { unit: d.unit, suffix: unit }, { at: d.rating.at ?? whistle.closedAt ?? new Date(0), title: whistle.title, reason: d.rating.comment ?? '' })
        : null;
    return [ack, unsatisfied].filter(present);
  });
}

/**
 * 需求认领: the unit whose offer the raiser accepted earns `demand.claimed` while the demand stays
 * taken on (已认领, 办理中, 已解决); a reopened demand has no claimant and no points. When: the offer.
 */
async function demandEntries({ models, scheme }: Context, id: Id): Promise<WantedEntry[]> {
  const demand = await models.Demand.findById(id, { status: 1, title: 1, claimedBy: 1, offers: 1, updatedAt: 1 }).lean();
  if (!demand?.claimedBy || !['claimed', 'in_progress', 'resolved'].includes(demand.status)) return [];
  const offer = demand.offers.find((o) => o.status === 'accepted' && String(o.unit) === String(demand.claimedBy));
  const entry = entryOf(scheme, 'demand.claimed', id, { unit: demand.claimedBy }, { at: offer?.at ?? demand.updatedAt ?? new Date(0), title: demand.title });
  return entry ? [entry] : [];
}

/**
 * 资源使用: each resource a 共建项目 commits (a participant's resource, once per project and
 * resource) earns its owner unit `resource.used`, unless the project was terminated. When: the
 * project's creation.
 */
async function projectEntries({ models, scheme }: Context, id: Id): Promise<WantedEntry[]> {
  const project = await models.Project.findById(id, { status: 1, title: 1, participants: 1, createdAt: 1 }).lean();
  if (!project || project.status === 'terminated') return [];
  const resourceIds = [...new Set(project.participants.flatMap((p) => (p.resource ? [String(p.resource)] : [])))];
  if (resourceIds.length === 0) return [];
  const resources = await models.Resource.find({ _id: { $in: resourceIds.map((r) => new Types.ObjectId(r)) } }, { unit: 1, title: 1 }).lean();
  return resources
    .map((r) =>
      entryOf(scheme, 'resource.used', id, { unit: r.unit, suffix: String(r._id) }, { at: project.createdAt ?? new Date(0), title: project.title, reason: r.title }),
    )
    .filter(present);
}

/**
 * 双报到服务: each checked-in signup of an activity that was not cancelled earns `service.hours`
 * (points × hours) to the member and to their work unit. When: the check-in.
 */
async function serviceEntries({ models, scheme }: Context, id: Id): Promise<WantedEntry[]> {
  const activity = await models.ServiceActivity.findById(id, { status: 1, title: 1, signups: 1 }).lean();
  if (!activity || activity.status === 'cancelled') return [];
  return activity.signups
    .filter((s) => s.checkedInAt && (s.hours ?? 0) > 0)
    .map((s) =>
      entryOf(
        scheme,
        'service.hours',
        id,
        { unit: s.workUnit ?? null, member: s.member, suffix: String(s.member) },
        { at: s.checkedInAt!, title: activity.title, hours: s.hours ?? 0 },
      ),
    )
    .filter(present);
}

const SOURCES: Record<AutoSourceKind, (c: Context, id: Id) => Promise<WantedEntry[]>> = {
  meeting: meetingEntries,
  actionItem: actionItemEntries,
  whistle: whistleEntries,
  demand: demandEntries,
  project: projectEntries,
  service: serviceEntries,
};

/** The lines one record should have now under the alliance's scheme (none for a record gone). */
export function wantedEntries(models: Models, alliance: AllianceForPoints, scheme: PointScheme, kind: AutoSourceKind, id: Id): Promise<WantedEntry[]> {
  return SOURCES[kind]({ models, alliance, scheme }, id);
}

/** The alliance a record belongs to, or null for a record that does not exist (any more). */
export async function allianceOfSource(models: Models, kind: AutoSourceKind, id: Id): Promise<Id | null> {
  const model = {
    meeting: models.Meeting,
    actionItem: models.ActionItem,
    whistle: models.Whistle,
    demand: models.Demand,
    project: models.Project,
    service: models.ServiceActivity,
  }[kind] as unknown as { findById(id: Id, p: object): { lean(): Promise<{ alliance: Id } | null> } };
  return (await model.findById(id, { alliance: 1 }).lean())?.alliance ?? null;
}

/** Every record of an alliance that may earn points (the rebuild projects each). */
export async function sourcesOfAlliance(models: Models, allianceId: Id): Promise<{ kind: AutoSourceKind; id: Id }[]> {
  const ids = (docs: { _id: Id }[], kind: AutoSourceKind) => docs.map((d) => ({ kind, id: d._id }));
  const a = { alliance: allianceId };
  const [meetings, items, whistles, demands, projects, activities] = await Promise.all([
    models.Meeting.find({ ...a, status: { $in: ['adjourned', 'minutes_published'] } }, { _id: 1 }).lean(),
    models.ActionItem.find({ ...a, status: 'closed' }, { _id: 1 }).lean(),
    models.Whistle.find(a, { _id: 1 }).lean(),
    models.Demand.find({ ...a, claimedBy: { $ne: null } }, { _id: 1 }).lean(),
    models.Project.find(a, { _id: 1 }).lean(),
    models.ServiceActivity.find(a, { _id: 1 }).lean(),
  ]);
  return [
    ...ids(meetings, 'meeting'),
    ...ids(items, 'actionItem'),
    ...ids(whistles, 'whistle'),
    ...ids(demands, 'demand'),
    ...ids(projects, 'project'),
    ...ids(activities, 'service'),
  ];
}
