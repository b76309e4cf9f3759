import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POINT_SCHEME, type DomainEvent, type Evidence, type Page, type PointEntry, type PointScheme, type PointTotals } from '@tongxin/shared';
import { Types } from 'mongoose';
import { SettableClock } from '../src/clock.js';
import { projectSource } from '../src/points/pointsProjector.js';
import type { ApiClient } from './support/api.js';
import { tinyPng } from './support/png.js';
import { connect, nextEvent, ok, send, setUpAlliance, type RoomClient, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

const bj = (local: string) => new Date(`${local}:00+08:00`);

/**
 * 积分制 over the real routes, a quarter on a clock the test moves: a joint meeting, 督办 items, a
 * whistle, a claimed demand, a project using a resource and 双报到 service earn points from their
 * records; replaying the events changes nothing; corrections of the records correct the points; a
 * secretary's manual entry is withdrawn; a new scheme recomputes the alliance and its caps cut.
 */
describe('积分制: points from records, exactly once', () => {
  let server: TestServer;
  let f: RoomFixture;
  let chair: RoomClient;
  const clock = new SettableClock(bj('2026-10-12T09:00'), { frozen: true });
  const heard: DomainEvent[] = [];
  let meetingId = '';

  const unit = (i: number) => f.reps[i]!.unit;
  const rep = (i: number) => f.reps[i]!.api;
  const base = () => `/alliances/${f.allianceId}`;
  const at = (local: string) => clock.set(bj(local), { frozen: true });
  const totals = async (period = '2026-Q4', api: ApiClient = f.secretary) => {
    const res = await api.get(`${base()}/points?period=${period}`);
    expect(res.status).toBe(200);
    return res.body as PointTotals;
  };
  const unitTotal = async (i: number, period = '2026-Q4') => (await totals(period)).units.find((u) => u.unit.id === unit(i))!;
  const entries = async (query = '') => (await f.secretary.get(`${base()}/points/entries?period=2026-Q4&pageSize=100${query}`)).body as Page<PointEntry>;
  const pointsChanged = () => heard.filter((e) => e.type === 'points.changed').length;
  const publish = (...events: DomainEvent[]) => server.ctx.events.publish(events);

  beforeAll(async () => {
    server = await startTestServer({}, { clock, room: { presenceGraceMs: 0 } });
    server.ctx.events.consume({ name: 'test spy', where: 'here', handle: (e) => void heard.push(e) });
    f = await setUpAlliance(server, 4);
    chair = await connect(server, f.secretary.token);
  }, 120_000);
  afterAll(async () => {
    chair?.disconnect();
    await server?.dispose();
  });

  it('starts from the default scheme, readable by every member, managed by secretaries only', async () => {
    const mine = await rep(0).get(`${base()}/points/scheme`);
    expect(mine.body).toEqual({ scheme: DEFAULT_POINT_SCHEME, can: { manage: false } });
    expect((await f.secretary.get(`${base()}/points/scheme`)).body.can.manage).toBe(true);
    expect((await f.outsider.api.get(`${base()}/points`)).status).toBe(403);
    const empty = await totals();
    expect(empty).toMatchObject({ period: '2026-Q4', start: bj('2026-10-01T00:00').toISOString(), can: { manage: true } });
    // Every member unit is listed, at zero; the observer unit (列席) is not a member that scores.
    expect(empty.units.map((u) => u.total)).toEqual([0, 0, 0, 0]);
    expect(empty.units.map((u) => u.unit.id).sort()).toEqual(f.reps.map((r) => r.unit).sort());
    expect((await rep(0).get(`${base()}/points`)).body.can.manage).toBe(false);
  });

  it('an adjourned joint meeting: +2 to each unit present or represented by proxy, −1 to the absent one, nothing to the observer', async () => {
    const created = await f.secretary.post(`${base()}/meetings`, { title: '第四季度联席会议', scheduledAt: bj('2026-10-12T14:00').toISOString(), place: '党群服务中心' });
    expect(created.status).toBe(201);
    meetingId = created.body.id;
    expect((await f.secretary.post(`/meetings/${meetingId}/schedule`)).status).toBe(200);
    at('2026-10-12T13:55');
    const observer = await connect(server, f.observer.api.token);
    const proxyGiver = await connect(server, f.reps[2]!.api.token);
    for (const s of [chair, observer, proxyGiver]) ok(await send(s, 'meeting:join', { meetingId }));
    ok(await send(chair, 'meeting:checkIn', { meetingId, unitId: unit(0) }));
    ok(await send(chair, 'meeting:checkIn', { meetingId, unitId: unit(1) }));
    ok(await send(observer, 'meeting:checkIn', { meetingId }));
    ok(await send(proxyGiver, 'meeting:proxy', { meetingId, fromUnitId: unit(2), toUserId: f.reps[0]!.id }));
    ok(await send(chair, 'meeting:start', { meetingId }));
    // Not yet: attendance counts once the meeting is over.
    expect((await entries()).total).toBe(0);
    at('2026-10-12T16:00');
    const before = pointsChanged();
    ok(await send(chair, 'meeting:adjourn', { meetingId }));
    observer.disconnect();
    proxyGiver.disconnect();
    expect(pointsChanged()).toBe(before + 1);

    const t = await totals();
    expect(Object.fromEntries(t.units.map((u) => [u.unit.id, u.total]))).toEqual({ [unit(0)]: 2, [unit(1)]: 2, [unit(2)]: 2, [unit(3)]: -1 });
    expect(t.units.at(-1)).toMatchObject({ unit: { id: unit(3) }, byCriterion: { 'meeting.absent': -1 } });
    const ledger = await entries(`&unit=${unit(0)}`);
    expect(ledger.items).toEqual([
      expect.objectContaining({
        criterion: 'meeting.attended',
        points: 2,
        unit: { id: unit(0), name: expect.any(String) },
        member: null,
        at: bj('2026-10-12T14:00').toISOString(),
        source: { kind: 'meeting', id: meetingId, title: '第四季度联席会议', link: `/meetings/${meetingId}` },
        by: null,
        voided: null,
      }),
    ]);
  });

  it('replaying the meeting’s events, or projecting it again, changes nothing', async () => {
    const before = (await entries()).items;
    const changes = pointsChanged();
    await publish(
      { type: 'meeting.adjourned', meetingId, allianceId: f.allianceId },
      { type: 'attendance.changed', meetingId, allianceId: f.allianceId },
      { type: 'meeting.adjourned', meetingId, allianceId: f.allianceId },
    );
    expect(await projectSource(server.ctx.db.models, 'meeting', meetingId)).toEqual({ allianceId: f.allianceId, changed: 0 });
    expect(pointsChanged()).toBe(changes);
    expect((await entries()).items).toEqual(before);
    expect(await server.ctx.db.models.PointEntry.countDocuments({ sourceId: new Types.ObjectId(meetingId) })).toBe(4);
  });

  it('a corrected attendance corrects the points: a check-in found to be a mistake turns +2 into −1', async () => {
    const { Attendance } = server.ctx.db.models;
    await Attendance.updateMany(
      { meeting: new Types.ObjectId(meetingId), unit: new Types.ObjectId(unit(1)) },
      { $set: { undone: { at: clock.now(), by: new Types.ObjectId(f.reps[0]!.id), reason: '误签' } } },
    );
    await publish({ type: 'attendance.changed', meetingId, allianceId: f.allianceId });
    expect((await unitTotal(1)).byCriterion).toEqual({ 'meeting.absent': -1 });
    await Attendance.updateMany({ meeting: new Types.ObjectId(meetingId), unit: new Types.ObjectId(unit(1)) }, { $set: { undone: null } });
    await publish({ type: 'attendance.changed', meetingId, allianceId: f.allianceId });
    expect((await unitTotal(1)).byCriterion).toEqual({ 'meeting.attended': 2 });
  });

  describe('督办事项: closed on time +5, late −2, by the deadline as extended', () => {
    const assign = async (title: string, lead: number, dueDate: string) => {
      const res = await f.secretary.post(`${base()}/action-items`, { title, leadUnit: unit(lead), responsiblePerson: '李秀英', dueDate });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const handIn = async (id: string, lead: number) => {
      expect((await rep(lead).post(`/action-items/${id}/progress`, { text: '已完成', percent: 100 })).status).toBe(201);
      expect((await rep(lead).post(`/action-items/${id}/transition`, { transition: 'submit' })).status).toBe(200);
    };
    const transition = (id: string, transition: string) => f.secretary.post(`/action-items/${id}/transition`, { transition, note: '核验' });
    let onTime = '';
    let extended = '';

    it('verified by the deadline: +5 to the lead unit, counted when verified; after it: −2', async () => {
      at('2026-10-13T10:00');
      onTime = await assign('老旧小区加装电梯摸排', 0, '2026-10-20');
      extended = await assign('背街小巷环境整治', 3, '2026-10-15');
      const late = await assign('停车位施划', 1, '2026-10-15');
      at('2026-10-19T10:00');
      await handIn(onTime, 0);
      // Handed in on time, verified days later: the verifier's delay is not the lead unit's.
      at('2026-10-23T10:00');
      expect((await transition(onTime, 'verify')).status).toBe(200);
      await handIn(late, 1);
      expect((await transition(late, 'verify')).status).toBe(200);
      const items = (await entries('&criterion=item.closedOnTime')).items;
      expect(items.map((e) => [e.unit!.id, e.points, e.at, e.source.link])).toEqual([[unit(0), 5, bj('2026-10-23T10:00').toISOString(), `/action-items/${onTime}`]]);
      expect((await unitTotal(1)).byCriterion).toEqual({ 'meeting.attended': 2, 'item.closedLate': -2 });
    });

    it('an item handed in late and sent back, then given a later deadline, closes on time: the extension moves it', async () => {
      at('2026-10-24T10:00');
      await handIn(extended, 3);
      expect((await transition(extended, 'reopen')).status).toBe(200);
      expect((await f.secretary.post(`/action-items/${extended}/extend`, { dueDate: '2026-10-31', reason: '需协调城管执法' })).status).toBe(200);
      at('2026-10-30T10:00');
      await handIn(extended, 3);
      expect((await transition(extended, 'verify')).status).toBe(200);
      expect((await unitTotal(3)).byCriterion).toEqual({ 'meeting.absent': -1, 'item.closedOnTime': 5 });
      // A replay of every event of the item counts nothing twice.
      const changes = pointsChanged();
      for (const type of ['actionItem.transitioned', 'actionItem.extended', 'actionItem.edited'] as const) {
        await publish({ type, allianceId: f.allianceId, meetingId: null, itemId: extended });
      }
      expect(pointsChanged()).toBe(changes);
      expect((await unitTotal(3)).total).toBe(4);
    });
  });

  describe('吹哨报到: 签收 on time +1, 不满意 −3', () => {
    let whistleId = '';
    it('the lead department 签收 on time (+1), the assisting one late (nothing)', async () => {
      at('2026-11-02T10:00');
      const res = await rep(0).post(`${base()}/whistles`, {
        unit: unit(0),
        title: '和平里北街占道经营',
        description: '夜市摊点占道，消防通道被堵',
        category: '环境整治',
        leadUnit: unit(1),
        assistingUnits: [unit(2)],
      });
      expect(res.status).toBe(201);
      whistleId = res.body.id;
      at('2026-11-02T10:20');
      expect((await rep(1).post(`/whistles/${whistleId}/departments/${unit(1)}/acknowledge`, {})).status).toBe(200);
      at('2026-11-03T15:00');
      expect((await rep(2).post(`/whistles/${whistleId}/departments/${unit(2)}/acknowledge`, {})).status).toBe(200);
      const acks = (await entries('&criterion=whistle.ackOnTime')).items;
      expect(acks.map((e) => [e.unit!.id, e.points, e.at])).toEqual([[unit(1), 1, bj('2026-11-02T10:20').toISOString()]]);
    });

    it('closed with the assisting department rated 不满意: −3; reopened, the deduction goes; re-rated 基本满意, it stays gone', async () => {
      expect((await rep(1).post(`/whistles/${whistleId}/departments/${unit(1)}/report`, { text: '已清理占道摊点' })).status).toBe(201);
      at('2026-11-04T10:00');
      const close = (assisting: string) =>
        rep(0).post(`/whistles/${whistleId}/close`, {
          ratings: [
            { unit: unit(1), rating: 'satisfied' },
            { unit: unit(2), rating: assisting, comment: '配合不力' },
          ],
        });
      expect((await close('unsatisfied')).status).toBe(200);
      expect((await unitTotal(2)).byCriterion).toEqual({ 'meeting.attended': 2, 'whistle.unsatisfied': -3 });
      expect((await rep(0).post(`/whistles/${whistleId}/reopen`, { reason: '摊点又回来了' })).status).toBe(200);
      expect((await unitTotal(2)).byCriterion).toEqual({ 'meeting.attended': 2 });
      expect((await close('basic')).status).toBe(200);
      expect((await unitTotal(2)).byCriterion).toEqual({ 'meeting.attended': 2 });
      expect((await unitTotal(1)).byCriterion).toMatchObject({ 'whistle.ackOnTime': 1 });
    });
  });

  it('a demand claimed: +3 to the unit whose offer was accepted; a resource a project commits: +2 to its owner', async () => {
    at('2026-11-05T10:00');
    const demand = await rep(0).post(`${base()}/demands`, { title: '老人助餐', category: '养老服务', unit: unit(0) });
    expect(demand.status).toBe(201);
    const offered = await rep(3).post(`/demands/${demand.body.id}/offers`, { unit: unit(3), note: '单位食堂可供餐' });
    expect(offered.status).toBe(201);
    at('2026-11-06T10:00');
    expect((await rep(0).post(`/demands/${demand.body.id}/offers/${offered.body.offers[0].id}/accept`)).status).toBe(200);
    const claimed = (await entries('&criterion=demand.claimed')).items;
    expect(claimed.map((e) => [e.unit!.id, e.points, e.source.link])).toEqual([[unit(3), 3, `/demands/${demand.body.id}`]]);

    const resource = await rep(3).post(`${base()}/resources`, { unit: unit(3), kind: 'venue', category: '养老服务', title: '职工食堂' });
    expect(resource.status).toBe(201);
    const project = await rep(0).post(`${base()}/projects`, {
      title: '幸福里助餐点共建',
      leadUnit: unit(0),
      participants: [{ unit: unit(3), commitment: '供餐', resource: resource.body.id }],
    });
    expect(project.status).toBe(201);
    expect((await unitTotal(3)).byCriterion).toEqual({ 'meeting.absent': -1, 'item.closedOnTime': 5, 'demand.claimed': 3, 'resource.used': 2 });
    // A terminated project's commitment no longer counts.
    expect((await rep(0).post(`/projects/${project.body.id}/transition`, { status: 'terminated', note: '场地另有安排' })).status).toBe(200);
    expect((await unitTotal(3)).byCriterion).toEqual({ 'meeting.absent': -1, 'item.closedOnTime': 5, 'demand.claimed': 3 });
  });

  it('双报到 service: hours × points to the member and to their work unit, from the check-in', async () => {
    const { ServiceActivity } = server.ctx.db.models;
    const member = f.reps[3]!;
    const activity = await ServiceActivity.create({
      alliance: f.allianceId,
      community: unit(0),
      title: '敬老院义诊',
      startsAt: bj('2026-11-07T09:00'),
      hours: 3,
      place: '幸福里敬老院',
      needed: 5,
      createdBy: f.reps[0]!.id,
      signups: [{ member: member.id, workUnit: member.unit, signedUpAt: bj('2026-11-06T09:00'), checkedInAt: bj('2026-11-07T12:00'), hours: 3 }],
    });
    await publish({ type: 'service.checkedIn', allianceId: f.allianceId, activityId: String(activity._id) });
    const t = await totals();
    expect(t.members).toEqual([{ member: { id: member.id, name: expect.any(String) }, workUnit: { id: member.unit, name: expect.any(String) }, total: 3, serviceHours: 3 }]);
    expect(t.units.find((u) => u.unit.id === member.unit)).toMatchObject({ serviceHours: 3, byCriterion: { 'service.hours': 3 } });
    // Cancelled: the hours no longer count.
    await ServiceActivity.updateOne({ _id: activity._id }, { $set: { status: 'cancelled' } });
    await publish({ type: 'service.activityCancelled', allianceId: f.allianceId, activityId: String(activity._id) });
    expect((await totals()).members).toEqual([]);
  });

  describe('manual entries (加分 / 扣分)', () => {
    let entry: PointEntry;

    it('refuses bad input with the field named, and anyone but a secretary', async () => {
      const post = (body: unknown, api: ApiClient = f.secretary) => api.post(`${base()}/points/manual`, body);
      const fieldsOf = (res: { body: { error: { details: unknown } } }) => JSON.stringify(res.body.error.details);
      expect((await post({ unit: unit(1), points: 2, reason: '协助组织活动' }, rep(0))).status).toBe(403);
      const zero = await post({ unit: unit(1), points: 0, reason: '协助' });
      expect(zero.status).toBe(400);
      expect(fieldsOf(zero)).toContain('points');
      const noReason = await post({ unit: unit(1), points: 2, reason: '' });
      expect(noReason.status).toBe(400);
      expect(fieldsOf(noReason)).toContain('reason');
      const both = await post({ unit: unit(1), member: f.reps[1]!.id, points: 2, reason: '协助' });
      expect(both.status).toBe(400);
      expect(fieldsOf(both)).toContain('unit');
      const outsider = await post({ unit: f.outsider.unit, points: 2, reason: '协助' });
      expect(outsider.status).toBe(422);
      expect(outsider.body.error.details).toEqual({ field: 'unit' });
      const future = await post({ unit: unit(1), points: 2, reason: '协助', date: '2026-12-01' });
      expect(future.status).toBe(422);
      expect(future.body.error.details).toEqual({ field: 'date' });
      expect((await post({ unit: unit(1), points: 2, reason: '协助', date: '2026-02-30' })).status).toBe(422);
      expect((await post({ unit: unit(1), points: 2, reason: '协助', evidence: [new Types.ObjectId().toHexString()] })).status).toBe(422);
    });

    it('a secretary adds points to a unit with a photo as evidence; it counts on the day given and is audited', async () => {
      at('2026-11-10T10:00');
      const form = new FormData();
      form.append('file', new Blob([tinyPng()]), '志愿服务现场.png');
      const up = await fetch(`${server.url}/api${base()}/points/evidence`, { method: 'POST', headers: { authorization: `Bearer ${f.secretary.token}` }, body: form });
      expect(up.status).toBe(201);
      const files = ((await up.json()) as { files: Evidence[] }).files;
      // A member's screen of the alliance hears that the points changed.
      const page = await connect(server, rep(2).token);
      ok(await send(page, 'alliance:subscribe', { allianceId: f.allianceId }));
      const live = nextEvent(page, 'points:changed');
      const res = await f.secretary.post(`${base()}/points/manual`, { unit: unit(1), points: 1.5, reason: '协助组织重阳节活动', date: '2026-11-08', evidence: [files[0]!.id] });
      expect(res.status).toBe(201);
      expect(await live).toEqual({ allianceId: f.allianceId });
      page.disconnect();
      entry = res.body;
      expect(entry).toMatchObject({
        criterion: 'manual',
        points: 1.5,
        unit: { id: unit(1) },
        at: bj('2026-11-08T12:00').toISOString(),
        source: { kind: 'manual', id: null, link: null },
        reason: '协助组织重阳节活动',
        evidence: [{ id: files[0]!.id, name: '志愿服务现场.png', kind: 'image' }],
        by: { id: expect.any(String) },
        voided: null,
      });
      // The file is readable by members of the alliance, and taken: it cannot be used again.
      expect((await fetch(`${server.url}/api/evidence/${files[0]!.id}`, { headers: { authorization: `Bearer ${rep(2).token}` } })).status).toBe(200);
      expect((await f.secretary.post(`${base()}/points/manual`, { unit: unit(2), points: 1, reason: '再用', evidence: [files[0]!.id] })).status).toBe(422);
      expect((await unitTotal(1)).byCriterion).toMatchObject({ manual: 1.5 });
      const audit = await server.ctx.db.models.AuditEvent.findOne({ action: 'points.manual', alliance: f.allianceId }).lean();
      expect(audit).toMatchObject({ targetType: 'unit', targetId: new Types.ObjectId(unit(1)) });
      expect(audit!.changes!.map((c) => [c.field, c.after])).toEqual([
        ['points', 1.5],
        ['reason', '协助组织重阳节活动'],
        ['date', '2026-11-08'],
        ['attachments', 1],
      ]);
    });

    it('a secretary withdraws it with a reason: struck through in the ledger, out of the total; automatic lines are not withdrawn by hand', async () => {
      expect((await rep(1).post(`/points/${entry.id}/void`, { reason: '重复' })).status).toBe(403);
      const noReason = await f.secretary.post(`/points/${entry.id}/void`, {});
      expect(noReason.status).toBe(400);
      const res = await f.secretary.post(`/points/${entry.id}/void`, { reason: '与重阳节活动重复记分' });
      expect(res.status).toBe(200);
      expect(res.body.voided).toMatchObject({ reason: '与重阳节活动重复记分', at: bj('2026-11-10T10:00').toISOString() });
      expect((await f.secretary.post(`/points/${entry.id}/void`, { reason: '再撤' })).status).toBe(409);
      expect((await unitTotal(1)).byCriterion.manual).toBeUndefined();
      expect((await entries('&criterion=manual')).items.map((e) => e.voided?.reason)).toEqual(['与重阳节活动重复记分']);
      const automatic = (await entries('&criterion=meeting.attended')).items[0]!;
      expect((await f.secretary.post(`/points/${automatic.id}/void`, { reason: '不算' })).status).toBe(422);
      expect((await f.secretary.post(`/points/${new Types.ObjectId().toHexString()}/void`, { reason: '不算' })).status).toBe(404);
      expect(await server.ctx.db.models.AuditEvent.countDocuments({ action: 'points.void', alliance: f.allianceId })).toBe(1);
    });
  });

  describe('the scheme', () => {
    const scheme = (change: (r: PointScheme['rules'][number]) => Partial<PointScheme['rules'][number]>): PointScheme => ({
      rules: DEFAULT_POINT_SCHEME.rules.map((r) => ({ ...r, ...change(r) })),
    });

    it('refuses a bad scheme (400 with the field) and anyone but a secretary (403)', async () => {
      expect((await rep(0).put(`${base()}/points/scheme`, DEFAULT_POINT_SCHEME)).status).toBe(403);
      const bad = await f.secretary.put(`${base()}/points/scheme`, scheme((r) => (r.criterion === 'meeting.attended' ? { points: 2.3 } : {})));
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body.error.details)).toContain('points');
      const short = await f.secretary.put(`${base()}/points/scheme`, { rules: DEFAULT_POINT_SCHEME.rules.slice(1) });
      expect(short.status).toBe(400);
      expect((await rep(0).post(`${base()}/points/rebuild`)).status).toBe(403);
    });

    it('a new scheme recomputes the alliance: meeting attendance +3, absence not counted, claims +10 capped at 5 a quarter', async () => {
      const next = scheme((r) =>
        r.criterion === 'meeting.attended'
          ? { points: 3 }
          : r.criterion === 'meeting.absent'
            ? { enabled: false }
            : r.criterion === 'demand.claimed'
              ? { points: 10, cap: 5 }
              : {},
      );
      const res = await f.secretary.put(`${base()}/points/scheme`, next);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ scheme: next, can: { manage: true } });
      expect((await rep(2).get(`${base()}/points/scheme`)).body.scheme).toEqual(next);
      const u3 = await unitTotal(3);
      expect(u3).toMatchObject({ total: 10, capped: 5, byCriterion: { 'item.closedOnTime': 5, 'demand.claimed': 5 } });
      expect((await unitTotal(0)).byCriterion).toEqual({ 'meeting.attended': 3, 'item.closedOnTime': 5 });
      expect((await entries('&criterion=meeting.absent')).total).toBe(0);
      const audit = await server.ctx.db.models.AuditEvent.findOne({ action: 'points.scheme', alliance: f.allianceId }).lean();
      expect(audit!.changes).toEqual([
        {
          field: 'scheme',
          before: '出席联席会议 +2分，不封顶；无故缺席联席会议 -1分，不封顶；认领需求 +3分，每季度最多15分',
          after: '出席联席会议 +3分，不封顶；无故缺席联席会议 -1分，不封顶（停用）；认领需求 +10分，每季度最多5分',
        },
      ]);
    });

    it('recomputing on request changes nothing when everything is right, and is audited', async () => {
      const res = await f.secretary.post(`${base()}/points/rebuild`);
      expect(res.body).toEqual({ changed: 0 });
      // A line lost from the ledger comes back.
      // Scoped to this alliance: the units come from the demo seed, whose own alliance has lines for them too.
      const lost = await server.ctx.db.models.PointEntry.deleteOne({
        alliance: new Types.ObjectId(f.allianceId),
        criterion: 'item.closedOnTime',
        unit: new Types.ObjectId(unit(0)),
      });
      expect(lost.deletedCount).toBe(1);
      expect((await f.secretary.post(`${base()}/points/rebuild`)).body).toEqual({ changed: 1 });
      expect((await unitTotal(0)).total).toBe(8);
      const audits = await server.ctx.db.models.AuditEvent.find({ action: 'points.rebuild', alliance: f.allianceId }).sort({ at: 1 }).lean();
      expect(audits.map((a) => a.changes?.[0]?.after)).toEqual([0, 1]);
    });
  });

  it('the periods: the ledger of the quarter, the months in it, and the year', async () => {
    expect((await totals('2026-10')).units.find((u) => u.unit.id === unit(0))!.total).toBe(8);
    expect((await totals('2026-11')).units.find((u) => u.unit.id === unit(3))!.byCriterion).toEqual({ 'demand.claimed': 5 });
    expect((await totals('2026-Q3')).units.every((u) => u.total === 0)).toBe(true);
    expect((await totals('2026')).units.find((u) => u.unit.id === unit(3))!.total).toBe(10);
    expect((await f.secretary.get(`${base()}/points?period=2026-Q5`)).status).toBe(400);
    expect((await f.secretary.get(`${base()}/points/entries?period=2026-13`)).status).toBe(400);
    const page = await f.secretary.get(`${base()}/points/entries?period=2026-Q4&pageSize=2&page=2`);
    expect(page.body).toMatchObject({ page: 2, pageSize: 2, total: expect.any(Number) });
    expect(page.body.items).toHaveLength(2);
  });

  it('a meeting counts the units that were members when it was held: one joining later is not absent, one that left keeps its points', async () => {
    at('2026-11-20T10:00');
    const joined = await f.secretary.post(`${base()}/members`, { unit: f.outsider.unit, role: 'member', representatives: [f.outsider.id] });
    expect(joined.status).toBe(201);
    expect((await f.secretary.delete(`${base()}/members/${unit(3)}`)).status).toBe(200);
    // The default scheme again (absence counts), which recomputes the whole alliance.
    expect((await f.secretary.put(`${base()}/points/scheme`, DEFAULT_POINT_SCHEME)).status).toBe(200);
    const ledger = await entries(`&criterion=meeting.attended`);
    expect(ledger.items.map((e) => e.unit?.id).sort()).toEqual([unit(0), unit(1), unit(2)].sort());
    const absent = await entries(`&criterion=meeting.absent`);
    expect(absent.items.map((e) => e.unit?.id)).toEqual([unit(3)]);
    expect((await entries(`&unit=${f.outsider.unit}`)).total).toBe(0);
  });
});
