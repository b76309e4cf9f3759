import { DOC_CLOSE } from '@tongxin/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, request, type ApiClient } from './support/api.js';
import { connect, nextEvent, ok, send, setUpAlliance, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { openDoc, until } from './support/yjsClient.js';

interface Row {
  id: string;
  login: string;
  name: string;
  unit: string | null;
  active: boolean;
  mustChangePassword: boolean;
  represents: { alliance: { id: string; name: string }; unit: { id: string; name: string } }[];
}

const token = (login: string, password: string, server: TestServer) =>
  request(server, 'POST', '/auth/token', { login, password });

describe('units (成员单位) on the setup screen', () => {
  let server: TestServer;
  let admin: ApiClient;
  let secretary: ApiClient;
  let rep: ApiClient;
  beforeAll(async () => {
    server = await startTestServer();
    [admin, secretary, rep] = await Promise.all([
      loginAs(server, 'admin'),
      loginAs(server, 'secretary'),
      loginAs(server, 'rep1'),
    ]);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('a deactivated unit leaves the default list, is kept with active: false, and comes back when reactivated', async () => {
    const created = await admin.post('/units', {
      name: '青龙社区党委',
      kind: 'community',
      level: 'community',
      region: '东城区',
    });
    expect(created.status).toBe(201);
    expect(created.body.active).toBe(true);
    const id = created.body.id as string;
    const edited = await admin.patch(`/units/${id}`, { name: '青龙胡同社区党委', region: '东城区安定门' });
    expect(edited.body).toMatchObject({ name: '青龙胡同社区党委', region: '东城区安定门' });

    expect((await admin.post(`/units/${id}/deactivate`)).body.active).toBe(false);
    const active = await admin.get('/units?pageSize=100');
    expect(active.body.items.map((u: { id: string }) => u.id)).not.toContain(id);
    const all = await admin.get('/units?pageSize=100&status=all&q=青龙');
    expect(all.body.items).toEqual([expect.objectContaining({ id, active: false })]);
    expect((await admin.get('/units?status=inactive')).body.items.map((u: { id: string }) => u.id)).toEqual([id]);
    expect((await admin.get(`/units/${id}`)).body.active).toBe(false);

    expect((await admin.post(`/units/${id}/reactivate`)).body.active).toBe(true);
    expect((await admin.get('/units?pageSize=100&q=青龙')).body.items.map((u: { id: string }) => u.id)).toEqual([id]);
    const audit = await server.ctx.db.models.AuditEvent.find({ targetId: id }).sort({ at: 1 }).lean();
    expect(audit.map((a) => a.action)).toEqual(['unit.create', 'unit.update', 'unit.deactivate', 'unit.reactivate']);
  });

  it('a secretary may add a unit (forming an alliance needs one) but not edit or deactivate one; a representative may do neither', async () => {
    const byRep = await rep.post('/units', { name: '代表新增单位', kind: 'other', level: 'community' });
    expect(byRep.status).toBe(403);
    const bySecretary = await secretary.post('/units', { name: '秘书新增单位', kind: 'other', level: 'community' });
    expect(bySecretary.status).toBe(201);
    const id = bySecretary.body.id as string;
    expect((await secretary.patch(`/units/${id}`, { name: '改名' })).status).toBe(403);
    expect((await secretary.post(`/units/${id}/deactivate`)).status).toBe(403);
    expect((await rep.post(`/units/${id}/deactivate`)).status).toBe(403);
    expect((await admin.get(`/units/${id}`)).body.active).toBe(true);
  });

  it('bad input changes nothing and says which field', async () => {
    const bad = await admin.post('/units', { name: '', kind: 'castle', level: 'subdistrict' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(['kind', 'name']);
    expect((await admin.post('/units/000000000000000000000000/deactivate')).status).toBe(404);
  });
});

describe('people on the setup screen', () => {
  let server: TestServer;
  let f: RoomFixture;
  let otherUnit: string;
  beforeAll(async () => {
    server = await startTestServer();
    f = await setUpAlliance(server, 3);
    otherUnit = (await f.admin.post('/units', { name: '乙街道党工委', kind: 'street', level: 'subdistrict' })).body.id;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const people = async (api: ApiClient, query = '') =>
    (await api.get(`/users?pageSize=100${query}`)).body.items as Row[];

  it('an admin creates a person with a one-time password, shown once, that works once and forces a change', async () => {
    const unit = f.reps[0]!.unit;
    const created = await f.admin.post('/users', {
      name: '吴新',
      login: 'wuxin',
      unit,
      phone: '010-6400 1234',
      email: 'wu@example.cn',
    });
    expect(created.status).toBe(201);
    const otp = created.body.oneTimePassword as string;
    expect(otp).toMatch(/^[A-Za-z2-9]{14}$/);
    expect(otp).not.toMatch(/[01OIl]/);
    const row = (await people(f.admin, '&q=wuxin'))[0]!;
    expect(row).toMatchObject({ login: 'wuxin', mustChangePassword: true, active: true });
    expect(JSON.stringify(row)).not.toContain(otp);

    const first = await loginAs(server, 'wuxin', otp);
    const refused = await first.post('/yjs-ticket');
    expect(refused.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    // Nor in through the live room.
    await expect(connect(server, first.token)).rejects.toThrow(/PASSWORD_CHANGE_REQUIRED/);

    expect((await first.post('/me/password', { currentPassword: otp, newPassword: 'wuxin-own-password' })).status).toBe(
      204,
    );
    expect((await token('wuxin', otp, server)).status).toBe(401);
    const own = await loginAs(server, 'wuxin', 'wuxin-own-password');
    expect((await own.get('/me')).body.user.mustChangePassword).toBe(false);
    expect((await own.post('/yjs-ticket')).status).toBe(201);
  });

  it('a reset gives a one-time password once: the old one stops working, the new one forces a change', async () => {
    const target = f.outsider;
    const reset = await f.admin.post(`/users/${target.id}/password`, {});
    expect(reset.status).toBe(200);
    const otp = reset.body.oneTimePassword as string;
    expect(otp).toHaveLength(14);
    expect((await token(target.login, target.password!, server)).status).toBe(401);
    const api = await loginAs(server, target.login, otp);
    expect((await api.get('/me')).body.user.mustChangePassword).toBe(true);
    expect((await api.post(`/alliances/${f.allianceId}/meetings`, { title: 'x' })).body.error.code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    expect(
      (await api.post('/me/password', { currentPassword: otp, newPassword: target.password! + '-2' })).status,
    ).toBe(204);
    expect((await token(target.login, otp, server)).status).toBe(401);
    await loginAs(server, target.login, target.password! + '-2');
    expect((await f.reps[1]!.api.post(`/users/${target.id}/password`, {})).status).toBe(403);
    const audit = await server.ctx.db.models.AuditEvent.find({
      targetId: target.id,
      action: 'user.resetPassword',
    }).lean();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(otp);
  });

  it('deactivating a person closes their open Socket.IO and Yjs connections at once and refuses their login', async () => {
    const rep = f.reps[2]!;
    const api = await loginAs(server, rep.login, rep.password ?? 'tongxin-demo');
    const agenda = await openDoc(server, `meeting:${f.meetingId}:agenda`, api.token);
    const socket = await connect(server, api.token);
    ok(await send(socket, 'meeting:join', { meetingId: f.meetingId }));
    await until(() => agenda.access() !== null, 'the agenda to open');
    const ended = nextEvent(socket, 'session:ended');
    const disconnected = new Promise((r) => socket.once('disconnect', r));
    try {
      const res = await f.admin.post(`/users/${rep.id}/deactivate`);
      expect(res.status).toBe(200);
      expect(res.body.active).toBe(false);
      await ended;
      await disconnected;
      await until(() => agenda.closedWith() !== null, 'the agenda connection to close');
      expect(agenda.closedWith()!.code).toBe(DOC_CLOSE.sessionEnded);
    } finally {
      agenda.close();
      socket.disconnect();
    }
    expect((await api.get('/me')).status).toBe(401);
    const login = await token(rep.login, rep.password ?? 'tongxin-demo', server);
    expect(login.status).toBe(403);
    expect(login.body.error.code).toBe('ACCOUNT_DEACTIVATED');
    // A wrong password still gets the answer everyone gets: deactivation is not revealed to a guesser.
    expect((await token(rep.login, 'not-the-password', server)).body.error.code).toBe('UNAUTHENTICATED');

    // Not offered any more; still listed when asked for.
    expect((await people(f.admin)).map((u) => u.login)).not.toContain(rep.login);
    expect((await people(f.admin, '&status=inactive')).map((u) => u.login)).toEqual([rep.login]);

    expect((await f.admin.post(`/users/${rep.id}/reactivate`)).body.active).toBe(true);
    await loginAs(server, rep.login, rep.password ?? 'tongxin-demo');
    const actions = (await server.ctx.db.models.AuditEvent.find({ targetId: rep.id }).sort({ at: 1 }).lean()).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['user.deactivate', 'user.reactivate']));
  });

  it('nobody deactivates themself, and only admins deactivate', async () => {
    const me = (await f.admin.get('/me')).body.user.id as string;
    expect((await f.admin.post(`/users/${me}/deactivate`)).body.error.code).toBe('INVALID_STATE');
    expect((await f.secretary.post(`/users/${f.reps[0]!.id}/deactivate`)).status).toBe(403);
  });

  it('each person shows the alliances they represent a unit in', async () => {
    const rows = await people(f.admin, `&unit=${f.reps[0]!.unit}`);
    const rep = rows.find((r) => r.id === f.reps[0]!.id)!;
    expect(rep.represents.map((r) => r.alliance.id)).toContain(f.allianceId);
    expect(rep.represents.find((r) => r.alliance.id === f.allianceId)!.unit.id).toBe(f.reps[0]!.unit);
  });

  it('a secretary sees and creates people for their own alliances’ units only, never an admin', async () => {
    const unit = f.reps[1]!.unit;
    const created = await f.secretary.post('/users', { name: '秘书新建', login: 'sec-made', unit });
    expect(created.status).toBe(201);
    expect(created.body.oneTimePassword).toEqual(expect.any(String));
    expect((await f.secretary.post('/users', { name: '外单位', login: 'sec-outside', unit: otherUnit })).status).toBe(
      403,
    );
    expect((await f.secretary.post('/users', { name: '无单位', login: 'sec-nounit' })).status).toBe(403);
    expect((await f.secretary.post('/users', { name: '管理员', login: 'sec-admin', unit, isAdmin: true })).status).toBe(
      403,
    );
    expect((await f.reps[0]!.api.post('/users', { name: '代表新建', login: 'rep-made', unit })).status).toBe(403);
    const seen = await people(f.secretary);
    expect(seen.map((u) => u.login)).toContain('sec-made');
    expect(seen.map((u) => u.login)).not.toContain('admin');
    // What the people screen offers a secretary: their alliances' units, not the other one.
    const offered = (await f.secretary.get('/units?scope=people&pageSize=100')).body.items.map(
      (u: { id: string }) => u.id,
    );
    expect(offered).toContain(unit);
    expect(offered).not.toContain(otherUnit);
    expect((await f.reps[0]!.api.get('/units?scope=people')).body.items).toEqual([]);
    const me = (await f.secretary.get('/me')).body;
    expect(me.setup).toEqual({ createUnits: true, manageUnits: false, people: true });
    expect((await f.reps[0]!.api.get('/me')).body.setup).toEqual({
      createUnits: false,
      manageUnits: false,
      people: false,
    });
  });

  it('searches people by login or name', async () => {
    expect((await people(f.admin, `&q=${encodeURIComponent('吴新')}`)).map((u) => u.login)).toEqual(['wuxin']);
    expect((await people(f.admin, '&q=WUX')).map((u) => u.login)).toEqual(['wuxin']);
    expect((await people(f.admin, '&q=.*')).map((u) => u.login)).toEqual([]);
  });
});
