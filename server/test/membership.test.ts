import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type ApiClient } from './support/api.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/**
 * Removing a member unit really removes it (issue #10 item 11). Memberships are sub-documents
 * without _id, which mongoose removes with `$pull: {memberships: {$or: [...]}}`; the bundled
 * emulator used to match nothing there, so the request answered 200 and the unit stayed.
 */
describe('removing a member unit', () => {
  let server: TestServer;
  let secretary: ApiClient;
  let reps: Record<string, { id: string; unit: string }>;

  beforeAll(async () => {
    server = await startTestServer();
    const admin = await loginAs(server, 'admin');
    secretary = await loginAs(server, 'secretary');
    const users = (await admin.get('/users?pageSize=100')).body.items as { id: string; login: string; unit: string }[];
    reps = Object.fromEntries(users.map((u) => [u.login, u]));
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const unitOf = (login: string) => reps[login]!.unit;
  const memberUnits = (alliance: { memberships: { unit: { id: string } }[] }) =>
    alliance.memberships.map((m) => m.unit.id);
  /** Each test removes members from an alliance of its own: a lead, a member and an observer without representatives. */
  const newAlliance = async (name: string) => {
    const created = await secretary.post('/alliances', {
      name,
      kind: 'thematic',
      memberships: [
        { unit: unitOf('rep1'), role: 'lead', representatives: [reps.rep1!.id] },
        { unit: unitOf('rep5'), role: 'member', representatives: [reps.rep5!.id] },
        { unit: unitOf('rep6'), role: 'observer', representatives: [] },
      ],
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  it('DELETE /alliances/:id/members/:unitId removes the unit from the alliance and its rotation', async () => {
    const allianceId = await newAlliance('成员退出测试联盟');
    const rep5 = await loginAs(server, 'rep5');
    expect((await rep5.get(`/alliances/${allianceId}`)).status).toBe(200);

    const res = await secretary.delete(`/alliances/${allianceId}/members/${unitOf('rep5')}`);
    expect(res.status).toBe(200);
    expect(memberUnits(res.body)).toEqual([unitOf('rep1'), unitOf('rep6')]);

    // Read back through a fresh request: the change is stored, not just in the response.
    const after = await secretary.get(`/alliances/${allianceId}`);
    expect(after.status).toBe(200);
    expect(memberUnits(after.body)).toEqual([unitOf('rep1'), unitOf('rep6')]);
    expect(after.body.rotation.map((u: { id: string }) => u.id)).toEqual([unitOf('rep1')]);
    // The removed unit's representative no longer reads the alliance.
    expect((await rep5.get(`/alliances/${allianceId}`)).status).toBe(403);
  });

  it('removes a member without representatives too, and a second removal is a 404', async () => {
    const allianceId = await newAlliance('列席单位退出测试联盟');
    const res = await secretary.delete(`/alliances/${allianceId}/members/${unitOf('rep6')}`);
    expect(res.status).toBe(200);
    expect(memberUnits((await secretary.get(`/alliances/${allianceId}`)).body)).toEqual([
      unitOf('rep1'),
      unitOf('rep5'),
    ]);
    expect((await secretary.delete(`/alliances/${allianceId}/members/${unitOf('rep6')}`)).status).toBe(404);
  });
});
