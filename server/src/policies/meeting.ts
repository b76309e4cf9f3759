import type { Types } from 'mongoose';
import type { Actor } from '../auth/actor.js';
import { alliancePolicy, isSecretary, representsUnit, type AllianceFacts } from './alliance.js';

export interface MeetingFacts {
  convenerUnit: Types.ObjectId;
  observers: Types.ObjectId[];
}

export const meetingPolicy = {
  /** Readers of the alliance, plus units invited to attend as observers (列席). */
  canRead: (actor: Actor, a: AllianceFacts, m: MeetingFacts) =>
    alliancePolicy.canRead(actor, a) || (actor.unit !== null && m.observers.map(String).includes(actor.unit)),
  /** Only secretaries and the convener unit's representatives schedule (create, edit, cancel). */
  canSchedule: (actor: Actor, a: AllianceFacts, convenerUnit: string) =>
    actor.isAdmin || isSecretary(actor, a) || representsUnit(actor, a, convenerUnit),
};
