import type { AuditEvent } from '@tongxin/shared';
import { refOrGone, type Id, type Named } from './refs.js';

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
