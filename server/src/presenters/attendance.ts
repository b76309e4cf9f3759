import type { Attendance, Quorum } from '@tongxin/shared';
import type { Id } from './refs.js';

/** A check-in, its unit, person and recorder populated with names. */
export interface CheckInLean {
  unit: unknown;
  user?: unknown;
  recordedBy: unknown;
  onBehalf: boolean;
  at: Date;
}

/** A proxy (委托), its units and persons populated with names. */
export interface ProxyLean {
  fromUnit: unknown;
  to: unknown;
  givenBy: unknown;
  at: Date;
}

/** Who is present (签到), who holds whose vote, and whether that makes a quorum. */
export function presentAttendance(meetingId: Id, present: CheckInLean[], proxies: ProxyLean[], quorum: Quorum): Attendance {
  const ref = (n: unknown) => {
    const o = n as { _id?: Id; name?: string } | Id | null;
    return o && typeof o === 'object' && 'name' in o
      ? { id: String(o._id), name: String(o.name) }
      : { id: String(o ?? ''), name: '—' };
  };
  return {
    meetingId: String(meetingId),
    present: present.map((p) => ({
      unit: ref(p.unit),
      user: p.user ? ref(p.user) : null,
      recordedBy: ref(p.recordedBy),
      onBehalf: p.onBehalf,
      at: p.at.toISOString(),
    })),
    proxies: proxies.map((p) => ({
      fromUnit: ref(p.fromUnit),
      to: ref(p.to),
      givenBy: ref(p.givenBy),
      at: p.at.toISOString(),
    })),
    quorum,
  };
}
