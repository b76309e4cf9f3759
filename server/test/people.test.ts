import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitteeMember, ServiceActivity, ServiceRegistration } from '@tongxin/shared';
import { SettableClock } from '../src/clock.js';
import { loginAs, type ApiClient } from './support/api.js';
import { connect, ok, send } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

const bj = (local: string) => new Date(`${local}:00+08:00`);

interface Person {
  id: string;
  name: string;
  api: ApiClient;
}

/**
 * The people of a 大工委: its committee (a 兼职委员 from a resident unit shows with the post in the
 * minutes' attendance), and 双报到 — in-service members of a work unit register with a residential
 * community, sign up for its activities until they are full, are checked in with their hours, and
 * their work unit sees the hours per period.
 */
describe('people: committee and 双报到', () => {
  let server: TestServer;
  const clock = new SettableClock(bj('2026-10-09T09:00'));
  let admin: ApiClient;
  let secretary: ApiClient;
  let allianceId: string;
  /** Units: two communities, a work unit (机关), and one outside the alliance. */
  const unit = { a: '', b: '', w: '', x: '' };
  let repA: Person;
  let repB: Person;
  let repW: Person;
  let outsider: Person;
  /** Party members of the work unit W. */
  const m: Person[] = [];
  let meetingId: string;
  const tag = Date.now().toString(36);
  const base = () => `/alliances/${allianceId}`;
  /** Audit entries of this alliance (the demo seed has its own). */
  const audits = (action: string) => server.ctx.db.models.AuditEvent.countDocuments({ action, alliance: allianceId });

  beforeAll(async () => {
    clock.set(bj('2026-10-09T09:00'), { frozen: true });
    server = await startTestServer({}, { clock });
    admin = await loginAs(server, 'admin');
    secretary = await loginAs(server, 'secretary');
    const makeUnit = async (name: string, kind: string) => {
      const res = await admin.post('/units', { name: `${name}${tag}`, kind, level: 'community' });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      return res.body.id as string;
    };
    unit.a = await makeUnit('和平里社区', 'community');
    unit.b = await makeUnit('安华里社区', 'community');
    unit.w = await makeUnit('区卫健委', 'agency');
    unit.x = await makeUnit('某驻区企业', 'private_enterprise');
    const password = 'people-test-password';
    const makeUser = async (name: string, unitId: string): Promise<Person> => {
      const login = `p${tag}${Math.random().toString(36).slice(2, 8)}`;
      const res = await admin.post('/users', { name, login, password, unit: unitId });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      return { id: res.body.id as string, name, api: await loginAs(server, login, password) };
    };
    repA = await makeUser('社区书记甲', unit.a);
    repB = await makeUser('社区书记乙', unit.b);
    repW = await makeUser('卫健委代表', unit.w);
    outsider = await makeUser('企业党员', unit.x);
    for (let i = 1; i <= 6; i++) m.push(await makeUser(`在职党员${i}`, unit.w));
    const alliance = await secretary.post('/alliances', {
      name: `街道大工委${tag}`,
      kind: 'regional',
      memberships: [
        { unit: unit.a, role: 'member', representatives: [repA.id] },
        { unit: unit.b, role: 'member', representatives: [repB.id] },
        { unit: unit.w, role: 'member', representatives: [repW.id] },
      ],
    });
    if (alliance.status !== 201) throw new Error(JSON.stringify(alliance.body));
    allianceId = alliance.body.id;
    const meeting = await secretary.post(`${base()}/meetings`, {
      title: '大工委全体会议',
      scheduledAt: bj('2026-10-09T10:00').toISOString(),
      place: '街道党群服务中心',
    });
    if (meeting.status !== 201) throw new Error(JSON.stringify(meeting.body));
    meetingId = meeting.body.id;
    await secretary.post(`/meetings/${meetingId}/schedule`);
  }, 180_000);
  afterAll(async () => {
    await server?.dispose();
  });

  describe('委员名单', () => {
    const committee = () => ({
      members: [
        { name: '街道党工委书记', post: 'secretary', homeUnit: unit.a, title: '街道党工委书记' },
        { name: repW.name, user: repW.id, post: 'partTimeMember', homeUnit: unit.w, title: '区卫健委副主任' },
        // Not a member unit, but the unit of the person named: a 兼职委员 from a resident unit.
        { name: outsider.name, user: outsider.id, post: 'partTimeMember', homeUnit: unit.x },
      ],
    });

    it('a secretary sets it; members of the alliance read it, in order, with names resolved', async () => {
      const put = await secretary.put(`${base()}/committee`, committee());
      expect(put.status).toBe(200);
      expect(put.body.can.manage).toBe(true);
      const read = await repA.api.get(`${base()}/committee`);
      expect(read.status).toBe(200);
      expect(read.body.can.manage).toBe(false);
      const members = read.body.members as CommitteeMember[];
      expect(members.map((x) => [x.name, x.post, x.homeUnit.id, x.user?.id ?? null])).toEqual([
        ['街道党工委书记', 'secretary', unit.a, null],
        [repW.name, 'partTimeMember', unit.w, repW.id],
        [outsider.name, 'partTimeMember', unit.x, outsider.id],
      ]);
      expect(members[1]!.homeUnit.name).toBe(`区卫健委${tag}`);
      expect(members[1]!.title).toBe('区卫健委副主任');
    });

    it('a home unit that is neither a member nor the person’s own unit is 422, naming the row', async () => {
      const bad = await secretary.put(`${base()}/committee`, {
        members: [{ name: '某人', user: repA.id, post: 'member', homeUnit: unit.x }],
      });
      expect(bad.status).toBe(422);
      expect(bad.body.error.code).toBe('UNPROCESSABLE');
      expect(bad.body.error.details).toEqual([{ path: ['members', 0, 'homeUnit'], message: expect.any(String) }]);
      const unknownUser = await secretary.put(`${base()}/committee`, {
        members: [{ name: '某人', user: '0123456789abcdef01234567', post: 'member', homeUnit: unit.a }],
      });
      expect(unknownUser.status).toBe(422);
      const malformed = await secretary.put(`${base()}/committee`, { members: [{ name: '', post: 'chief', homeUnit: unit.a }] });
      expect(malformed.status).toBe(400);
      expect((await repA.api.get(`${base()}/committee`)).body.members).toHaveLength(3);
    });

    it('only secretaries and admins may change it (403); outsiders may not read it', async () => {
      const res = await repA.api.put(`${base()}/committee`, { members: [] });
      expect(res.status).toBe(403);
      expect((await outsider.api.get(`${base()}/committee`)).status).toBe(403);
      expect((await admin.put(`${base()}/committee`, committee())).status).toBe(200);
    });

    it('the change is audited in words', async () => {
      const log = await secretary.get(`${base()}/audit?category=people`);
      const entry = (log.body.items as { action: string; changes: { field: string; after?: { text?: string } }[] }[]).find(
        (e) => e.action === 'committee.update',
      );
      expect(entry).toBeDefined();
      expect(JSON.stringify(entry!.changes)).toContain(`${repW.name}（兼职委员，区卫健委${tag}）`);
      expect(await audits('committee.update')).toBe(2);
    });

    it('the minutes’ attendance names an attending committee member with the post', async () => {
      const chair = await connect(server, secretary.token);
      const w = await connect(server, repW.api.token);
      const a = await connect(server, repA.api.token);
      try {
        for (const s of [chair, w, a]) ok(await send(s, 'meeting:join', { meetingId }));
        ok(await send(w, 'meeting:checkIn', { meetingId }));
        ok(await send(a, 'meeting:checkIn', { meetingId }));
        ok(await send(chair, 'meeting:start', { meetingId, override: { reason: '测试' } }));
        ok(await send(chair, 'meeting:adjourn', { meetingId }));
      } finally {
        for (const s of [chair, w, a]) s.disconnect();
      }
      expect((await secretary.get(`/meetings/${meetingId}/minutes`)).status).toBe(200);
      const res = await fetch(`${server.url}/api/meetings/${meetingId}/minutes.md`, { headers: { authorization: `Bearer ${secretary.token}` } });
      const md = await res.text();
      expect(res.status).toBe(200);
      expect(md).toContain(`区卫健委${tag}（${repW.name}（兼职委员））`);
      // Not on the committee with an account: named as before.
      expect(md).toContain(`和平里社区${tag}（${repA.name}）`);
    });
  });

  describe('双报到', () => {
    let registration: ServiceRegistration;
    let first: ServiceActivity;

    it('a member registers with a community; their own unit is the work unit', async () => {
      const res = await m[0]!.api.post(`${base()}/service/registrations`, { community: unit.a, skills: ['医疗'], phone: '13800000000' });
      expect(res.status).toBe(201);
      registration = res.body;
      expect(registration).toMatchObject({
        member: { id: m[0]!.id, name: m[0]!.name },
        workUnit: { id: unit.w },
        community: { id: unit.a },
        skills: ['医疗'],
        registeredAt: bj('2026-10-09T09:00').toISOString(),
        endedAt: null,
        hours: 0,
      });
    });

    it('a second active registration with the alliance is refused, even when sent at once', async () => {
      expect((await m[0]!.api.post(`${base()}/service/registrations`, { community: unit.b })).status).toBe(409);
      const burst = await Promise.all([1, 2, 3, 4].map(() => m[1]!.api.post(`${base()}/service/registrations`, { community: unit.a })));
      expect(burst.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
      expect(await server.ctx.db.models.ServiceRegistration.countDocuments({ member: m[1]!.id, active: true })).toBe(1);
    });

    it('a unit that is not a community of the alliance is 422; an outsider may not register', async () => {
      const notCommunity = await m[2]!.api.post(`${base()}/service/registrations`, { community: unit.w });
      expect(notCommunity.status).toBe(422);
      expect(notCommunity.body.error.details).toEqual({ field: 'community' });
      expect((await m[2]!.api.post(`${base()}/service/registrations`, { community: unit.x })).status).toBe(422);
      expect((await outsider.api.post(`${base()}/service/registrations`, { community: unit.a })).status).toBe(403);
      for (const p of m.slice(2)) expect((await p.api.post(`${base()}/service/registrations`, { community: unit.b })).status).toBe(201);
    });

    it('ending a registration keeps it on record; the member may register again', async () => {
      const ended = await m[5]!.api.post(`/service/registrations/${(await mine(m[5]!)).id}/end`);
      expect(ended.status).toBe(200);
      expect(ended.body.endedAt).toBe(bj('2026-10-09T09:00').toISOString());
      expect((await m[5]!.api.post(`/service/registrations/${ended.body.id}/end`)).status).toBe(409);
      expect((await m[5]!.api.post(`${base()}/service/registrations`, { community: unit.a })).status).toBe(201);
    });

    it('who sees which registrations', async () => {
      const all = await secretary.get(`${base()}/service/registrations`);
      expect(all.body.can.manage).toBe(true);
      expect(all.body.items).toHaveLength(7);
      const community = await repA.api.get(`${base()}/service/registrations?community=${unit.a}`);
      expect(community.body.can.manage).toBe(false);
      expect((community.body.items as ServiceRegistration[]).map((r) => r.member.id).sort()).toEqual([m[0]!.id, m[1]!.id, m[5]!.id].sort());
      const own = await m[3]!.api.get(`${base()}/service/registrations`);
      expect((own.body.items as ServiceRegistration[]).map((r) => r.member.id)).toEqual([m[3]!.id]);
      const work = await repW.api.get(`${base()}/service/registrations?workUnit=${unit.w}`);
      expect(work.body.items).toHaveLength(7);
    });

    it('the community’s representative publishes an activity; another community’s may not', async () => {
      const input = {
        community: unit.a,
        title: '社区义诊',
        description: '为老年居民测量血压、血糖',
        startsAt: bj('2026-10-10T09:00').toISOString(),
        hours: 2,
        place: '和平里社区卫生站',
        needed: 2,
        skills: ['医疗'],
      };
      expect((await repB.api.post(`${base()}/service/activities`, input)).status).toBe(403);
      expect((await repA.api.post(`${base()}/service/activities`, { ...input, community: unit.w })).status).toBe(422);
      expect((await repA.api.post(`${base()}/service/activities`, { ...input, hours: 0.3 })).status).toBe(400);
      const res = await repA.api.post(`${base()}/service/activities`, input);
      expect(res.status).toBe(201);
      first = res.body;
      expect(first).toMatchObject({ status: 'open', needed: 2, hours: 2, signups: [], can: { manage: true, signUp: false } });
      const list = await m[0]!.api.get(`${base()}/service/activities?status=open`);
      expect(list.body.can.create).toBe(false);
      expect((list.body.items as ServiceActivity[])[0]).toMatchObject({ id: first.id, can: { manage: false, signUp: true, withdraw: false } });
      expect((await repA.api.get(`${base()}/service/activities`)).body.can.create).toBe(true);
    });

    it('members sign up until it is full; the next is refused; an unregistered one may not', async () => {
      expect((await outsider.api.post(`/service/activities/${first.id}/signup`)).status).toBe(403);
      expect((await repB.api.post(`/service/activities/${first.id}/signup`)).status).toBe(403);
      expect((await m[0]!.api.post(`/service/activities/${first.id}/signup`)).status).toBe(200);
      expect((await m[0]!.api.post(`/service/activities/${first.id}/signup`)).status).toBe(409);
      // Registered with community B, signing up at A: any community of the alliance will do.
      const second = await m[2]!.api.post(`/service/activities/${first.id}/signup`);
      expect(second.status).toBe(200);
      expect(second.body.signups.map((s: { member: { id: string } }) => s.member.id)).toEqual([m[0]!.id, m[2]!.id]);
      const full = await m[3]!.api.post(`/service/activities/${first.id}/signup`);
      expect(full.status).toBe(409);
      expect(full.body.error.details).toEqual({ full: true });
      expect((await m[3]!.api.get(`/service/activities/${first.id}`)).body.can.signUp).toBe(false);
    });

    it('concurrent sign-ups never exceed 需要人数', async () => {
      const busy = await repA.api.post(`${base()}/service/activities`, {
        community: unit.a,
        title: '垃圾分类宣传',
        startsAt: bj('2026-10-11T09:00').toISOString(),
        hours: 1.5,
        place: '和平里社区广场',
        needed: 3,
      });
      const results = await Promise.all(m.map((p) => p.api.post(`/service/activities/${busy.body.id}/signup`)));
      expect(results.filter((r) => r.status === 200)).toHaveLength(3);
      expect(results.filter((r) => r.status === 409)).toHaveLength(3);
      const after = await repA.api.get(`/service/activities/${busy.body.id}`);
      expect(after.body.signups).toHaveLength(3);
      expect(await audits('service.signUp')).toBe(5);
      // Its 需要人数 cannot drop below those signed up.
      expect((await repA.api.patch(`/service/activities/${busy.body.id}`, { needed: 2 })).status).toBe(422);
      await repA.api.post(`/service/activities/${busy.body.id}/cancel`, { reason: '天气原因' });
    });

    it('a member withdraws before the start, which frees the seat', async () => {
      const out = await m[2]!.api.post(`/service/activities/${first.id}/withdraw`);
      expect(out.status).toBe(200);
      expect(out.body.signups).toHaveLength(1);
      expect((await m[2]!.api.post(`/service/activities/${first.id}/withdraw`)).status).toBe(409);
      expect((await m[3]!.api.post(`/service/activities/${first.id}/signup`)).status).toBe(200);
    });

    it('once started: no withdrawal or sign-up; the organizer checks members in with hours', async () => {
      const early = await repA.api.post(`/service/activities/${first.id}/checkins`, { member: m[0]!.id });
      expect(early.status).toBe(409);
      clock.set(bj('2026-10-10T11:00'), { frozen: true });
      expect((await m[3]!.api.post(`/service/activities/${first.id}/withdraw`)).status).toBe(409);
      expect((await m[4]!.api.post(`/service/activities/${first.id}/signup`)).status).toBe(409);
      expect((await repB.api.post(`/service/activities/${first.id}/checkins`, { member: m[0]!.id })).status).toBe(403);
      expect((await m[0]!.api.post(`/service/activities/${first.id}/checkins`, { member: m[0]!.id })).status).toBe(403);

      const one = await repA.api.post(`/service/activities/${first.id}/checkins`, { member: m[0]!.id });
      expect(one.status).toBe(200);
      expect(one.body.signups[0]).toMatchObject({ member: { id: m[0]!.id }, checkedInAt: bj('2026-10-10T11:00').toISOString(), hours: 2 });
      const two = await secretary.post(`/service/activities/${first.id}/checkins`, { member: m[3]!.id, hours: 1.5 });
      expect(two.body.signups[1]).toMatchObject({ member: { id: m[3]!.id }, hours: 1.5 });
      // A registered member who did not sign up, checked in on the spot.
      const walkIn = await repA.api.post(`/service/activities/${first.id}/checkins`, { member: m[4]!.id, hours: 2.5 });
      expect(walkIn.status).toBe(200);
      expect(walkIn.body.signups).toHaveLength(3);
      expect(walkIn.body.signups[2]).toMatchObject({ member: { id: m[4]!.id }, workUnit: { id: unit.w }, hours: 2.5 });
      // Not registered: refused with the field named.
      const stranger = await repA.api.post(`/service/activities/${first.id}/checkins`, { member: outsider.id });
      expect(stranger.status).toBe(422);
      expect((await repA.api.post(`/service/activities/${first.id}/checkins`, { member: m[0]!.id, hours: 0.7 })).status).toBe(400);
    });

    it('the organizer completes it; nothing more can be recorded', async () => {
      expect((await m[0]!.api.post(`/service/activities/${first.id}/complete`)).status).toBe(403);
      const done = await repA.api.post(`/service/activities/${first.id}/complete`);
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'completed', can: { manage: false, signUp: false, withdraw: false } });
      expect((await repA.api.post(`/service/activities/${first.id}/checkins`, { member: m[5]!.id })).status).toBe(409);
      expect((await repA.api.post(`/service/activities/${first.id}/cancel`, { reason: '误操作' })).status).toBe(409);
      expect((await repA.api.patch(`/service/activities/${first.id}`, { place: '别处' })).status).toBe(409);
      const registrations = (await secretary.get(`${base()}/service/registrations?community=${unit.a}`)).body.items as ServiceRegistration[];
      expect(registrations.find((r) => r.member.id === m[0]!.id)?.hours).toBe(2);
    });

    it('a cancelled activity keeps its reason, and its hours do not count', async () => {
      const res = await repB.api.post(`${base()}/service/activities`, {
        community: unit.b,
        title: '楼道清理',
        startsAt: bj('2026-10-10T10:00').toISOString(),
        hours: 3,
        place: '安华里小区',
        needed: 5,
      });
      await repB.api.post(`/service/activities/${res.body.id}/checkins`, { member: m[0]!.id });
      const cancelled = await repB.api.post(`/service/activities/${res.body.id}/cancel`, { reason: '物业已安排' });
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '物业已安排' });
      expect((await repB.api.post(`/service/activities/${res.body.id}/cancel`, { reason: '' })).status).toBe(400);
    });

    it('the work unit sees its members’ hours per period', async () => {
      // Next quarter: one more activity of community B, recorded afterwards (补录).
      clock.set(bj('2027-01-06T18:00'), { frozen: true });
      const later = await repB.api.post(`${base()}/service/activities`, {
        community: unit.b,
        title: '冬季送温暖',
        startsAt: bj('2027-01-05T14:00').toISOString(),
        hours: 3,
        place: '安华里社区',
        needed: 4,
      });
      await repB.api.post(`/service/activities/${later.body.id}/checkins`, { member: m[0]!.id });
      await repB.api.post(`/service/activities/${later.body.id}/complete`);

      const q4 = await repW.api.get(`/units/${unit.w}/service?period=2026-Q4`);
      expect(q4.status).toBe(200);
      expect(q4.body.unit).toEqual({ id: unit.w, name: `区卫健委${tag}` });
      expect(q4.body.totalHours).toBe(6);
      expect(
        (q4.body.members as { member: { id: string }; community: { id: string }; hours: number; activities: number }[]).map((r) => [
          r.member.id,
          r.community.id,
          r.hours,
          r.activities,
        ]),
      ).toEqual([
        [m[4]!.id, unit.a, 2.5, 1],
        [m[0]!.id, unit.a, 2, 1],
        [m[3]!.id, unit.a, 1.5, 1],
      ]);
      expect((await repW.api.get(`/units/${unit.w}/service?period=2026-10`)).body.totalHours).toBe(6);
      expect((await repW.api.get(`/units/${unit.w}/service?period=2026-09`)).body.totalHours).toBe(0);
      const q1 = await repW.api.get(`/units/${unit.w}/service?period=2027-Q1`);
      expect(q1.body.members).toEqual([{ member: { id: m[0]!.id, name: m[0]!.name }, community: { id: unit.b, name: `安华里社区${tag}` }, hours: 3, activities: 1 }]);
      // The current quarter when none is asked for.
      expect((await repW.api.get(`/units/${unit.w}/service`)).body.period).toBe('2027-Q1');
      expect((await secretary.get(`/units/${unit.w}/service?period=2026-Q4`)).body.totalHours).toBe(6);
      expect((await m[0]!.api.get(`/units/${unit.w}/service?period=2026-Q4`)).status).toBe(403);
      expect((await repA.api.get(`/units/${unit.w}/service?period=2026-Q4`)).status).toBe(403);
      expect((await repW.api.get(`/units/${unit.w}/service?period=2026-Q5`)).status).toBe(400);
    });

    it('every step is audited', async () => {
      expect(await audits('service.register')).toBe(7);
      expect(await audits('service.endRegistration')).toBe(1);
      expect(await audits('service.createActivity')).toBe(4);
      expect(await audits('service.updateActivity')).toBe(0);
      expect(await audits('service.withdraw')).toBe(1);
      expect(await audits('service.checkIn')).toBe(5);
      expect(await audits('service.complete')).toBe(2);
      expect(await audits('service.cancel')).toBe(2);
      const log = await secretary.get(`${base()}/audit?category=people&pageSize=100`);
      const checkIn = (log.body.items as { action: string; target: { name: string } | null }[]).find((e) => e.action === 'service.checkIn');
      expect(checkIn?.target?.name).toBe('冬季送温暖');
    });

    it('an edit of an open activity is audited with what changed', async () => {
      const res = await repA.api.post(`${base()}/service/activities`, {
        community: unit.a,
        title: '理发义剪',
        startsAt: bj('2027-01-20T09:00').toISOString(),
        hours: 2,
        place: '和平里社区活动室',
        needed: 3,
      });
      const edited = await repA.api.patch(`/service/activities/${res.body.id}`, { place: '和平里社区党群服务站', needed: 4 });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ place: '和平里社区党群服务站', needed: 4 });
      const entry = await server.ctx.db.models.AuditEvent.findOne({ action: 'service.updateActivity' }).lean();
      expect((entry as unknown as { changes: { field: string }[] }).changes.map((c) => c.field).sort()).toEqual(['needed', 'place']);
      // Signed-up members hear of a change of place or time, and of a cancellation (the organizer does not).
      expect((await m[1]!.api.post(`/service/activities/${res.body.id}/signup`)).status).toBe(200);
      await repA.api.patch(`/service/activities/${res.body.id}`, { startsAt: bj('2027-01-21T09:00').toISOString() });
      await repA.api.patch(`/service/activities/${res.body.id}`, { description: '自带工具' });
      await repA.api.post(`/service/activities/${res.body.id}/cancel`, { reason: '理发师临时有事' });
      const kinds = ((await m[1]!.api.get('/notifications')).body.items as { kind: string; params: Record<string, string>; link: string }[]).filter((n) =>
        n.link === `/service-activities/${res.body.id}`,
      );
      expect(kinds.map((n) => n.kind)).toEqual(['service.activityCancelled', 'service.activityChanged']);
      expect(kinds[0]!.params).toMatchObject({ title: '理发义剪', reason: '理发师临时有事' });
      expect(kinds[1]!.params).toMatchObject({ time: '2027-01-21 09:00', place: '和平里社区党群服务站' });
      expect(kinds[1]!.link).toBe(`/service-activities/${res.body.id}`);
      expect(((await repA.api.get('/notifications')).body.items as { kind: string }[]).some((n) => n.kind.startsWith('service.'))).toBe(false);
    });

    it('ending a registration withdraws the member from activities that have not started, and from those only', async () => {
      const publish = async (title: string, startsAt: string) => {
        const res = await repA.api.post(`${base()}/service/activities`, { community: unit.a, title, startsAt: bj(startsAt).toISOString(), hours: 2, place: '和平里社区', needed: 3 });
        expect(res.status).toBe(201);
        return res.body.id as string;
      };
      const soon = await publish('助老上门', '2027-01-07T09:00');
      const later = await publish('春节慰问', '2027-01-30T09:00');
      for (const id of [soon, later]) expect((await m[1]!.api.post(`/service/activities/${id}/signup`)).status).toBe(200);
      expect((await m[3]!.api.post(`/service/activities/${later}/signup`)).status).toBe(200);
      const withdrawals = await audits('service.withdraw');

      // 助老上门 is under way when the community ends the registration: that signup stays for the check-in.
      clock.set(bj('2027-01-07T10:00'), { frozen: true });
      const ended = await repA.api.post(`/service/registrations/${(await mine(m[1]!)).id}/end`);
      expect(ended.status).toBe(200);
      const signedUp = async (id: string) => ((await secretary.get(`/service/activities/${id}`)).body as ServiceActivity).signups.map((x) => x.member.id);
      expect(await signedUp(soon)).toEqual([m[1]!.id]);
      expect(await signedUp(later)).toEqual([m[3]!.id]);
      expect((await m[1]!.api.get(`/service/activities/${later}`)).body.can).toMatchObject({ signUp: false, withdraw: false });
      // Recorded as a withdrawal from that activity, with the reason.
      expect(await audits('service.withdraw')).toBe(withdrawals + 1);
      const entry = await server.ctx.db.models.AuditEvent.findOne({ action: 'service.withdraw', targetId: later }).lean();
      expect(entry!.changes!.map((c) => [c.field, c.before, c.after])).toEqual([
        ['member', m[1]!.id, undefined],
        ['reason', undefined, '双报到登记已结束'],
      ]);
    });
  });

  async function mine(p: Person): Promise<ServiceRegistration> {
    const res = await p.api.get(`${base()}/service/registrations`);
    return (res.body.items as ServiceRegistration[]).find((r) => r.member.id === p.id && r.endedAt === null)!;
  }
});
