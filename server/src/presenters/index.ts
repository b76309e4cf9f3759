import type { Types } from 'mongoose';
import type { Alliance, AuditEvent, Meeting, MeetingStatus, Unit, User } from '@tongxin/shared';

// Presenters shape what a client sees, in one place per model, so internal fields (password
// hashes, counters, __v) never leak and the API stays stable while models change.

type Id = Types.ObjectId;
interface Named {
  _id: Id;
  name: string;
}
const ref = (n: Named) => ({ id: String(n._id), name: n.name });
/** A populated reference, or a placeholder when the referenced document was removed. */
const refOrGone = (n: Named | Id | null | undefined) =>
  n && typeof n === 'object' && 'name' in n ? ref(n) : { id: String(n ?? ''), name: '—' };

interface UserFields {
  _id: Id;
  name: string;
  login: string;
  unit?: Id | null;
  phone?: string | null;
  email?: string | null;
  isAdmin: boolean;
}

/**
 * A user. The admin flag says whose account is worth attacking, so it goes only to admins and to
 * the user themself: pass `withAdminFlag` when someone else may be looking.
 */
export function presentUser(u: UserFields): User & { isAdmin: boolean };
export function presentUser(u: UserFields, opts: { withAdminFlag: boolean }): User;
export function presentUser(u: UserFields, { withAdminFlag = true }: { withAdminFlag?: boolean } = {}): User {
  return {
    id: String(u._id),
    name: u.name,
    login: u.login,
    unit: u.unit ? String(u.unit) : null,
    ...(u.phone ? { phone: u.phone } : {}),
    ...(u.email ? { email: u.email } : {}),
    ...(withAdminFlag ? { isAdmin: u.isAdmin } : {}),
  };
}

export function presentUnit(u: { _id: Id; name: string; kind: string; level: string; region?: string | null }): Unit {
  return { id: String(u._id), name: u.name, kind: u.kind as Unit['kind'], level: u.level as Unit['level'], region: u.region ?? '' };
}

export interface PopulatedAlliance {
  _id: Id;
  name: string;
  kind: string;
  description?: string | null;
  charter?: string | null;
  memberships: { unit: Named; role: string; representatives: Named[]; joinedAt: Date }[];
  secretaries: Named[];
  rotation: Named[];
  votingDefaults?: { basis?: string | null; quorum?: number | null; threshold?: string | null } | null;
}

export function presentAlliance(a: PopulatedAlliance, nextConvener: Named | null): Alliance {
  return {
    id: String(a._id),
    name: a.name,
    kind: a.kind as Alliance['kind'],
    description: a.description ?? '',
    charter: a.charter ?? '',
    memberships: a.memberships.map((m) => ({
      unit: refOrGone(m.unit),
      role: m.role as Alliance['memberships'][number]['role'],
      representatives: m.representatives.map(refOrGone),
      joinedAt: m.joinedAt.toISOString(),
    })),
    secretaries: a.secretaries.map(refOrGone),
    rotation: a.rotation.map(refOrGone),
    nextConvener: nextConvener ? ref(nextConvener) : null,
    votingDefaults: {
      basis: (a.votingDefaults?.basis ?? 'unit') as Alliance['votingDefaults']['basis'],
      quorum: a.votingDefaults?.quorum ?? 0.5,
      threshold: (a.votingDefaults?.threshold ?? 'simple_majority') as Alliance['votingDefaults']['threshold'],
    },
  };
}

export function presentMeeting(m: {
  _id: Id;
  alliance: Id;
  seq: number;
  title: string;
  scheduledAt: Date;
  durationMinutes: number;
  place?: string | null;
  onlineLink?: string | null;
  convenerUnit: Named | Id;
  status: string;
  observers: Id[];
}): Meeting {
  return {
    id: String(m._id),
    alliance: String(m.alliance),
    seq: m.seq,
    title: m.title,
    scheduledAt: m.scheduledAt.toISOString(),
    durationMinutes: m.durationMinutes,
    place: m.place ?? '',
    ...(m.onlineLink ? { onlineLink: m.onlineLink } : {}),
    convenerUnit: refOrGone(m.convenerUnit),
    status: m.status as MeetingStatus,
    observers: m.observers.map(String),
  };
}

/**
 * An audit event. Where someone acted from is personal data (an address can locate a person), so
 * the IP goes only to those who answer for the alliance — its secretaries and admins (`withIp`).
 */
export function presentAuditEvent(
  e: {
    _id: Id;
    actor?: Named | Id | null;
    actorUnit?: Named | Id | null;
    action: string;
    targetType: string;
    targetId?: Id | null;
    before?: string | null;
    after?: string | null;
    ip?: string | null;
    at: Date;
  },
  { withIp }: { withIp: boolean },
): AuditEvent {
  return {
    id: String(e._id),
    actor: e.actor ? refOrGone(e.actor) : null,
    actorUnit: e.actorUnit ? refOrGone(e.actorUnit) : null,
    action: e.action,
    targetType: e.targetType,
    ...(e.targetId ? { targetId: String(e.targetId) } : {}),
    ...(e.before ? { before: e.before } : {}),
    ...(e.after ? { after: e.after } : {}),
    ...(withIp && e.ip ? { ip: e.ip } : {}),
    at: e.at.toISOString(),
  };
}
