import type { DomainEvent } from '@tongxin/shared';
import { Types } from 'mongoose';
import type { AppContext } from '../context.js';
import type { VoteLean } from '../presenters/vote.js';
import { actionItemView } from '../views/actionItem.js';
import { attendanceView } from '../views/attendance.js';
import { flowView, speakersView } from '../views/meetingFlow.js';
import { tallyOf, voteView } from '../views/vote.js';
import { Coalescer } from '../realtime/coalesce.js';
import { allianceRoom, meetingRoom, userRoom, type RoomServer } from '../realtime/types.js';
import { agendaOf } from '../yjs/agenda.js';
import type { EventConsumer } from './eventBus.js';

export interface BroadcastTiming {
  /** The longest a tally may lag behind the ballots: at most one broadcast per vote per interval. */
  tallyIntervalMs: number;
  /** Likewise for attendance (check-ins), which goes to every socket in the room. */
  roomIntervalMs: number;
}

/**
 * Who hears of what: the one place that turns domain events into Socket.IO broadcasts, to a
 * meeting's room (the live room, the meeting screen) and an alliance's channel (workbench, ledger,
 * meeting lists). Broadcasts are views read from the database now ("latest state wins"), so a
 * burst of ballots or check-ins is coalesced into a few.
 */
export function broadcasts(io: RoomServer, app: AppContext, timing: BroadcastTiming): EventConsumer & { stop(): void } {
  const models = app.db.models;
  const onError = (err: unknown, key: string) => app.log.warn({ err, key }, 'room broadcast failed');
  const tallies = new Coalescer(timing.tallyIntervalMs, onError);
  const views = new Coalescer(timing.roomIntervalMs, onError);
  const id = (s: string) => new Types.ObjectId(s);
  const toMeeting = (meetingId: string) => io.to(meetingRoom(meetingId));
  /**
   * A tally goes to every socket in the room, so its interval grows with the room: a fifth of a
   * millisecond per socket here (15 members: 10 ms; 500: the full interval), keeping the sends per
   * second bounded while a small room sees its last ballot counted at once.
   */
  const tallyIntervalFor = (meetingId: string) =>
    Math.max(10, Math.round((io.sockets.adapter.rooms.get(meetingRoom(meetingId))?.size ?? 0) / 5));
  const toBoth = (meetingId: string, allianceId: string) => io.to([meetingRoom(meetingId), allianceRoom(allianceId)]);

  async function flow(meetingId: string) {
    const meeting = await models.Meeting.findById(meetingId, { status: 1 }).lean();
    if (!meeting) return;
    toMeeting(meetingId).emit('meeting:flow', await flowView(models, meeting, await agendaOf(app.yjs, meetingId)));
  }
  async function speakers(meetingId: string) {
    toMeeting(meetingId).emit('speaker:queue', await speakersView(models, id(meetingId)));
  }
  async function vote(voteId: string, event: 'vote:opened' | 'vote:closed' | 'vote:cancelled') {
    const v = await models.Vote.findById(voteId).lean();
    if (v) toMeeting(String(v.meeting)).emit(event, await voteView(models, v as unknown as VoteLean, null));
  }
  function decisionChanged(e: { meetingId: string; allianceId: string; decisionId: string | null }) {
    if (e.decisionId) toBoth(e.meetingId, e.allianceId).emit('decision:changed', { meetingId: e.meetingId, decisionId: e.decisionId });
  }

  async function handle(event: DomainEvent): Promise<void> {
    switch (event.type) {
      case 'attendance.changed':
        return views.touch(`attendance:${event.meetingId}`, async () => {
          const alliance = await models.Alliance.findById(event.allianceId).lean();
          if (alliance) toMeeting(event.meetingId).emit('meeting:attendance', await attendanceView(models, id(event.meetingId), alliance));
        });
      case 'speakers.changed':
        return speakers(event.meetingId);
      case 'meeting.started':
      case 'meeting.agendaItemSet':
        return flow(event.meetingId);
      case 'meeting.adjourned':
        await speakers(event.meetingId);
        await flow(event.meetingId);
        return void toBoth(event.meetingId, event.allianceId).emit('meeting:changed', { meetingId: event.meetingId });
      case 'meeting.created':
      case 'meeting.scheduled':
      case 'meeting.updated':
      case 'meeting.cancelled':
        return void toBoth(event.meetingId, event.allianceId).emit('meeting:changed', { meetingId: event.meetingId });
      case 'meeting.rescheduled': {
        const m = await models.Meeting.findById(event.meetingId, { title: 1, scheduledAt: 1, place: 1 }).lean();
        const to = toBoth(event.meetingId, event.allianceId);
        to.emit('meeting:changed', { meetingId: event.meetingId });
        if (m) {
          to.emit('meeting:rescheduled', {
            meetingId: event.meetingId,
            allianceId: event.allianceId,
            title: m.title,
            scheduledAt: m.scheduledAt.toISOString(),
            previousAt: event.from,
            place: m.place ?? '',
          });
        }
        return;
      }
      case 'decision.created':
      case 'decision.frozen':
      case 'decision.withdrawn':
        return decisionChanged(event);
      case 'decision.revised':
        // The earlier decision changed too: it now links to its revision.
        decisionChanged({ ...event, decisionId: event.revisesId });
        return decisionChanged(event);
      case 'vote.opened':
        await vote(event.voteId, 'vote:opened');
        return decisionChanged(event);
      case 'ballot.cast':
      case 'ballot.changed':
        return tallies.touch(
          event.voteId,
          async () => {
            const v = await models.Vote.findById(event.voteId, { secret: 1, status: 1, eligible: 1, tallyVisibility: 1 }).lean();
            if (v?.status === 'open') toMeeting(event.meetingId).emit('vote:tally', await tallyOf(models, v));
          },
          tallyIntervalFor(event.meetingId),
        );
      case 'vote.closed':
        await vote(event.voteId, 'vote:closed');
        return decisionChanged(event);
      case 'vote.cancelled':
        await vote(event.voteId, 'vote:cancelled');
        return decisionChanged(event);
      case 'actionItem.created':
      case 'actionItem.progressReported':
      case 'actionItem.transitioned':
      case 'actionItem.edited':
      case 'actionItem.extended':
      case 'actionItem.acknowledged':
      case 'actionItem.extensionRequested':
      case 'actionItem.extensionDecided':
      case 'actionItem.nudged':
      case 'actionItem.partReported':
      case 'actionItem.evidenceAttached': {
        const item = await actionItemView(models, id(event.itemId), app.clock.now());
        const rooms = [allianceRoom(item.alliance), ...(item.meeting ? [meetingRoom(item.meeting)] : [])];
        return void io.to(rooms).emit('actionItem:updated', { ...item, meetingId: item.meeting });
      }
      case 'actionItem.deleted': {
        const rooms = [allianceRoom(event.allianceId), ...(event.meetingId ? [meetingRoom(event.meetingId)] : [])];
        return void io
          .to(rooms)
          .emit('actionItem:deleted', { id: event.itemId, allianceId: event.allianceId, meetingId: event.meetingId });
      }
      case 'alliance.updated':
      case 'membership.changed':
        return void io.to(allianceRoom(event.allianceId)).emit('alliance:changed', { allianceId: event.allianceId });
      case 'points.changed':
        return void io.to(allianceRoom(event.allianceId)).emit('points:changed', { allianceId: event.allianceId });
      case 'appraisal.created':
      case 'appraisal.updated':
      case 'appraisal.opened':
      case 'appraisal.scored':
      case 'appraisal.closed':
      case 'appraisal.linksChanged':
        return void io.to(allianceRoom(event.allianceId)).emit('appraisal:changed', { allianceId: event.allianceId, appraisalId: event.appraisalId });
      case 'rating.adjusted':
      case 'rating.published':
      case 'rating.reopened':
      case 'ratingRules.changed':
        return void io.to(allianceRoom(event.allianceId)).emit('ratings:changed', { allianceId: event.allianceId, period: event.period });
      case 'demand.created':
      case 'demand.edited':
      case 'demand.offered':
      case 'demand.accepted':
      case 'demand.transitioned':
      case 'demand.evidenceAdded':
      case 'demand.evidenceRemoved':
        return void io.to(allianceRoom(event.allianceId)).emit('lists:changed', { allianceId: event.allianceId, kind: 'demand' });
      case 'resource.created':
      case 'resource.edited':
        return void io.to(allianceRoom(event.allianceId)).emit('lists:changed', { allianceId: event.allianceId, kind: 'resource' });
      case 'project.created':
      case 'project.edited':
      case 'project.progressReported':
      case 'project.milestoneSet':
      case 'project.transitioned':
      case 'project.putOnAgenda':
        return void io.to(allianceRoom(event.allianceId)).emit('lists:changed', { allianceId: event.allianceId, kind: 'project' });
      case 'whistle.raised':
      case 'whistle.responded':
      case 'whistle.closed':
      case 'whistle.reopened':
      case 'whistle.linked':
      case 'whistle.evidenceAdded':
      case 'whistle.evidenceRemoved':
      case 'whistle.settingsChanged':
        return void io.to(allianceRoom(event.allianceId)).emit('lists:changed', { allianceId: event.allianceId, kind: 'whistle' });
      case 'notifications.changed':
        if (event.userIds.length > 0) io.to(event.userIds.map(userRoom)).emit('notifications:changed', {});
        return;
      case 'minutes.generated':
      case 'minutes.answered':
      case 'minutes.published':
        return void toBoth(event.meetingId, event.allianceId).emit('minutes:changed', { meetingId: event.meetingId });
      default:
        return;
    }
  }

  return {
    name: 'broadcasts',
    where: 'here',
    handle,
    stop() {
      tallies.stop();
      views.stop();
    },
  };
}
