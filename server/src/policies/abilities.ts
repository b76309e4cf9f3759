import { meetingPhase, nextMeetingStatus, type MeetingAbilities, type MeetingStatus } from '@tongxin/shared';
import type { Actor } from '../auth/actor.js';
import { alliancePolicy, type AllianceFacts } from './alliance.js';
import { meetingPolicy, type MeetingFacts } from './meeting.js';
import { roomPolicy } from './room.js';

/**
 * What a viewer may do with a meeting, from the same policies the commands ask — sent with the
 * meeting so that screens show what is allowed instead of re-deriving the rules.
 */
export function meetingAbilities(
  actor: Actor,
  alliance: AllianceFacts,
  meeting: MeetingFacts & { status: string },
): MeetingAbilities {
  const status = meeting.status as MeetingStatus;
  const schedules = meetingPolicy.canSchedule(actor, alliance, String(meeting.convenerUnit));
  return {
    transitions: schedules ? (['schedule', 'cancel'] as const).filter((t) => nextMeetingStatus(status, t) !== null) : [],
    draft: alliancePolicy.canEdit(actor, alliance) && meetingPhase.openForDrafting(status),
    chair: roomPolicy.canChair(actor, alliance, meeting),
    speak: roomPolicy.canSpeak(actor, alliance),
  };
}
