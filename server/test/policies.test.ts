import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../src/auth/actor.js';
import { adminPolicy } from '../src/policies/admin.js';
import { alliancePolicy, type AllianceFacts } from '../src/policies/alliance.js';
import { meetingPolicy } from '../src/policies/meeting.js';

const id = () => new Types.ObjectId();
const street = id();
const agency = id();
const school = id();
const outsiderUnit = id();
const secretaryId = id();
const streetRep = id();
const schoolRep = id();

const alliance: AllianceFacts = {
  memberships: [
    { unit: street, role: 'lead', representatives: [streetRep] },
    { unit: agency, role: 'member', representatives: [] },
    { unit: school, role: 'observer', representatives: [schoolRep] },
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
