import type { NotificationKind, Robot, RobotDelivery, RobotDeliveryState, RobotPlatform } from '@tongxin/shared';
import type { Types } from 'mongoose';

export interface RobotRecord {
  _id: Types.ObjectId;
  alliance: Types.ObjectId;
  unit?: Types.ObjectId | null;
  platform: string;
  name: string;
  webhookUrl: string;
  /** Only whether it is set: the value is never presented (it may not even be loaded). */
  secret?: string | null;
  kinds: string[];
  enabled: boolean;
  createdAt?: Date;
}

/** The last four characters of a credential, the rest hidden. */
const tail = (v: string) => (v.length <= 4 ? '…' : `…${v.slice(-4)}`);

/**
 * A webhook address as managers see it: host and path, with every query value and every path
 * segment that may be a token (16 characters or more, or 8 or more with a digit: 飞书 puts its
 * token in the path) cut to its last four characters — enough to tell two groups apart, not
 * enough to post to one.
 */
export function webhookHint(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '…';
  }
  const path = u.pathname
    .split('/')
    .map((seg) => (seg.length >= 16 || (seg.length >= 8 && /\d/.test(seg)) ? tail(seg) : seg))
    .join('/');
  const query = [...u.searchParams].map(([k, v]) => `${k}=${tail(v)}`).join('&');
  return `${u.protocol}//${u.host}${path}${query ? `?${query}` : ''}`;
}

/** A robot as its managers see it; `hasSecret` comes from a query that never reads the secret itself. */
export function presentRobot(r: RobotRecord, unitName: string | null, hasSecret: boolean): Robot {
  return {
    id: String(r._id),
    allianceId: String(r.alliance),
    unit: r.unit ? { id: String(r.unit), name: unitName ?? '—' } : null,
    platform: r.platform as RobotPlatform,
    name: r.name,
    webhookHint: webhookHint(r.webhookUrl),
    secretSet: hasSecret,
    kinds: r.kinds as NotificationKind[],
    enabled: r.enabled,
    createdAt: (r.createdAt ?? new Date(0)).toISOString(),
  };
}

export interface RobotDeliveryRecord {
  _id: Types.ObjectId;
  robot: Types.ObjectId;
  kind: string;
  payload?: { title?: string | null } | null;
  state: string;
  attempts?: number | null;
  createdAt: Date;
  sentAt?: Date | null;
  nextAttemptAt?: Date | null;
  lastAnswer?: { status: number; body?: string | null } | null;
}

export function presentRobotDelivery(
  d: RobotDeliveryRecord,
  robot: { name: string; platform: string } | undefined,
): RobotDelivery {
  const state = d.state as RobotDeliveryState;
  return {
    id: String(d._id),
    robot: robot ? { id: String(d.robot), name: robot.name, platform: robot.platform as RobotPlatform } : null,
    kind: d.kind,
    title: d.payload?.title ?? '',
    state,
    attempts: d.attempts ?? 0,
    createdAt: d.createdAt.toISOString(),
    sentAt: d.sentAt ? d.sentAt.toISOString() : null,
    nextAttemptAt: state === 'pending' && d.nextAttemptAt ? d.nextAttemptAt.toISOString() : null,
    lastAnswer: d.lastAnswer ? { status: d.lastAnswer.status, body: d.lastAnswer.body ?? '' } : null,
  };
}
