import type { Attendance, CheckInEntry, Quorum } from '@tongxin/shared';
import type { Id } from './refs.js';

/** A check-in, its unit, person and recorder populated with names. */
export interface CheckInLean {
  _id: Id;
  unit: unknown;
  user?: unknown;
  recordedBy: unknown;
  onBehalf: boolean;
  at: Date;
  late?: boolean | null;
  leftAt?: Date | null;
  earlier?: { at: Date; late?: boolean | null; leftAt: Date }[] | null;
  /** `by` populated with a name. */
  undone?: { at: Date; by: unknown; reason: string } | null;
}

/** A proxy (委托), its units and persons populated with names. */
export interface ProxyLean {
  fromUnit: unknown;
  to: unknown;
  givenBy: unknown;
  at: Date;
}

const ref = (n: unknown) => {
  const o = n as { _id?: Id; name?: string } | Id | null;
  return o && typeof o === 'object' && 'name' in o
    ? { id: String(o._id), name: String(o.name) }
    : { id: String(o ?? ''), name: '—' };
};

function entry(p: CheckInLean): CheckInEntry {
  return {
    id: String(p._id),
    unit: ref(p.unit),
    user: p.user ? ref(p.user) : null,
    recordedBy: ref(p.recordedBy),
    onBehalf: p.onBehalf,
    at: p.at.toISOString(),
    late: p.late ?? false,
    leftAt: p.leftAt ? p.leftAt.toISOString() : null,
    earlier: (p.earlier ?? []).map((e) => ({
      at: e.at.toISOString(),
      late: e.late ?? false,
      leftAt: e.leftAt.toISOString(),
    })),
    undone: p.undone ? { at: p.undone.at.toISOString(), by: ref(p.undone.by), reason: p.undone.reason } : null,
  };
}

/**
 * Who is present (签到), who left (离会) and whose check-in was undone (撤销), who holds whose
 * vote, and whether that makes a quorum.
 */
export function presentAttendance(
  meetingId: Id,
  checkIns: CheckInLean[],
  proxies: ProxyLean[],
  quorum: Quorum,
): Attendance {
  const entries = checkIns.map(entry);
  return {
    meetingId: String(meetingId),
    present: entries.filter((e) => !e.undone && !e.leftAt),
    left: entries.filter((e) => !e.undone && e.leftAt),
    undone: entries.filter((e) => e.undone),
    proxies: proxies.map((p) => ({
      fromUnit: ref(p.fromUnit),
      to: ref(p.to),
      givenBy: ref(p.givenBy),
      at: p.at.toISOString(),
    })),
    quorum,
  };
}
