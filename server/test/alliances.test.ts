import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type ApiClient } from './support/api.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/**
 * The walk-through: the secretary forms an alliance of three units, names
 * representatives, schedules a meeting; a representative sees it; an outsider does not.
 */
describe('alliances, members and meetings', () => {
  let server: TestServer;
  let admin: ApiClient;
  let secretary: ApiClient;
  let reps: Record<string, { id: string; unit: string }>;
  let allianceId: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await loginAs(server, 'admin');
    secretary = await loginAs(server, 'secretary');
    const users = (await admin.get('/users?pageSize=100')).body.items as { id: string; login: string; unit: string }[];
    reps = Object.fromEntries(users.map((u) => [u.login, u]));
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const unitOf = (login: string) => reps[login]!.unit;

  it('the secretary creates an alliance of three units with representatives', async () => {
    const res = await secretary.post('/alliances', {
      name: '背街小巷治理专项联盟',
      kind: 'thematic',
      description: '街道牵头，住建、城管协同',
      memberships: [
        { unit: unitOf('rep1'), role: 'lead', representatives: [reps.rep1!.id] },
        { unit: unitOf('rep5'), role: 'member', representatives: [reps.rep5!.id] },
        { unit: unitOf('rep6'), role: 'observer', representatives: [] },
      ],
    });
    expect(res.status).toBe(201);
    allianceId = res.body.id;
    expect(res.body.memberships).toHaveLength(3);
    expect(res.body.secretaries.map((s: { name: string }) => s.name)).toEqual(['孙丽']);
    // Observers attend but do not take turns convening.
    expect(res.body.rotation.map((u: { id: string }) => u.id)).toEqual([unitOf('rep1'), unitOf('rep5')]);
    expect(res.body.nextConvener.id).toBe(unitOf('rep1'));
  });

  it('adds a representative to a member unit, and refuses one from another unit', async () => {
    const ok = await secretary.patch(`/alliances/${allianceId}/members/${unitOf('rep6')}`, {
      representatives: [reps.rep6!.id],
    });
    expect(ok.status).toBe(200);
    const wrong = await secretary.patch(`/alliances/${allianceId}/members/${unitOf('rep6')}`, {
      representatives: [reps.rep2!.id],
    });
    expect(wrong.status).toBe(400);
  });

  it('bad bodies get 400 with the zod issues', async () => {
    const res = await secretary.post('/alliances', { name: '', kind: 'galactic' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    const paths = (res.body.error.details as { path: string[] }[]).map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'kind']));
  });

  it('a duplicate alliance name is a 409', async () => {
    const res = await secretary.post('/alliances', { name: '背街小巷治理专项联盟', kind: 'thematic' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
  });

  it('only secretaries and the convener unit’s representatives schedule meetings', async () => {
    const body = { title: '第一次专项会议', scheduledAt: '2026-12-10T02:00:00.000Z', place: '街道会议室' };
    const rep5 = await loginAs(server, 'rep5');
    // rep5 represents a member unit, but the next convener is rep1's unit.
    expect((await rep5.post(`/alliances/${allianceId}/meetings`, body)).status).toBe(403);
    const rep1 = await loginAs(server, 'rep1');
    const created = await rep1.post(`/alliances/${allianceId}/meetings`, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ seq: 1, status: 'draft', convenerUnit: { id: unitOf('rep1') } });

    const second = await secretary.post(`/alliances/${allianceId}/meetings`, { ...body, title: '第二次专项会议' });
    expect(second.status).toBe(201);
    // The rotation moves on: the next meeting's convener is the unit after the last one.
    expect(second.body).toMatchObject({ seq: 2, convenerUnit: { id: unitOf('rep5') } });

    const scheduled = await secretary.post(`/meetings/${created.body.id}/schedule`);
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.status).toBe('scheduled');
    expect((await secretary.post(`/meetings/${created.body.id}/schedule`)).status).toBe(409);
    expect((await secretary.post(`/meetings/${created.body.id}/explode`)).status).toBe(404);
  });

  it('a member unit’s representative sees the alliance and its meetings; an outsider gets 403', async () => {
    const rep5 = await loginAs(server, 'rep5');
    const list = await rep5.get(`/alliances/${allianceId}/meetings?when=upcoming`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((m: { title: string }) => m.title)).toContain('第一次专项会议');

    const outsider = await loginAs(server, 'rep2');
    expect((await outsider.get(`/alliances/${allianceId}`)).status).toBe(403);
    expect((await outsider.get(`/meetings/${list.body.items[0].id}`)).status).toBe(403);
    expect((await outsider.get(`/alliances/${allianceId}/meetings`)).status).toBe(403);
    expect((await outsider.get('/alliances/000000000000000000000000')).status).toBe(404);
    const mine = await outsider.get('/alliances');
    expect(mine.body.items.map((a: { name: string }) => a.name)).not.toContain('背街小巷治理专项联盟');
  });

  it('an observer unit’s representative can read but not manage or schedule', async () => {
    const observer = await loginAs(server, 'rep6');
    expect((await observer.get(`/alliances/${allianceId}`)).status).toBe(200);
    expect((await observer.patch(`/alliances/${allianceId}`, { description: '改一下' })).status).toBe(403);
    const meeting = await observer.post(`/alliances/${allianceId}/meetings`, {
      title: '列席单位不能召集',
      scheduledAt: '2026-12-20T02:00:00.000Z',
      place: '某处',
      convenerUnit: unitOf('rep6'),
    });
    expect(meeting.status).toBe(400);
  });

  it('only admins edit units; secretaries may add one (forming an alliance needs it)', async () => {
    const unit = { name: '区教育委员会', kind: 'agency', level: 'district' };
    expect((await secretary.post('/units', { ...unit, name: '区科学技术协会' })).status).toBe(201);
    const created = await admin.post('/units', unit);
    expect(created.status).toBe(201);
    expect((await admin.post('/units', unit)).status).toBe(409);
    const renamed = await admin.patch(`/units/${created.body.id}`, { name: '区教育委员会（教工委）' });
    expect(renamed.body).toMatchObject({ name: '区教育委员会（教工委）', kind: 'agency' });
    expect((await secretary.patch(`/units/${created.body.id}`, { name: '改名' })).status).toBe(403);
  });

  it('the audit list shows each change with actor and unit, newest first, paginated', async () => {
    const page = await secretary.get(`/alliances/${allianceId}/audit?pageSize=3`);
    expect(page.status).toBe(200);
    expect(page.body.total).toBeGreaterThanOrEqual(5);
    expect(page.body.items).toHaveLength(3);
    expect(page.body.items[0]).toMatchObject({
      action: 'meeting.schedule',
      actor: { name: '孙丽' },
      actorUnit: { name: '和平街道党工委' },
    });
    const all = await secretary.get(`/alliances/${allianceId}/audit?pageSize=100`);
    expect(all.body.items.map((e: { action: string }) => e.action).reverse()).toEqual([
      'alliance.create',
      'alliance.updateMember',
      'meeting.create',
      'meeting.create',
      'meeting.schedule',
    ]);
    expect((await secretary.get(`/alliances/${allianceId}/audit?pageSize=1000`)).status).toBe(400);
  });
});
