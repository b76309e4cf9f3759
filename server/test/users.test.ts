import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type ApiClient } from './support/api.js';
import { startTestServer, type TestServer } from './support/testServer.js';

interface Listed {
  id: string;
  login: string;
  unit: string | null;
  isAdmin?: boolean;
}

/**
 * Two alliances on one installation: the secretary of one looks people up to name representatives,
 * and must not be able to list the other's people (issue #10, item 4).
 */
describe('who may list users', () => {
  let server: TestServer;
  let admin: ApiClient;
  let secretaryA: ApiClient;
  let secretaryB: ApiClient;
  let unitA: string;
  let unitB: string;
  const password = 'users-test-password';

  beforeAll(async () => {
    server = await startTestServer();
    admin = await loginAs(server, 'admin');
    secretaryA = await loginAs(server, 'secretary');
    unitA = ((await admin.get('/users?pageSize=100')).body.items as Listed[]).find((u) => u.login === 'rep1')!.unit!;

    // Alliance B: its own unit, its own representative and its own secretary, set up by an admin.
    unitB = (await admin.post('/units', { name: '乙街道党工委', kind: 'street', level: 'subdistrict' })).body.id;
    const repB = await admin.post('/users', { name: '乙代表', login: 'rep-b', password, unit: unitB });
    const secB = await admin.post('/users', { name: '乙秘书', login: 'secretary-b', password, unit: unitB });
    expect([repB.status, secB.status]).toEqual([201, 201]);
    const alliance = await admin.post('/alliances', {
      name: '乙街道区域化党建联盟',
      kind: 'regional',
      memberships: [{ unit: unitB, role: 'lead', representatives: [repB.body.id] }],
    });
    expect(alliance.status).toBe(201);
    const set = await admin.put(`/alliances/${alliance.body.id}/secretaries`, { secretaries: [secB.body.id] });
    expect(set.status).toBe(200);
    secretaryB = await loginAs(server, 'secretary-b', password);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const list = async (api: ApiClient, query = '') => {
    const res = await api.get(`/users?pageSize=100${query}`);
    return { status: res.status, users: (res.body?.items ?? []) as Listed[] };
  };

  it('an admin lists every user, with the admin flag', async () => {
    const { status, users } = await list(admin);
    expect(status).toBe(200);
    expect(users.map((u) => u.login)).toEqual(
      expect.arrayContaining(['admin', 'rep1', 'rep8', 'rep-b', 'secretary-b']),
    );
    expect(users.find((u) => u.login === 'admin')!.isAdmin).toBe(true);
  });

  it('a secretary lists the people of their own alliance’s units, and no one else', async () => {
    const a = await list(secretaryA);
    expect(a.status).toBe(200);
    expect(a.users.map((u) => u.login)).toEqual(expect.arrayContaining(['rep1', 'rep8', 'secretary']));
    expect(a.users.map((u) => u.login)).not.toContain('rep-b');
    expect(a.users.map((u) => u.login)).not.toContain('admin');

    const b = await list(secretaryB);
    expect(b.status).toBe(200);
    expect(b.users.map((u) => u.login).sort()).toEqual(['rep-b', 'secretary-b']);
  });

  it('a secretary cannot reach another alliance’s unit through the unit filter', async () => {
    const across = await list(secretaryB, `&unit=${unitA}`);
    expect(across.status).toBe(403);
    expect(across.users).toEqual([]);
    const own = await list(secretaryB, `&unit=${unitB}`);
    expect(own.users.map((u) => u.login).sort()).toEqual(['rep-b', 'secretary-b']);
  });

  it('non-admins never see the admin flag', async () => {
    const { users } = await list(secretaryA);
    expect(users.length).toBeGreaterThan(0);
    for (const u of users) expect(u).not.toHaveProperty('isAdmin');
  });

  it('a representative lists no one', async () => {
    const rep = await loginAs(server, 'rep2');
    expect((await rep.get('/users')).status).toBe(403);
  });
});
