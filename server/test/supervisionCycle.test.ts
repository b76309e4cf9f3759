import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditProse, type ActionItemDetail, type AuditEvent } from '@tongxin/shared';
import { SettableClock } from '../src/clock.js';
import type { ApiClient } from './support/api.js';
import { setUpAlliance, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

const zhWords = (e: AuditEvent) => {
  const p = auditProse(e, 'zh-CN');
  return [p.sentence.map((s) => s.text).join(''), ...p.changes].join('\n');
};

/**
 * The 督办 cycle on an action item, over the real routes with a clock the test moves: the lead
 * unit acknowledges (签收) within working days counted on the official calendar, asks for a later
 * deadline (延期申请) that a secretary approves or refuses, a secretary chases it (催办) — and work
 * at 0 % is not handed in for verification.
 */
describe('the 督办 cycle: 签收, 延期申请 / 审批, 催办', () => {
  // Wednesday 30 September 2026, 10:00 in Beijing: the day before the National Day holiday (1–7 October).
  const clock = new SettableClock(new Date('2026-09-30T02:00:00Z'));
  let server: TestServer;
  let f: RoomFixture;
  const LEAD = 1;

  beforeAll(async () => {
    server = await startTestServer({}, { clock });
    f = await setUpAlliance(server, 3);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const lead = () => f.reps[LEAD]!.api;
  const cooperating = () => f.reps[2]!.api;
  const assign = async (title: string, dueDate = '2026-11-30') => {
    const res = await f.secretary.post(`/alliances/${f.allianceId}/action-items`, {
      title,
      leadUnit: f.reps[LEAD]!.unit,
      cooperatingUnits: [f.reps[2]!.unit],
      responsiblePerson: '李秀英',
      measures: '一巷一策，每周巡查',
      dueDate,
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const item = async (id: string) => (await f.secretary.get(`/action-items/${id}`)).body as ActionItemDetail;

  describe('签收', () => {
    it('an item assigned the day before National Day is due for 签收 at the end of the second working day after the holiday', async () => {
      clock.set(new Date('2026-09-30T02:00:00Z'));
      const id = await assign('国庆前交办的事项');
      const view = await item(id);
      // 1–7 October are holidays: the working days after 30 September are 8 and 9 October.
      expect(view.acknowledgement).toEqual({
        at: null,
        by: null,
        dueAt: '2026-10-09T15:59:59.999Z',
        pending: true,
        overdue: false,
      });
      const stored = await server.ctx.db.models.ActionItem.findById(id).lean();
      expect(stored!.lastReportAt?.toISOString().slice(0, 16)).toBe('2026-09-30T02:00');

      clock.set(new Date('2026-10-09T15:59:00Z'));
      expect((await item(id)).acknowledgement.overdue).toBe(false);
      clock.set(new Date('2026-10-09T16:00:01Z'));
      expect((await item(id)).acknowledgement).toMatchObject({ pending: true, overdue: true });
      // The ledger rows carry it too (the 待签收 badge).
      const ledger = await f.secretary.get(`/alliances/${f.allianceId}/action-items`);
      const row = (ledger.body.items as ActionItemDetail[]).find((i) => i.id === id)!;
      expect(row.acknowledgement).toMatchObject({ pending: true, overdue: true });
    });

    it('a Friday afternoon item is due at the end of Tuesday; the alliance may shorten the window to one working day', async () => {
      // Friday 4 December 2026, 17:00 in Beijing.
      clock.set(new Date('2026-12-04T09:00:00Z'));
      const id = await assign('周五下午交办的事项', '2026-12-31');
      expect((await item(id)).acknowledgement.dueAt).toBe('2026-12-08T15:59:59.999Z');

      for (const bad of [0, 11, 1.5, '2']) {
        const res = await f.secretary.patch(`/alliances/${f.allianceId}`, { ackWorkingDays: bad });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION');
      }
      const set = await f.secretary.patch(`/alliances/${f.allianceId}`, { ackWorkingDays: 1 });
      expect(set.status).toBe(200);
      expect(set.body.ackWorkingDays).toBe(1);
      const shorter = await assign('设置一个工作日后交办的事项', '2026-12-31');
      expect((await item(shorter)).acknowledgement.dueAt).toBe('2026-12-07T15:59:59.999Z');
      // Items already assigned keep the 签收时限 they were given.
      expect((await item(id)).acknowledgement.dueAt).toBe('2026-12-08T15:59:59.999Z');
      await f.secretary.patch(`/alliances/${f.allianceId}`, { ackWorkingDays: 2 });
    });

    it('only a person of the lead unit acknowledges, once; the others are refused', async () => {
      clock.set(new Date('2026-12-07T02:00:00Z'));
      const id = await assign('待签收的事项', '2026-12-31');
      expect((await lead().get(`/action-items/${id}`)).body.can.acknowledge).toBe(true);
      expect((await f.secretary.get(`/action-items/${id}`)).body.can.acknowledge).toBe(false);
      for (const other of [cooperating(), f.secretary, f.reps[0]!.api, f.observer.api]) {
        expect((await other.post(`/action-items/${id}/acknowledge`)).status).toBe(403);
      }
      expect((await f.outsider.api.post(`/action-items/${id}/acknowledge`)).status).toBe(403);

      clock.set(new Date('2026-12-07T03:30:00Z'));
      const res = await lead().post(`/action-items/${id}/acknowledge`);
      expect(res.status).toBe(200);
      expect(res.body.acknowledgement).toMatchObject({ by: { id: f.reps[LEAD]!.id }, pending: false, overdue: false });
      expect(res.body.acknowledgement.at.slice(0, 16)).toBe('2026-12-07T03:30');
      expect(res.body.can.acknowledge).toBe(false);
      const again = await lead().post(`/action-items/${id}/acknowledge`);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('INVALID_STATE');
    }, 30_000);

    it('the lead unit’s first progress report acknowledges the item and counts as its last report', async () => {
      clock.set(new Date('2026-12-07T02:00:00Z'));
      const id = await assign('报送即签收的事项', '2026-12-31');
      clock.set(new Date('2026-12-08T01:00:00Z'));
      const res = await lead().post(`/action-items/${id}/progress`, { text: '已完成摸排', percent: 20 });
      expect(res.status).toBe(201);
      expect(res.body.acknowledgement).toMatchObject({ by: { id: f.reps[LEAD]!.id }, pending: false });
      expect(res.body.acknowledgement.at.slice(0, 16)).toBe('2026-12-08T01:00');
      const stored = await server.ctx.db.models.ActionItem.findById(id).lean();
      expect(stored!.lastReportAt?.toISOString().slice(0, 16)).toBe('2026-12-08T01:00');
    });

    it('an item from before 签收 existed counts as acknowledged', async () => {
      const id = await assign('老事项', '2026-12-31');
      await server.ctx.db.models.ActionItem.updateOne({ _id: id }, { $set: { ackDueAt: null, acknowledgedAt: null } });
      const view = (await lead().get(`/action-items/${id}`)).body as ActionItemDetail;
      expect(view.acknowledgement).toEqual({ at: null, by: null, dueAt: null, pending: false, overdue: false });
      expect(view.can.acknowledge).toBe(false);
      expect((await lead().post(`/action-items/${id}/acknowledge`)).status).toBe(409);
    });
  });

  describe('延期申请 and 审批', () => {
    it('the lead unit asks for a later date; a secretary approves: the deadline moves and the history keeps the old one', async () => {
      clock.set(new Date('2026-12-07T02:00:00Z'));
      const id = await assign('申请延期的事项', '2026-12-31');
      const ask = (api = lead(), body: unknown = { to: '2027-01-31', reason: '施工队进场推迟' }) =>
        api.post(`/action-items/${id}/extension-requests`, body);

      expect((await ask(cooperating())).status).toBe(403);
      expect((await ask(f.secretary)).status).toBe(403);
      for (const [body, problem] of [
        [{ to: '2026-12-20', reason: '太早' }, 'notLater'],
        [{ to: '2026-12-31', reason: '同一天' }, 'notLater'],
      ] as const) {
        const res = await ask(lead(), body);
        expect(res.status).toBe(400);
        expect(res.body.error.details).toMatchObject({ field: 'to', problem });
      }
      expect((await ask(lead(), { to: '2027-02-30', reason: '无效日期' })).status).toBe(400);
      expect((await ask(lead(), { to: '2027-01-31', reason: '' })).status).toBe(400);

      const asked = await ask();
      expect(asked.status).toBe(201);
      expect(asked.body.extensionRequests).toMatchObject([
        { from: '2026-12-31', to: '2027-01-31', reason: '施工队进场推迟', status: 'pending', by: { id: f.reps[LEAD]!.id } },
      ]);
      expect(asked.body.dueDate).toBe('2026-12-31');
      expect(asked.body.can).toMatchObject({ requestExtension: false, decideExtension: false });
      // One waits at a time.
      const second = await ask(lead(), { to: '2027-02-28', reason: '再申请一次' });
      expect(second.status).toBe(409);
      expect(second.body.error.code).toBe('INVALID_STATE');

      const requestId = asked.body.extensionRequests[0].id as string;
      const decide = (api: ApiClient, body: unknown) =>
        api.post(`/action-items/${id}/extension-requests/${requestId}/decision`, body);
      expect((await decide(lead(), { approve: true })).status).toBe(403);
      expect((await f.secretary.get(`/action-items/${id}`)).body.can.decideExtension).toBe(true);
      const approved = await decide(f.secretary, { approve: true, note: '同意，请按新时限完成' });
      expect(approved.status).toBe(200);
      expect(approved.body.dueDate).toBe('2027-01-31');
      expect(approved.body.originalDueDate).toBe('2026-12-31');
      expect(approved.body.deadlineHistory).toMatchObject([
        { from: '2026-12-31', to: '2027-01-31', reason: '施工队进场推迟', by: { name: '孙丽' } },
      ]);
      expect(approved.body.extensionRequests[0]).toMatchObject({
        status: 'approved',
        decidedBy: { name: '孙丽' },
        decisionNote: '同意，请按新时限完成',
      });
      expect((await decide(f.secretary, { approve: false, note: '改主意' })).status).toBe(409);
    });

    it('a refusal needs its reason and leaves the deadline; the lead unit may then ask again', async () => {
      const id = await assign('延期被拒的事项', '2026-12-31');
      const asked = await lead().post(`/action-items/${id}/extension-requests`, { to: '2027-03-31', reason: '资金未到位' });
      const requestId = asked.body.extensionRequests[0].id as string;
      const url = `/action-items/${id}/extension-requests/${requestId}/decision`;
      const bare = await f.secretary.post(url, { approve: false });
      expect(bare.status).toBe(400);
      expect(bare.body.error.code).toBe('VALIDATION');
      const refused = await f.secretary.post(url, { approve: false, note: '资金已落实，请按期完成' });
      expect(refused.status).toBe(200);
      expect(refused.body.dueDate).toBe('2026-12-31');
      expect(refused.body.deadlineHistory).toEqual([]);
      expect(refused.body.extensionRequests[0]).toMatchObject({ status: 'refused', decisionNote: '资金已落实，请按期完成' });
      const again = await lead().post(`/action-items/${id}/extension-requests`, { to: '2027-01-15', reason: '只需半个月' });
      expect(again.status).toBe(201);
      expect(again.body.extensionRequests.map((r: { status: string }) => r.status)).toEqual(['refused', 'pending']);
      // A supervisor's own direct 延期 still works alongside.
      const direct = await f.secretary.post(`/action-items/${id}/extend`, { dueDate: '2027-01-10', reason: '秘书直接调整' });
      expect(direct.status).toBe(200);
      expect(direct.body.dueDate).toBe('2027-01-10');
    });
  });

  describe('催办', () => {
    it('a secretary chases the lead unit at most once in ten minutes; the item counts the reminders', async () => {
      clock.set(new Date('2026-12-07T02:00:00Z'), { frozen: true });
      const id = await assign('需要催办的事项', '2026-12-31');
      expect((await lead().post(`/action-items/${id}/nudges`, { note: '自己催自己' })).status).toBe(403);
      expect((await f.secretary.post(`/action-items/${id}/nudges`, { note: '长'.repeat(501) })).status).toBe(400);

      const first = await f.secretary.post(`/action-items/${id}/nudges`, { note: '请本周内报送进展' });
      expect(first.status).toBe(201);
      expect(first.body.nudgeCount).toBe(1);
      expect(first.body.nudges).toMatchObject([{ note: '请本周内报送进展', by: { name: '孙丽' } }]);

      clock.advance(9 * 60_000);
      const soon = await f.secretary.post(`/action-items/${id}/nudges`, {});
      expect(soon.status).toBe(429);
      expect(soon.body.error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 60 } });
      expect(soon.body.error.message).toContain('分钟后再催办');

      clock.advance(60_000);
      const second = await f.secretary.post(`/action-items/${id}/nudges`, {});
      expect(second.status).toBe(201);
      expect(second.body.nudgeCount).toBe(2);
      expect(second.body.nudges[1].note).toBe('');
      clock.set(new Date('2026-12-07T03:00:00Z'));
    });

    it('two reminders or two requests at the same moment: one lands, the other is told why', async () => {
      const id = await assign('同时催办的事项', '2026-12-31');
      const nudges = await Promise.all([
        f.secretary.post(`/action-items/${id}/nudges`, { note: '甲' }),
        f.secretary.post(`/action-items/${id}/nudges`, { note: '乙' }),
      ]);
      expect(nudges.map((r) => r.status).sort()).toEqual([201, 429]);
      const asks = await Promise.all(
        ['2027-01-10', '2027-01-20'].map((to) => lead().post(`/action-items/${id}/extension-requests`, { to, reason: '并发' })),
      );
      expect(asks.map((r) => r.status).sort()).toEqual([201, 409]);
      expect((await item(id)).extensionRequests).toHaveLength(1);
    });
  });

  it('work at 0 % is not handed in; a sending back needs its reason', async () => {
    const id = await assign('零进度提请验收', '2026-12-31');
    const refused = await lead().post(`/action-items/${id}/transition`, { transition: 'submit' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'INVALID_STATE',
      message: '进度为 0% 时不能提请验收，请先报告推进情况',
    });
    expect((await item(id)).status).toBe('todo');
    await lead().post(`/action-items/${id}/progress`, { text: '完成一半', percent: 50 });
    expect((await lead().post(`/action-items/${id}/transition`, { transition: 'submit' })).status).toBe(200);
    const bare = await f.secretary.post(`/action-items/${id}/transition`, { transition: 'reopen' });
    expect(bare.status).toBe(400);
    const reopened = await f.secretary.post(`/action-items/${id}/transition`, { transition: 'reopen', note: '照片不全' });
    expect(reopened.body.status).toBe('in_progress');
  });

  it('every step of the cycle is in the audit log, in words a secretary reads', async () => {
    const page = await f.secretary.get(`/alliances/${f.allianceId}/audit?category=actionItem&pageSize=100`);
    expect(page.status).toBe(200);
    const words = (page.body.items as AuditEvent[]).map(zhWords).join('\n---\n');
    expect(words).toContain('签收了督办事项《待签收的事项》');
    expect(words).toContain('签收了督办事项《报送即签收的事项》');
    expect(words).toContain('申请将督办事项《申请延期的事项》延期');
    expect(words).toContain('申请延期至：2027年1月31日');
    expect(words).toContain('批准了督办事项《申请延期的事项》的延期申请');
    expect(words).toContain('完成时限：2026年12月31日 → 2027年1月31日');
    expect(words).toContain('不予批准督办事项《延期被拒的事项》的延期申请');
    expect(words).toContain('催办了督办事项《需要催办的事项》');
    expect(words).toContain('说明：请本周内报送进展');
    expect(words).toContain('累计催办次数：2');
    const settings = await f.secretary.get(`/alliances/${f.allianceId}/audit?category=membership&pageSize=100`);
    expect((settings.body.items as AuditEvent[]).map(zhWords).join('\n')).toContain('签收时限（工作日）：2 → 1');
  });
});
