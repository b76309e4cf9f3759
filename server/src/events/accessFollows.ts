import type { DomainEvent } from '@tongxin/shared';
import type { AccessChange, AccessChanges } from '../access/accessChanges.js';
import type { EventConsumer } from './eventBus.js';

/**
 * Which events change who may read or write, and for which open connections. Every process
 * holds connections of its own, so this runs everywhere the event arrives.
 */
export function accessChangeOf(event: DomainEvent): AccessChange | null {
  switch (event.type) {
    case 'session.ended':
      return { kind: 'session', sessionHash: event.sessionHash };
    case 'user.sessionsEnded':
      return { kind: 'user', userId: event.userId };
    case 'membership.changed':
      return { kind: 'alliance', allianceId: event.allianceId };
    case 'meeting.updated':
      // Invited observers (列席) may have changed, and with them who may read the meeting.
      return { kind: 'meeting', meetingId: event.meetingId, readersChanged: true };
    case 'meeting.cancelled':
    case 'meeting.started':
    case 'meeting.adjourned':
    case 'vote.opened':
    case 'vote.closed':
    case 'vote.cancelled':
    case 'decision.withdrawn':
    case 'minutes.published':
      return { kind: 'meeting', meetingId: event.meetingId };
    case 'appraisal.opened':
    case 'appraisal.updated':
      // Reports lock when scoring opens; a unit taken off the reporters loses its report.
      return { kind: 'appraisal', appraisalId: event.appraisalId };
    default:
      return null;
  }
}

export function accessFollows(access: AccessChanges): EventConsumer {
  return {
    name: 'access',
    where: 'everywhere',
    async handle(event) {
      const change = accessChangeOf(event);
      if (change) await access.changed(change);
    },
  };
}
