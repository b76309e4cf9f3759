import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../src/auth/actor.js';
import { adminPolicy } from '../src/policies/admin.js';
import { alliancePolicy, type AllianceFacts } from '../src/policies/alliance.js';
import { meetingPolicy } from '../src/policies/meeting.js';
import { actionItemPolicy } from '../src/policies/actionItem.js';
import { minutesPolicy } from '../src/policies/minutes.js';
import { roomPolicy, votingMembers, votingUnits } from '../src/policies/room.js';

const id = () => new Types.ObjectId();
const street = id();
const agency = id();
const school = id();
const community = id();
const outsiderUnit = id();
const secretaryId = id();
const streetRep = id();
const schoolRep = id();
const communityRep = id();

const alliance: AllianceFacts = {
  memberships: [
    { unit: street, role: 'lead', representatives: [streetRep] },
    { unit: agency, role: 'member', representatives: [] },
    { unit: school, role: 'observer', representatives: [schoolRep] },
    { unit: community, role: 'member', representatives: [communityRep] },
  ],
  secretaries: [secretaryId],
};
const actor = (userId: Types.ObjectId, unit: Types.ObjectId | null, isAdmin = false): Actor => ({
  id: String(userId),
  name: 'x',
  unit: unit ? String(unit) : null,
  isAdmin,
});

describe('alliance policy', () => {
  it('a user whose unit is not a member cannot see the alliance', () => {
    expect(alliancePolicy.canRead(actor(id(), outsiderUnit), alliance)).toBe(false);
    expect(alliancePolicy.canRead(actor(id(), null), alliance)).toBe(false);
  });

  it('anyone from a member unit, observers included, can read', () => {
    expect(alliancePolicy.canRead(actor(id(), agency), alliance)).toBe(true);
    expect(alliancePolicy.canRead(actor(schoolRep, school), alliance)).toBe(true);
  });

  it('an observer unit’s representative can read but not edit or vote', () => {
    const obs = actor(schoolRep, school);
    expect(alliancePolicy.canEdit(obs, alliance)).toBe(false);
    expect(alliancePolicy.canVoteFor(obs, alliance, String(school))).toBe(false);
  });

  it('a representative votes for their own unit only', () => {
    const rep = actor(streetRep, street);
    expect(alliancePolicy.canVoteFor(rep, alliance, String(street))).toBe(true);
    expect(alliancePolicy.canVoteFor(rep, alliance, String(agency))).toBe(false);
  });

  it('only secretaries and admins manage the alliance', () => {
    expect(alliancePolicy.canManage(actor(secretaryId, street), alliance)).toBe(true);
    expect(alliancePolicy.canManage(actor(id(), null, true), alliance)).toBe(true);
    expect(alliancePolicy.canManage(actor(streetRep, street), alliance)).toBe(false);
  });
});

describe('meeting policy', () => {
  const meeting = { convenerUnit: agency, observers: [outsiderUnit] };

  it('only secretaries and the convener unit’s representatives schedule meetings', () => {
    expect(meetingPolicy.canSchedule(actor(secretaryId, street), alliance, String(agency))).toBe(true);
    expect(meetingPolicy.canSchedule(actor(streetRep, street), alliance, String(street))).toBe(true);
    expect(meetingPolicy.canSchedule(actor(streetRep, street), alliance, String(agency))).toBe(false);
  });

  it('a unit invited to attend (列席) reads that meeting without being a member', () => {
    expect(meetingPolicy.canRead(actor(id(), outsiderUnit), alliance, meeting)).toBe(true);
    expect(meetingPolicy.canRead(actor(id(), id()), alliance, meeting)).toBe(false);
  });
});

describe('admin policy', () => {
  it('only admins manage units and users', () => {
    expect(adminPolicy.canManageUnits(actor(secretaryId, street))).toBe(false);
    expect(adminPolicy.canManageUsers(actor(id(), null, true))).toBe(true);
  });
});

// The people of the tables below. The street is the lead unit and convenes the meeting; the
// secretary works for the street without speaking for it; the agency has no representative yet;
// the school attends as an observer (列席).
const people = {
  secretary: actor(secretaryId, street),
  'street (convener)': actor(streetRep, street),
  'community rep': actor(communityRep, community),
  'agency staff': actor(id(), agency),
  'observer (school)': actor(schoolRep, school),
  admin: actor(id(), null, true),
  outsider: actor(id(), outsiderUnit),
};
type Who = keyof typeof people;
const everyone = Object.keys(people) as Who[];
/** Runs `rule` for every person: the table reads as who may, and everyone else may not. */
const whoMay = (rule: (a: Actor) => boolean) => everyone.filter((w) => rule(people[w]));

describe('room policy', () => {
  const meeting = { convenerUnit: street, observers: [] };
  const u = (unit: Types.ObjectId) => String(unit);

  it('the chair is a secretary or the convener unit’s representative; admins do not chair', () => {
    expect(whoMay((a) => roomPolicy.canChair(a, alliance, meeting))).toEqual(['secretary', 'street (convener)']);
    // Another meeting, convened by the community: the street's representative is a member there.
    expect(whoMay((a) => roomPolicy.canChair(a, alliance, { convenerUnit: community, observers: [] }))).toEqual([
      'secretary',
      'community rep',
    ]);
  });

  it('a representative checks in for their own unit; a secretary records any member unit, on its behalf', () => {
    expect(whoMay((a) => roomPolicy.canCheckIn(a, alliance, u(community)))).toEqual(['secretary', 'community rep']);
    // Observers attend: their own representative checks them in.
    expect(whoMay((a) => roomPolicy.canCheckIn(a, alliance, u(school)))).toEqual(['secretary', 'observer (school)']);
    expect(whoMay((a) => roomPolicy.canCheckIn(a, alliance, u(outsiderUnit)))).toEqual([]);
    expect(roomPolicy.checksInOnBehalf(people.secretary, alliance, u(community))).toBe(true);
    expect(roomPolicy.checksInOnBehalf(people['community rep'], alliance, u(community))).toBe(false);
  });

  it('a unit gives its vote (委托) through its representative or in writing to the secretary; observers have none to give', () => {
    expect(whoMay((a) => roomPolicy.canGiveProxy(a, alliance, u(community)))).toEqual(['secretary', 'community rep']);
    expect(whoMay((a) => roomPolicy.canGiveProxy(a, alliance, u(school)))).toEqual([]);
  });

  it('a proxy goes to a representative of another voting unit', () => {
    const holders = (from: Types.ObjectId) => whoMay((a) => roomPolicy.canHoldProxy(alliance, a.id, u(from)));
    expect(holders(street)).toEqual(['community rep']);
    expect(holders(community)).toEqual(['street (convener)']);
  });

  it('a unit’s ballot is cast by its representative, or by the holder of its proxy', () => {
    expect(whoMay((a) => roomPolicy.canCastForUnit(a, alliance, u(community), null))).toEqual(['community rep']);
    expect(whoMay((a) => roomPolicy.canCastForUnit(a, alliance, u(community), streetRep.toString()))).toEqual([
      'street (convener)',
      'community rep',
    ]);
    // An observer unit has no ballot, not even through a proxy holder.
    expect(whoMay((a) => roomPolicy.canCastForUnit(a, alliance, u(school), schoolRep.toString()))).toEqual([]);
  });

  it('voting per member: every representative of a voting unit, and nobody else', () => {
    expect(whoMay((a) => roomPolicy.canCastAsMember(a, alliance))).toEqual(['street (convener)', 'community rep']);
    expect(votingMembers(alliance).sort()).toEqual([u(streetRep), u(communityRep)].sort());
    expect(votingUnits(alliance)).toEqual([u(street), u(agency), u(community)]);
  });

  it('those who may edit may ask to speak; observers listen', () => {
    expect(whoMay((a) => roomPolicy.canSpeak(a, alliance))).toEqual([
      'secretary',
      'street (convener)',
      'community rep',
    ]);
  });
});

describe('action item policy', () => {
  /** Assigned by the street's meeting to the community. */
  const communityItem = { leadUnit: community, convenerUnit: String(street) };

  it('supervisors are the secretaries and the convener of the meeting the item came from', () => {
    expect(whoMay((a) => actionItemPolicy.canSupervise(a, alliance, String(street)))).toEqual([
      'secretary',
      'street (convener)',
    ]);
    // Assigned outside a meeting: no convener, only the secretaries.
    expect(whoMay((a) => actionItemPolicy.canSupervise(a, alliance, null))).toEqual(['secretary']);
  });

  it('only the lead unit reports progress and hands the work in', () => {
    expect(whoMay((a) => actionItemPolicy.canReport(a, alliance, communityItem))).toEqual(['community rep']);
  });

  it('a supervisor signs off (销号) another unit’s work, never its own', () => {
    expect(whoMay((a) => actionItemPolicy.canSignOff(a, alliance, communityItem))).toEqual([
      'secretary',
      'street (convener)',
    ]);
    const streetItem = { leadUnit: street, convenerUnit: String(street) };
    expect(whoMay((a) => actionItemPolicy.canSignOff(a, alliance, streetItem))).toEqual(['secretary']);
  });

  it('a secretary who also speaks for the lead unit does not sign off its work either', () => {
    const both: AllianceFacts = { ...alliance, secretaries: [secretaryId, communityRep] };
    expect(actionItemPolicy.canSupervise(people['community rep'], both, null)).toBe(true);
    expect(actionItemPolicy.canSignOff(people['community rep'], both, communityItem)).toBe(false);
  });
});

describe('minutes policy', () => {
  const meeting = { convenerUnit: street, observers: [outsiderUnit] };
  const draft = { status: 'draft' };
  const published = { status: 'published' };

  it('secretaries (and admins) write the draft; nobody edits published minutes', () => {
    expect(whoMay((a) => minutesPolicy.canEdit(a, alliance, draft))).toEqual(['secretary', 'admin']);
    expect(whoMay((a) => minutesPolicy.canEdit(a, alliance, published))).toEqual([]);
  });

  it('a secretary or the convener unit publishes (签发), once', () => {
    expect(whoMay((a) => minutesPolicy.canPublish(a, alliance, meeting, draft))).toEqual([
      'secretary',
      'street (convener)',
      'admin',
    ]);
    expect(whoMay((a) => minutesPolicy.canPublish(a, alliance, meeting, published))).toEqual([]);
  });

  it('every voting member unit is asked to confirm, each by its representative; observers are not asked', () => {
    expect(minutesPolicy.askedUnits(alliance)).toEqual([String(street), String(agency), String(community)]);
    expect(minutesPolicy.confirmFor(people['community rep'], alliance, draft)).toEqual([String(community)]);
    expect(minutesPolicy.confirmFor(people['street (convener)'], alliance, draft)).toEqual([String(street)]);
    for (const w of ['secretary', 'observer (school)', 'agency staff', 'admin', 'outsider'] as const) {
      expect(minutesPolicy.confirmFor(people[w], alliance, draft)).toEqual([]);
    }
    // Once published, there is nothing left to confirm.
    expect(minutesPolicy.confirmFor(people['community rep'], alliance, published)).toEqual([]);
  });

  it('the members and the units invited to attend (列席) read the minutes', () => {
    expect(whoMay((a) => minutesPolicy.canRead(a, alliance, meeting))).toEqual(everyone);
    expect(minutesPolicy.canRead(actor(id(), id()), alliance, meeting)).toBe(false);
  });
});
