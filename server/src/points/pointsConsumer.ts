import type { DomainEvent } from '@tongxin/shared';
import type { AppContext } from '../context.js';
import type { EventConsumer } from '../events/eventBus.js';
import type { AutoSourceKind } from './pointSources.js';
import { projectSource, rebuildAlliance } from './pointsProjector.js';

/** The record an event is about, when that record may earn points. */
function sourceOf(event: DomainEvent): { kind: AutoSourceKind; id: string } | null {
  switch (event.type) {
    case 'meeting.adjourned':
    case 'attendance.changed':
      return { kind: 'meeting', id: event.meetingId };
    case 'actionItem.transitioned':
    case 'actionItem.edited':
    case 'actionItem.extended':
    case 'actionItem.extensionDecided':
    case 'actionItem.deleted':
      return { kind: 'actionItem', id: event.itemId };
    case 'whistle.responded':
    case 'whistle.closed':
    case 'whistle.reopened':
      return { kind: 'whistle', id: event.whistleId };
    case 'demand.accepted':
    case 'demand.transitioned':
      return { kind: 'demand', id: event.demandId };
    case 'project.created':
    case 'project.edited':
    case 'project.transitioned':
      return { kind: 'project', id: event.projectId };
    case 'service.checkedIn':
    case 'service.activityCompleted':
    case 'service.activityCancelled':
    case 'service.activityUpdated':
      return { kind: 'service', id: event.activityId };
    default:
      return null;
  }
}

/**
 * 积分 from domain events: each event names a record, and the record — not the event — decides its
 * points (see pointsProjector), so an event delivered twice, or replayed, counts once, and a
 * correction of the record corrects the points. A changed scheme recomputes the whole alliance.
 * Runs once, where the command ran; tells the screens (`points.changed`) only when a line changed.
 */
export function pointsConsumer(app: AppContext): EventConsumer {
  const models = app.db.models;

  async function handle(event: DomainEvent): Promise<void> {
    let allianceId: string | null = null;
    let changed = 0;
    if (event.type === 'pointScheme.changed') {
      allianceId = event.allianceId;
      changed = await rebuildAlliance(models, event.allianceId);
    } else {
      const source = sourceOf(event);
      if (!source) return;
      if (event.type === 'attendance.changed') {
        // Attendance counts once the meeting is over; corrections after that are what matter here.
        const meeting = await models.Meeting.findById(source.id, { status: 1 }).lean();
        if (!meeting || !['adjourned', 'minutes_published'].includes(meeting.status)) return;
      }
      const result = await projectSource(models, source.kind, source.id);
      allianceId = result.allianceId;
      changed = result.changed;
    }
    if (changed > 0 && allianceId) await app.events.publish([{ type: 'points.changed', allianceId }]);
  }

  return { name: 'points', where: 'here', handle };
}
