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

/** A robot as its managers see it; `hasSecret` comes from a query that never reads the secret itself. */
export function presentRobot(r: RobotRecord, unitName: string | null, hasSecret: boolean): Robot {
  return {
    id: String(r._id),
    allianceId: String(r.alliance),
    unit: r.unit ? { id: String(r.unit), name: unitName ?? '—' } : null,
    platform: r.platform as RobotPlatform,
    name: r.name,
    webhookUrl: r.webhookUrl,
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
