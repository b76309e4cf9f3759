import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loginAs, request } from './support/api.js';
import { startTestServer, type TestServer } from './support/testServer.js';

describe('accounts and sessions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const login = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('a browser login sets an HTTP-only, SameSite=Lax session cookie that authenticates /api/me', async () => {
    const res = await login({ login: 'rep1', password: DEMO_PASSWORD }, { origin: server.url });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tongxin_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const body = (await res.json()) as { user: Record<string, unknown> };
    expect(body.user).toMatchObject({ login: 'rep1', name: '王建华' });
    expect(body.user).not.toHaveProperty('passwordHash');

    const me = await fetch(`${server.url}/api/me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(me.status).toBe(200);
    const meBody = (await me.json()) as { user: { login: string }; unit: { name: string }; alliances: unknown[] };
    expect(meBody.user.login).toBe('rep1');
    expect(meBody.unit.name).toBe('和平街道党工委');
    expect(meBody.alliances).toEqual([
      expect.objectContaining({ name: '和平街道区域化党建大工委', unitRole: 'lead', isSecretary: false }),
    ]);
  });

  it('a wrong password and an unknown login get the same answer', async () => {
    const wrongPassword = await login({ login: 'rep2', password: 'not-the-password' });
    const unknownLogin = await login({ login: 'nobody', password: 'not-the-password' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownLogin.status).toBe(401);
    expect(await wrongPassword.json()).toEqual(await unknownLogin.json());
  });

  it('repeated failures lock the login out for a while, then the right password is still refused', async () => {
    for (let i = 0; i < 5; i++) expect((await login({ login: 'rep3', password: `guess-${i}` })).status).toBe(401);
    const locked = await login({ login: 'rep3', password: DEMO_PASSWORD });
    expect(locked.status).toBe(429);
    const body = (await locked.json()) as { error: { code: string; details: { retryAfterSeconds: number } } };
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    // Another login from the same address is not locked by rep3's failures.
    expect((await login({ login: 'rep4', password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('a cookie-authenticated change from another site is refused (CSRF)', async () => {
    const res = await login({ login: 'secretary', password: DEMO_PASSWORD }, { origin: server.url });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const forged = await fetch(`${server.url}/api/alliances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: 'https://evil.example' },
      body: JSON.stringify({ name: '伪造的联合体', kind: 'regional' }),
    });
    expect(forged.status).toBe(403);
    const noOrigin = await fetch(`${server.url}/api/alliances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ name: '伪造的联合体', kind: 'regional' }),
    });
    expect(noOrigin.status).toBe(403);
    const sameSite = await fetch(`${server.url}/api/alliances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: server.url },
      body: JSON.stringify({ name: '同源创建的联合体', kind: 'regional' }),
    });
    expect(sameSite.status).toBe(201);
  });

  it('logout ends the session', async () => {
    const res = await login({ login: 'rep5', password: DEMO_PASSWORD }, { origin: server.url });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const out = await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, origin: server.url },
    });
    expect(out.status).toBe(204);
    expect((await fetch(`${server.url}/api/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('bearer tokens serve non-browser clients; a bad token is 401', async () => {
    const api = await loginAs(server, 'rep6');
    expect((await api.get('/me')).status).toBe(200);
    expect((await request(server, 'GET', '/me', undefined, { authorization: 'Bearer nonsense' })).status).toBe(401);
  });

  it('a user changes their own password: the old one stops working, sessions end', async () => {
    const api = await loginAs(server, 'rep7');
    const tooShort = await api.post('/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' });
    expect(tooShort.status).toBe(400);
    const wrongCurrent = await api.post('/me/password', {
      currentPassword: 'wrong-one',
      newPassword: 'a-new-long-password',
    });
    expect(wrongCurrent.status).toBe(400);
    const ok = await api.post('/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'a-new-long-password' });
    expect(ok.status).toBe(204);
    expect((await api.get('/me')).status).toBe(401);
    expect((await login({ login: 'rep7', password: DEMO_PASSWORD })).status).toBe(401);
    await loginAs(server, 'rep7', 'a-new-long-password');
  });

  it('admins create users and reset passwords; others cannot; passwords are never returned', async () => {
    const admin = await loginAs(server, 'admin');
    const rep = await loginAs(server, 'rep8');
    const units = await admin.get('/units?pageSize=100');
    const unitId = units.body.items[0].id as string;
    const input = { name: '新代表', login: 'newrep', password: 'long-enough-pw', unit: unitId };

    expect((await rep.post('/users', input)).status).toBe(403);
    const created = await admin.post('/users', input);
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toMatch(/long-enough-pw|passwordHash/);
    expect((await admin.post('/users', input)).status).toBe(409);
    expect((await admin.post('/users', { ...input, login: 'x' })).status).toBe(400);

    expect((await rep.post(`/users/${created.body.id}/password`, { newPassword: 'another-long-pw' })).status).toBe(403);
    expect((await admin.post(`/users/${created.body.id}/password`, { newPassword: 'another-long-pw' })).status).toBe(
      204,
    );
    await loginAs(server, 'newrep', 'another-long-pw');
  });
});
