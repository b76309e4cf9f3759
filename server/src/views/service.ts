import { periodRange, type ServiceActivity, type ServiceRegistration } from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Actor } from '../auth/actor.js';
import type { Models } from '../db/models/index.js';
import type { ServiceActivityDoc } from '../db/models/serviceActivity.js';
import type { ServiceRegistrationDoc } from '../db/models/serviceRegistration.js';
import type { AllianceFacts } from '../policies/alliance.js';
import { servicePolicy } from '../policies/service.js';

type Id = Types.ObjectId;
type WithId<T> = T & { _id: Id };

/** Names of the people and units referred to, one query each. */
async function namesOf(models: Models, userIds: unknown[], unitIds: unknown[]) {
  const [users, units] = await Promise.all([
    models.User.find({ _id: { $in: [...new Set(userIds.filter(Boolean).map(String))] } }, { name: 1 }).lean(),
    models.Unit.find({ _id: { $in: [...new Set(unitIds.filter(Boolean).map(String))] } }, { name: 1 }).lean(),
  ]);
  const user = new Map(users.map((u) => [String(u._id), u.name]));
  const unit = new Map(units.map((u) => [String(u._id), u.name]));
  return {
    user: (id: unknown) => ({ id: String(id), name: user.get(String(id)) ?? '—' }),
    unit: (id: unknown) => ({ id: String(id), name: unit.get(String(id)) ?? '—' }),
  };
}

const round = (h: number) => Math.round(h * 100) / 100;

/**
 * Registrations as the API shows them, each with the hours its member served in the alliance
 * while it was active (check-ins of activities not cancelled).
 */
export async function registrationsView(models: Models, registrations: WithId<ServiceRegistrationDoc>[]): Promise<ServiceRegistration[]> {
  if (registrations.length === 0) return [];
  const names = await namesOf(
    models,
    registrations.map((r) => r.member),
    registrations.flatMap((r) => [r.community, r.workUnit]),
  );
  const activities = await models.ServiceActivity.find(
    { alliance: { $in: [...new Set(registrations.map((r) => String(r.alliance)))] }, status: { $ne: 'cancelled' }, 'signups.member': { $in: registrations.map((r) => r.member) } },
    { alliance: 1, signups: 1 },
  ).lean();
  const hoursOf = (r: ServiceRegistrationDoc) =>
    round(
      activities
        .filter((a) => String(a.alliance) === String(r.alliance))
        .flatMap((a) => a.signups)
        .filter(
          (s) =>
            String(s.member) === String(r.member) &&
            s.checkedInAt &&
            s.checkedInAt.getTime() >= r.registeredAt.getTime() &&
            (!r.endedAt || s.checkedInAt.getTime() < r.endedAt.getTime()),
        )
        .reduce((sum, s) => sum + (s.hours ?? 0), 0),
    );
  return registrations.map((r) => ({
    id: String(r._id),
    member: names.user(r.member),
    workUnit: r.workUnit ? names.unit(r.workUnit) : null,
    community: names.unit(r.community),
    skills: r.skills,
    registeredAt: r.registeredAt.toISOString(),
    endedAt: r.endedAt ? r.endedAt.toISOString() : null,
    hours: hoursOf(r),
  }));
}

/** What the viewer may do with activities: organize (per community), and whether they are registered. */
export interface ServiceViewer {
  actor: Actor;
  alliance: AllianceFacts & { _id: Id; name: string };
  registered: boolean;
  now: Date;
}

/** Service activities as the API shows them, with what the viewer may do. */
export async function activitiesView(models: Models, activities: WithId<ServiceActivityDoc>[], viewer: ServiceViewer): Promise<ServiceActivity[]> {
  const names = await namesOf(
    models,
    activities.flatMap((a) => a.signups.map((s) => s.member)),
    activities.flatMap((a) => [a.community, ...a.signups.map((s) => s.workUnit)]),
  );
  const { actor, alliance, registered, now } = viewer;
  return activities.map((a) => {
    const mine = a.signups.find((s) => String(s.member) === actor.id);
    const upcoming = a.status === 'open' && a.startsAt.getTime() > now.getTime();
    return {
      id: String(a._id),
      alliance: { id: String(alliance._id), name: alliance.name },
      community: names.unit(a.community),
      title: a.title,
      description: a.description ?? '',
      startsAt: a.startsAt.toISOString(),
      hours: a.hours,
      place: a.place,
      needed: a.needed,
      skills: a.skills,
      status: a.status as ServiceActivity['status'],
      ...(a.status === 'cancelled' ? { cancelReason: a.cancelReason ?? '' } : {}),
      signups: a.signups.map((s) => ({
        member: names.user(s.member),
        workUnit: s.workUnit ? names.unit(s.workUnit) : null,
        signedUpAt: s.signedUpAt.toISOString(),
        checkedInAt: s.checkedInAt ? s.checkedInAt.toISOString() : null,
        hours: s.hours ?? null,
      })),
      can: {
        manage: a.status === 'open' && servicePolicy.canOrganize(actor, alliance, String(a.community)),
        signUp: upcoming && registered && !mine && a.signups.length < a.needed,
        withdraw: upcoming && Boolean(mine) && !mine?.checkedInAt,
      },
    };
  });
}

export interface UnitServiceView {
  unit: { id: string; name: string };
  period: string;
  members: { member: { id: string; name: string }; community: { id: string; name: string }; hours: number; activities: number }[];
  totalHours: number;
}

/**
 * 双报到 service of a work unit's members in a period: the hours checked in at activities (not
 * cancelled) that started in the period, per member and community. `alliances` limits it to the
 * alliances the viewer may see for this unit (all when null).
 */
export async function unitServiceView(
  models: Models,
  unit: { _id: Id; name: string },
  period: string,
  alliances: Id[] | null,
): Promise<UnitServiceView> {
  const range = periodRange(period)!;
  const activities = await models.ServiceActivity.find(
    {
      ...(alliances ? { alliance: { $in: alliances } } : {}),
      status: { $ne: 'cancelled' },
      startsAt: { $gte: range.start, $lt: range.end },
      'signups.workUnit': unit._id,
    },
    { community: 1, signups: 1 },
  ).lean();
  const rows = new Map<string, { member: unknown; community: unknown; hours: number; activities: number }>();
  for (const a of activities) {
    for (const s of a.signups) {
      if (String(s.workUnit) !== String(unit._id) || !s.checkedInAt) continue;
      const key = `${String(s.member)}:${String(a.community)}`;
      const row = rows.get(key) ?? { member: s.member, community: a.community, hours: 0, activities: 0 };
      row.hours += s.hours ?? 0;
      row.activities += 1;
      rows.set(key, row);
    }
  }
  const list = [...rows.values()];
  const names = await namesOf(
    models,
    list.map((r) => r.member),
    list.map((r) => r.community),
  );
  const members = list
    .map((r) => ({ member: names.user(r.member), community: names.unit(r.community), hours: round(r.hours), activities: r.activities }))
    .sort((x, y) => y.hours - x.hours || x.member.name.localeCompare(y.member.name, 'zh-CN'));
  return {
    unit: { id: String(unit._id), name: unit.name },
    period,
    members,
    totalHours: round(members.reduce((sum, m) => sum + m.hours, 0)),
  };
}
