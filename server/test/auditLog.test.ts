import { AuditEventSchema, auditProse, pageOf, type AuditEvent } from '@tongxin/shared';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, request, type ApiClient } from './support/api.js';
import { startTestServer, type TestServer } from './support/testServer.js';

const PageSchema = pageOf(AuditEventSchema);
/** What a reader sees of an event, in Chinese. */
const zhWords = (e: AuditEvent) => {
  const p = auditProse(e, 'zh-CN');
  return [p.sentence.map((s) => s.text).join(''), ...p.changes, e.note ?? ''].join('\n');
};

/**
 * Issue #12 §2: the audit log reads as prose — who, which unit, what, on which meeting, decision
 * or item (a link), when — over the real routes, with the filters a secretary uses.
 */
describe('the audit log in words', () => {
  let server: TestServer;
  let secretary: ApiClient;
  let admin: ApiClient;
  let allianceId: string;
  let meetingId: string;

  beforeAll(async () => {
    server = await startTestServer();
    secretary = await loginAs(server, 'secretary');
    admin = await loginAs(server, 'admin');
    allianceId = (await secretary.get('/me')).body.alliances[0].id;
    const created = await secretary.post(`/alliances/${allianceId}/meetings`, {
      title: '第3次联席会议',
      scheduledAt: '2026-12-03T06:00:00.000Z',
      place: '和平街道会议室',
    });
    expect(created.status).toBe(201);
    meetingId = created.body.id;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const log = async (api: ApiClient, path: string) => {
    const res = await api.get(path);
    expect(res.status).toBe(200);
    return PageSchema.parse(res.body);
  };

  it('a new meeting: the secretary and her unit, the meeting by title with its page, its time and convener resolved', async () => {
    const page = await log(secretary, `/alliances/${allianceId}/audit?pageSize=100`);
    const created = page.items.find((e) => e.action === 'meeting.create' && e.targetId === meetingId)!;
    expect(created).toMatchObject({
      actor: { name: '孙丽' },
      actorUnit: { name: '和平街道党工委' },
      category: 'meeting',
      target: { kind: 'meeting', name: '第3次联席会议', path: `/meetings/${meetingId}` },
    });
    expect(created.changes).toContainEqual({ field: 'scheduledAt', after: { type: 'time', at: '2026-12-03T06:00:00.000Z' } });
    const convener = created.changes.find((c) => c.field === 'convenerUnit');
    expect(convener?.after).toMatchObject({ type: 'ref', ref: { kind: 'unit', name: expect.stringMatching(/\S/) } });
    expect(zhWords(created)).toMatch(/和平街道党工委 孙丽 创建了会议《第3次联席会议》\n/);
    expect(zhWords(created)).toContain('开会时间：12月3日 14:00');
  });

  it('no event of the seeded history reads with an id, a code, JSON or a UTC timestamp', async () => {
    const page = await log(secretary, `/alliances/${allianceId}/audit?pageSize=100`);
    expect(page.total).toBeGreaterThan(5);
    for (const e of page.items) {
      const words = zhWords(e);
      expect({ action: e.action, words }).not.toMatchObject({ words: expect.stringMatching(/[0-9a-f]{24}|\d{4}-\d{2}-\d{2}T|[{}]|\b[a-z]+[._][a-zA-Z_]+\b/) });
    }
    const scheduled = page.items.find((e) => e.action === 'meeting.schedule')!;
    expect(scheduled.changes).toEqual([
      { field: 'status', before: { type: 'enum', key: 'meetingStatus.draft' }, after: { type: 'enum', key: 'meetingStatus.scheduled' } },
    ]);
  });

  it('filters: by kind of action, by acting unit, by period; bad filters are refused', async () => {
    const meetings = await log(secretary, `/alliances/${allianceId}/audit?category=meeting&pageSize=100`);
    expect(meetings.total).toBeGreaterThan(0);
    expect(meetings.items.every((e) => e.category === 'meeting')).toBe(true);
    const membership = await log(secretary, `/alliances/${allianceId}/audit?category=membership&pageSize=100`);
    expect(membership.items.map((e) => e.action)).toContain('alliance.create');
    expect(membership.items.every((e) => e.category === 'membership')).toBe(true);

    const sunli = meetings.items.find((e) => e.actor?.name === '孙丽')!;
    const byUnit = await log(secretary, `/alliances/${allianceId}/audit?unit=${sunli.actorUnit!.id}&pageSize=100`);
    expect(byUnit.items.length).toBeGreaterThan(0);
    expect(byUnit.items.every((e) => e.actorUnit?.id === sunli.actorUnit!.id)).toBe(true);

    // The seeded alliance was founded on 15 January 2026 (10:00 Beijing time).
    const jan15 = await log(
      secretary,
      `/alliances/${allianceId}/audit?from=2026-01-14T16:00:00.000Z&to=2026-01-15T16:00:00.000Z`,
    );
    expect(jan15.items.map((e) => e.action)).toEqual(['alliance.create']);
    const none = await log(secretary, `/alliances/${allianceId}/audit?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z`);
    expect(none).toMatchObject({ total: 0, items: [] });

    for (const q of ['category=everything', 'unit=zzz', 'from=yesterday']) {
      expect((await secretary.get(`/alliances/${allianceId}/audit?${q}`)).status).toBe(400);
    }
  });

  it('older events: `key: value` summaries become changes, plain words stay, anything else is left out', async () => {
    const { AuditEvent, ActionItem } = server.ctx.db.models;
    const item = await ActionItem.findOne({ alliance: allianceId }).lean();
    const secretaryId = (await secretary.get('/me')).body.user.id;
    const at = new Date('2026-02-01T01:00:00Z');
    await AuditEvent.insertMany([
      { action: 'actionItem.reopen', targetType: 'action_item', targetId: item!._id, alliance: allianceId, actor: secretaryId, before: 'status: awaiting_verification', after: 'status: in_progress; note: 佐证材料不全', at },
      { action: 'actionItem.cancel', targetType: 'action_item', targetId: item!._id, alliance: allianceId, actor: secretaryId, after: '{"status":"cancelled"}', at },
      { action: 'actionItem.cancel', targetType: 'action_item', targetId: new Types.ObjectId(), alliance: allianceId, actor: secretaryId, after: '经联席会议研究取消', at },
    ]);
    const page = await log(secretary, `/alliances/${allianceId}/audit?from=2026-02-01T00:00:00Z&to=2026-02-02T00:00:00Z`);
    const [gone, json, reopened] = page.items;
    expect(reopened!.changes).toEqual([
      { field: 'status', before: { type: 'enum', key: 'actionItems.status.awaiting_verification' }, after: { type: 'enum', key: 'actionItems.status.in_progress' } },
      { field: 'note', after: { type: 'text', text: '佐证材料不全' } },
    ]);
    expect(zhWords(reopened!)).toContain('状态：已完成待验收 → 进行中');
    expect(json).toMatchObject({ changes: [] });
    expect(json).not.toHaveProperty('note');
    expect(gone).toMatchObject({ note: '经联席会议研究取消', target: { kind: 'action_item', name: '—' } });
    expect(zhWords(gone!)).toContain('取消了督办事项《（已删除）》');
  });

  describe('the system log (GET /api/audit)', () => {
    it('is for administrators only', async () => {
      expect((await secretary.get('/audit')).status).toBe(403);
      expect((await (await loginAs(server, 'rep1')).get('/audit')).status).toBe(403);
    });

    it('holds what happened outside any alliance, in words: a unit added, a login refused', async () => {
      const unit = await admin.post('/units', { name: '区教育委员会', kind: 'agency', level: 'district' });
      expect(unit.status).toBe(201);
      expect((await request(server, 'POST', '/auth/token', { login: 'nobody', password: 'Wrong-Secret-1' })).status).toBe(401);
      const page = await log(admin, '/audit?pageSize=100');
      expect(page.items.some((e) => e.targetType === 'alliance' || e.category === 'membership')).toBe(false);
      const created = page.items.find((e) => e.action === 'unit.create')!;
      expect(created).toMatchObject({ actor: { name: '系统管理员' }, target: { kind: 'unit', name: '区教育委员会' } });
      expect(zhWords(created)).toMatch(/系统管理员 新增了单位“区教育委员会”\n/);
      expect(zhWords(created)).toContain('类型：机关');
      const failed = page.items.find((e) => e.action === 'login.failed')!;
      expect(failed).toMatchObject({ actor: null, login: 'nobody', target: null, changes: [] });
      expect(failed.ip).toMatch(/127\.0\.0\.1/);
      expect(zhWords(failed)).toMatch(/登录名“nobody” 登录失败/);
      const people = await log(admin, '/audit?category=people&pageSize=100');
      expect(people.items.every((e) => e.category === 'people')).toBe(true);
      expect(people.total).toBe(page.items.filter((e) => e.category === 'people').length);
    });
  });
});
