import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type ApiClient } from './support/api.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/**
 * Setting an alliance up as a secretary does: the charter and its history, representatives with
 * a primary one, the convening rotation with a unit passed over, the voting rules, and units
 * leaving and joining mid-year with the history kept.
 */
describe('alliance setup', () => {
  let server: TestServer;
  let admin: ApiClient;
  let secretary: ApiClient;
  let users: Record<string, { id: string; unit: string }>;
  let allianceId: string;
  const unitOf = (login: string) => users[login]!.unit;
  const issuePaths = (body: { error: { details?: { path: (string | number)[] }[] } }) =>
    (body.error.details ?? []).map((i) => i.path.join('.'));

  beforeAll(async () => {
    server = await startTestServer();
    admin = await loginAs(server, 'admin');
    secretary = await loginAs(server, 'secretary');
    const list = (await admin.get('/users?pageSize=100')).body.items as { id: string; login: string; unit: string }[];
    users = Object.fromEntries(list.map((u) => [u.login, u]));
    // A second person in rep1's unit, to be its second representative.
    const second = await admin.post('/users', {
      name: '王建国',
      login: 'rep1b',
      password: 'second-rep-password',
      unit: unitOf('rep1'),
    });
    expect(second.status).toBe(201);
    users.rep1b = { id: second.body.id, unit: unitOf('rep1') };
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('admins and secretaries may found an alliance, a representative may not; the server says so', async () => {
    expect((await secretary.get('/me')).body.canCreateAlliance).toBe(true);
    expect((await admin.get('/me')).body.canCreateAlliance).toBe(true);
    const rep1 = await loginAs(server, 'rep1');
    expect((await rep1.get('/me')).body.canCreateAlliance).toBe(false);
    expect((await rep1.post('/alliances', { name: '代表不能新建', kind: 'thematic' })).status).toBe(403);

    const res = await secretary.post('/alliances', {
      name: '垃圾分类专项联盟',
      kind: 'thematic',
      charter: '第一条 联盟每季度召开一次联席会议。',
      memberships: [
        { unit: unitOf('rep1'), role: 'lead', representatives: [users.rep1!.id, users.rep1b!.id] },
        { unit: unitOf('rep2'), role: 'member' },
        { unit: unitOf('rep3'), role: 'member', representatives: [users.rep3!.id] },
        { unit: unitOf('rep4'), role: 'observer' },
      ],
    });
    expect(res.status).toBe(201);
    allianceId = res.body.id;
    expect(res.body.can).toEqual({ manage: true });
    // The primary representative defaults to the first one named.
    expect(res.body.memberships[0].primaryRepresentative).toMatchObject({ id: users.rep1!.id });
    expect(res.body.memberships[1].primaryRepresentative).toBeNull();
    expect(res.body.formerMembers).toEqual([]);
    expect((await rep1.get(`/alliances/${allianceId}`)).body.can).toEqual({ manage: false });
  });

  it('a unit listed twice, or a primary who is not a representative, is refused field by field', async () => {
    const twice = await secretary.post('/alliances', {
      name: '重复单位联盟',
      kind: 'thematic',
      memberships: [{ unit: unitOf('rep1') }, { unit: unitOf('rep1') }],
    });
    expect(twice.status).toBe(400);
    expect(issuePaths(twice.body)).toContain('memberships');

    const stranger = await secretary.post('/alliances', {
      name: '主要代表不在代表中',
      kind: 'thematic',
      memberships: [
        { unit: unitOf('rep1'), representatives: [users.rep1!.id], primaryRepresentative: users.rep1b!.id },
      ],
    });
    expect(stranger.status).toBe(400);
    expect(issuePaths(stranger.body)).toContain('memberships.0.primaryRepresentative');
  });

  it('the charter keeps every version: who changed it, when, and what changed', async () => {
    const amend = await secretary.patch(`/alliances/${allianceId}`, {
      charter: '第一条 联盟每月召开一次联席会议。\n第二条 成员单位轮值召集。',
    });
    expect(amend.status).toBe(200);
    // Saving the same text again is no new version.
    expect((await secretary.patch(`/alliances/${allianceId}`, { charter: amend.body.charter })).status).toBe(200);

    const history = await secretary.get(`/alliances/${allianceId}/charter-history`);
    expect(history.status).toBe(200);
    expect(history.body.total).toBe(2);
    const [latest, first] = history.body.items;
    expect(latest).toMatchObject({ by: { name: '孙丽' }, byUnit: { name: '和平街道党工委' }, first: false });
    expect(latest.text).toContain('第二条');
    const removed = latest.parts.filter((p: { removed?: boolean }) => p.removed).map((p: { value: string }) => p.value);
    const added = latest.parts.filter((p: { added?: boolean }) => p.added).map((p: { value: string }) => p.value);
    expect(removed.join('')).toContain('季');
    expect(added.join('')).toContain('第二条 成员单位轮值召集。');
    expect(first).toMatchObject({ first: true, parts: [], text: '第一条 联盟每季度召开一次联席会议。' });

    const audit = await secretary.get(`/alliances/${allianceId}/audit?pageSize=100`);
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'alliance.setCharter')).toHaveLength(2);

    // Members read the history; outsiders do not.
    expect((await (await loginAs(server, 'rep3')).get(`/alliances/${allianceId}/charter-history`)).status).toBe(200);
    // Each version is compared with the one before: a page is bounded, so one request stays short.
    expect((await secretary.get(`/alliances/${allianceId}/charter-history?pageSize=11`)).status).toBe(400);
    expect((await (await loginAs(server, 'rep5')).get(`/alliances/${allianceId}/charter-history`)).status).toBe(403);
  });

  it('an alliance whose charter predates the history keeps that text as its first version', async () => {
    const demo = (await secretary.get('/alliances?pageSize=100')).body.items.find(
      (a: { name: string }) => a.name === '和平街道区域化党建大工委',
    );
    const before = (await secretary.get(`/alliances/${demo.id}`)).body.charter as string;
    expect(before).not.toBe('');
    await secretary.patch(`/alliances/${demo.id}`, { charter: `${before}\n第二条 会议议定事项形成督办清单。` });
    const history = (await secretary.get(`/alliances/${demo.id}/charter-history`)).body;
    expect(history.total).toBe(2);
    expect(history.items[1]).toMatchObject({ text: before, by: null, first: true });
    expect(history.items[0]).toMatchObject({ by: { name: '孙丽' } });
  });

  it('representatives: several per unit, one primary, who must be one of them', async () => {
    const path = `/alliances/${allianceId}/members/${unitOf('rep1')}`;
    const primary = await secretary.patch(path, { primaryRepresentative: users.rep1b!.id });
    expect(primary.status).toBe(200);
    expect(primary.body.memberships[0].primaryRepresentative).toMatchObject({ id: users.rep1b!.id, name: '王建国' });

    // Not among the representatives: refused whether the list is given with it or not.
    const outsider = await secretary.patch(path, { primaryRepresentative: users.rep2!.id });
    expect(outsider.status).toBe(400);
    const withList = await secretary.patch(path, {
      representatives: [users.rep1!.id],
      primaryRepresentative: users.rep1b!.id,
    });
    expect(withList.status).toBe(400);
    expect(issuePaths(withList.body)).toEqual(['primaryRepresentative']);

    // Dropping the primary from the representatives hands the role to the first one left.
    const dropped = await secretary.patch(path, { representatives: [users.rep1!.id] });
    expect(dropped.body.memberships[0].primaryRepresentative).toMatchObject({ id: users.rep1!.id });

    const both = await secretary.patch(path, {
      representatives: [users.rep1!.id, users.rep1b!.id],
      primaryRepresentative: users.rep1!.id,
    });
    expect(both.body.memberships[0].representatives.map((r: { name: string }) => r.name)).toEqual(['王建华', '王建国']);
  });

  it('the rotation: the first unit convenes meeting 1; reordered; a unit passed over keeps its place', async () => {
    const first = (await secretary.get(`/alliances/${allianceId}`)).body;
    // Observers do not convene.
    expect(first.rotation.map((u: { id: string }) => u.id)).toEqual([unitOf('rep1'), unitOf('rep2'), unitOf('rep3')]);
    expect(first.nextConvener.id).toBe(unitOf('rep1'));

    const order = [unitOf('rep3'), unitOf('rep1'), unitOf('rep2')];
    const skipped = await secretary.put(`/alliances/${allianceId}/rotation`, {
      rotation: order,
      skipped: [unitOf('rep3')],
    });
    expect(skipped.status).toBe(200);
    expect(skipped.body.rotation.map((u: { id: string }) => u.id)).toEqual(order);
    expect(skipped.body.rotationSkipped).toEqual([unitOf('rep3')]);
    expect(skipped.body.nextConvener.id).toBe(unitOf('rep1'));

    const meeting = { title: '第一次联席会议', scheduledAt: '2026-12-10T06:30:00.000Z', place: '街道会议室' };
    const m1 = await secretary.post(`/alliances/${allianceId}/meetings`, meeting);
    expect(m1.status).toBe(201);
    expect(m1.body.convenerUnit.id).toBe(unitOf('rep1'));
    // After rep1's unit comes rep2's, then — rep3's being passed over — rep1's again.
    const after1 = (await secretary.get(`/alliances/${allianceId}`)).body;
    expect(after1.nextConvener.id).toBe(unitOf('rep2'));
    await secretary.post(`/alliances/${allianceId}/meetings`, {
      ...meeting,
      title: '第二次',
      scheduledAt: '2027-01-10T06:30:00.000Z',
    });
    expect((await secretary.get(`/alliances/${allianceId}`)).body.nextConvener.id).toBe(unitOf('rep1'));

    // Lifting the skip gives rep3's unit its turn again.
    const lifted = await secretary.put(`/alliances/${allianceId}/rotation`, { rotation: order, skipped: [] });
    expect(lifted.body.nextConvener.id).toBe(unitOf('rep3'));

    // Everyone passed over: no one's turn, and a meeting must name its convener.
    const all = await secretary.put(`/alliances/${allianceId}/rotation`, { rotation: order, skipped: order });
    expect(all.body.nextConvener).toBeNull();
    const unnamed = await secretary.post(`/alliances/${allianceId}/meetings`, { ...meeting, title: '第三次' });
    expect(unnamed.status).toBe(400);
    await secretary.put(`/alliances/${allianceId}/rotation`, { rotation: order, skipped: [] });

    // A skipped unit must be in the rotation; an observer is never in it.
    const stray = await secretary.put(`/alliances/${allianceId}/rotation`, {
      rotation: order.slice(1),
      skipped: [order[0]],
    });
    expect(stray.status).toBe(400);
    expect(issuePaths(stray.body)).toEqual(['skipped']);
    const observer = await secretary.put(`/alliances/${allianceId}/rotation`, { rotation: [...order, unitOf('rep4')] });
    expect(observer.status).toBe(400);

    const audit = (await secretary.get(`/alliances/${allianceId}/audit?pageSize=100`)).body.items;
    expect(audit.filter((e: { action: string }) => e.action === 'alliance.setRotation').length).toBeGreaterThanOrEqual(
      4,
    );
  });

  it('voting rules round trip; a quorum out of range is refused on its field and changes nothing', async () => {
    const rules = {
      basis: 'unit',
      quorum: 2 / 3,
      threshold: 'two_thirds',
      secret: true,
      tallyVisibility: 'at_close',
      allowBallotChange: false,
    };
    const set = await secretary.patch(`/alliances/${allianceId}`, { votingDefaults: rules });
    expect(set.status).toBe(200);
    expect((await secretary.get(`/alliances/${allianceId}`)).body.votingDefaults).toEqual(rules);

    for (const quorum of [0, 1.5, -0.2]) {
      const bad = await secretary.patch(`/alliances/${allianceId}`, { votingDefaults: { ...rules, quorum } });
      expect(bad.status).toBe(400);
      expect(issuePaths(bad.body)).toEqual(['votingDefaults.quorum']);
    }
    expect((await secretary.get(`/alliances/${allianceId}`)).body.votingDefaults.quorum).toBeCloseTo(2 / 3);

    const audit = (await secretary.get(`/alliances/${allianceId}/audit?pageSize=100`)).body.items;
    expect(audit.filter((e: { action: string }) => e.action === 'alliance.setVotingDefaults')).toHaveLength(1);
    // A representative may read the rules but not change them.
    const rep3 = await loginAs(server, 'rep3');
    expect((await rep3.patch(`/alliances/${allianceId}`, { votingDefaults: rules })).status).toBe(403);
  });

  it('secretaries: at least one', async () => {
    const none = await secretary.put(`/alliances/${allianceId}/secretaries`, { secretaries: [] });
    expect(none.status).toBe(400);
    expect(issuePaths(none.body)).toEqual(['secretaries']);
    const two = await secretary.put(`/alliances/${allianceId}/secretaries`, {
      secretaries: [users.secretary!.id, users.rep2!.id],
    });
    expect(two.body.secretaries.map((s: { name: string }) => s.name)).toEqual(['孙丽', '李秀英']);
  });

  it('a unit removed loses access at once and stays in the history; one joining mid-year joins the rotation last', async () => {
    const rep3 = await loginAs(server, 'rep3');
    expect((await rep3.get(`/alliances/${allianceId}`)).status).toBe(200);

    const removed = await secretary.delete(`/alliances/${allianceId}/members/${unitOf('rep3')}`);
    expect(removed.status).toBe(200);
    expect(removed.body.memberships.map((m: { unit: { id: string } }) => m.unit.id)).not.toContain(unitOf('rep3'));
    expect(removed.body.rotation.map((u: { id: string }) => u.id)).not.toContain(unitOf('rep3'));
    expect(removed.body.formerMembers).toEqual([
      expect.objectContaining({ unit: { id: unitOf('rep3'), name: '青年湖社区党委' }, role: 'member' }),
    ]);
    const former = removed.body.formerMembers[0];
    expect(new Date(former.leftAt).getTime()).toBeGreaterThanOrEqual(new Date(former.joinedAt).getTime());
    expect((await rep3.get(`/alliances/${allianceId}`)).status).toBe(403);
    expect((await rep3.get(`/alliances/${allianceId}/charter-history`)).status).toBe(403);

    // Joining again mid-year: a member from today, convening after the others; the history stays.
    const again = await secretary.post(`/alliances/${allianceId}/members`, { unit: unitOf('rep3'), role: 'member' });
    expect(again.status).toBe(201);
    const back = again.body.memberships.find((m: { unit: { id: string } }) => m.unit.id === unitOf('rep3'));
    expect(new Date(back.joinedAt).getTime()).toBeGreaterThan(new Date(former.joinedAt).getTime());
    expect(again.body.rotation.at(-1).id).toBe(unitOf('rep3'));
    expect(again.body.formerMembers).toHaveLength(1);
    expect((await rep3.get(`/alliances/${allianceId}`)).status).toBe(200);

    const audit = (await secretary.get(`/alliances/${allianceId}/audit?pageSize=100`)).body.items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['alliance.removeMember', 'alliance.addMember']),
    );

    // An observer that becomes a voting member takes its turn convening after the others.
    const promoted = await secretary.patch(`/alliances/${allianceId}/members/${unitOf('rep4')}`, { role: 'member' });
    expect(promoted.body.rotation.at(-1).id).toBe(unitOf('rep4'));
  });
});
