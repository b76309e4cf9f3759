import type { Actor } from '../auth/actor.js';
import { isSecretary, type AllianceFacts } from './alliance.js';
import { meetingPolicy, type MeetingFacts } from './meeting.js';

/** The parts of the minutes record the policy looks at. */
export interface MinutesFacts {
  status: string;
}

const ids = (list: { toString(): string }[]) => list.map(String);

export const minutesPolicy = {
  /** Secretaries write the minutes (the Yjs endpoint asks the same question through docAccess). */
  canEdit: (actor: Actor, a: AllianceFacts, m: MinutesFacts) =>
    m.status === 'draft' && (actor.isAdmin || isSecretary(actor, a)),

  /** A secretary or the convener unit publishes (签发), whether or not every unit has answered. */
  canPublish: (actor: Actor, a: AllianceFacts, meeting: MeetingFacts, m: MinutesFacts) =>
    m.status === 'draft' && meetingPolicy.canSchedule(actor, a, String(meeting.convenerUnit)),

  /** Units the actor may confirm or comment for: the voting member units they represent. */
  confirmFor: (actor: Actor, a: AllianceFacts, m: MinutesFacts): string[] =>
    m.status !== 'draft'
      ? []
      : a.memberships
          .filter((u) => u.role !== 'observer' && ids(u.representatives).includes(actor.id))
          .map((u) => String(u.unit)),

  /** Every voting member unit is asked; observers (列席) are not. */
  askedUnits: (a: AllianceFacts): string[] =>
    a.memberships.filter((u) => u.role !== 'observer').map((u) => String(u.unit)),

  canRead: (actor: Actor, a: AllianceFacts, meeting: MeetingFacts) => meetingPolicy.canRead(actor, a, meeting),
};
