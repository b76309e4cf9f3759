import { createHash } from 'node:crypto';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type ApiClient } from './support/api.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { fragmentText, openDoc, until, writeParagraphs, yjsTicket } from './support/yjsClient.js';

/** Opens a raw WebSocket and reports the HTTP status of a refused upgrade, or 101. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => {});
  });
}

describe('collaborative decision drafts over the y-websocket protocol', () => {
  let server: TestServer;
  let secretary: ApiClient;
  let rep1: ApiClient;
  let meetingId: string;
  let decision: { id: string; docName: string };

  beforeAll(async () => {
    server = await startTestServer({}, { keepData: true, yjs: { releaseAfterMs: 200 } });
    secretary = await loginAs(server, 'secretary');
    rep1 = await loginAs(server, 'rep1');
    const me = await secretary.get('/me');
    const allianceId = me.body.alliances[0].id as string;
    const meetings = await secretary.get(`/alliances/${allianceId}/meetings?when=upcoming`);
    meetingId = meetings.body.items[0].id;
    const created = await secretary.post(`/meetings/${meetingId}/decisions`, { title: '关于背街小巷环境整治的决议' });
    expect(created.status).toBe(201);
    decision = created.body;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  /** The endpoint's URL for a document: with a session token, a one-time ticket asked for with it. */
  const wsUrl = async (name: string, token?: string) =>
    `${server.url.replace('http', 'ws')}/yjs/${name}${token ? `?ticket=${await yjsTicket(server, token)}` : ''}`;

  it('the secretary and a representative co-edit one decision and each sees the other’s text and presence', async () => {
    const a = await openDoc(server, decision.docName, secretary.token);
    const b = await openDoc(server, decision.docName, rep1.token);
    try {
      a.provider.awareness.setLocalStateField('user', { name: '孙丽', unit: '和平街道党工委', color: '#c0392b' });
      writeParagraphs(a.doc, ['一、各成员单位按职责分工推进背街小巷整治。']);
      await until(() => fragmentText(b.doc).includes('背街小巷整治'), 'rep1 to see the secretary’s text');
      writeParagraphs(b.doc, ['二、区城管执法局牵头，三个社区配合。']);
      await until(() => fragmentText(a.doc).includes('区城管执法局牵头'), 'the secretary to see rep1’s text');
      await until(
        () => [...b.provider.awareness.getStates().values()].some((s) => s.user?.name === '孙丽'),
        'rep1 to see the secretary’s caret owner',
      );
    } finally {
      a.close();
      b.close();
    }
  });

  it('refuses upgrades with an HTTP status: no credentials 401, outsider 403, unknown document 404', async () => {
    expect(await upgradeStatus(await wsUrl(decision.docName))).toBe(401);
    const base = `${server.url.replace('http', 'ws')}/yjs/${decision.docName}`;
    expect(await upgradeStatus(`${base}?ticket=not-a-ticket`)).toBe(401);
    // A session token never rides in a URL (logs, proxies, history keep URLs): only tickets do.
    expect(await upgradeStatus(`${base}?token=${secretary.token}`)).toBe(401);
    // A ticket works once.
    const once = await yjsTicket(server, secretary.token);
    expect(await upgradeStatus(`${base}?ticket=${once}`)).toBe(101);
    expect(await upgradeStatus(`${base}?ticket=${once}`)).toBe(401);
    const admin = await loginAs(server, 'admin');
    await admin.post('/units', { name: '外单位', kind: 'other', level: 'community' });
    const units = await admin.get('/units?q=外单位');
    await admin.post('/users', {
      name: '外人',
      login: 'outsider',
      password: 'outsider-password',
      unit: units.body.items[0].id,
    });
    const outsider = await loginAs(server, 'outsider', 'outsider-password');
    // A genuine ticket starts loading the document before the checks end; a refusal unloads it.
    await until(() => server.yjs.loadedCount === 0, 'earlier documents to leave memory');
    expect(await upgradeStatus(await wsUrl(decision.docName, outsider.token))).toBe(403);
    expect(await upgradeStatus(await wsUrl('decision:000000000000000000000000', secretary.token))).toBe(404);
    expect(await upgradeStatus(await wsUrl('not-a-document', secretary.token))).toBe(404);
    await until(() => server.yjs.loadedCount === 0, 'refused documents to leave memory');
  });

  it('a ticket is signed: altered, expired or from an ended session it opens nothing', async () => {
    const base = `${server.url.replace('http', 'ws')}/yjs/${decision.docName}`;
    const ticket = await yjsTicket(server, secretary.token);
    const [body, mac] = ticket.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    // Someone else's user id, or a later expiry, under the same signature.
    const forged = (change: Record<string, unknown>) =>
      `${Buffer.from(JSON.stringify({ ...claims, ...change })).toString('base64url')}.${mac}`;
    expect(await upgradeStatus(`${base}?ticket=${forged({ u: '000000000000000000000000' })}`)).toBe(401);
    expect(await upgradeStatus(`${base}?ticket=${forged({ e: Date.now() + 3_600_000 })}`)).toBe(401);
    expect(await upgradeStatus(`${base}?ticket=${body}.${mac.slice(1)}x`)).toBe(401);
    expect(await upgradeStatus(`${base}?ticket=${'a'.repeat(2_000)}`)).toBe(401);
    // Signed by this server, but a minute old.
    const { issueYjsTicket } = await import('../src/auth/yjsTickets.js');
    const sessionHash = createHash('sha256').update(secretary.token).digest('hex');
    const me = { id: claims['u'] as string, unit: claims['n'] as string | null };
    const stale = issueYjsTicket(server.ctx.config.SESSION_SECRET, sessionHash, me, Date.now() - 61_000);
    expect(await upgradeStatus(`${base}?ticket=${stale.ticket}`)).toBe(401);
    const fresh = issueYjsTicket(server.ctx.config.SESSION_SECRET, sessionHash, me);
    // A session that ends takes its unused tickets with it.
    const other = await loginAs(server, 'secretary');
    const unused = await yjsTicket(server, other.token);
    await other.post('/auth/logout', {});
    expect(await upgradeStatus(`${base}?ticket=${unused}`)).toBe(401);
    expect(await upgradeStatus(`${base}?ticket=${fresh.ticket}`)).toBe(101);
  });

  it('a cookie-authenticated upgrade from another site is refused', async () => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ login: 'rep1', password: 'tongxin-demo' }),
    });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    expect(await upgradeStatus(await wsUrl(decision.docName), { cookie, origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(await wsUrl(decision.docName), { cookie, origin: server.url })).toBe(101);
  });

  it('an observer’s edit never reaches the document, but the observer still follows along', async () => {
    // Make rep8's unit an observer (列席) of the alliance.
    const me = await secretary.get('/me');
    const allianceId = me.body.alliances[0].id as string;
    const rep8Me = await (await loginAs(server, 'rep8')).get('/me');
    await secretary.patch(`/alliances/${allianceId}/members/${rep8Me.body.unit.id}`, { role: 'observer' });
    const observer = await loginAs(server, 'rep8');

    const writer = await openDoc(server, decision.docName, secretary.token);
    const reader = await openDoc(server, decision.docName, observer.token);
    try {
      writeParagraphs(reader.doc, ['列席单位试图修改决议。']);
      writeParagraphs(writer.doc, ['三、每月联席会议通报进展。']);
      await until(() => fragmentText(reader.doc).includes('每月联席会议通报进展'), 'the observer to receive edits');
      // Give the observer's update every chance to arrive, then check it did not.
      await new Promise((r) => setTimeout(r, 300));
      expect(fragmentText(writer.doc)).not.toContain('列席单位试图修改决议');
    } finally {
      writer.close();
      reader.close();
    }
    await secretary.patch(`/alliances/${allianceId}/members/${rep8Me.body.unit.id}`, { role: 'member' });
  });

  it('malformed and oversized messages close that connection only', async () => {
    const good = await openDoc(server, decision.docName, secretary.token);
    try {
      for (const payload of [Buffer.from([0xff, 0xff, 0xff]), Buffer.from([0, 2, 200]), Buffer.from('not binary')]) {
        const bad = new WebSocket(await wsUrl(decision.docName, rep1.token));
        await new Promise((r) => bad.on('open', r));
        const closed = new Promise<number>((r) => bad.on('close', (code) => r(code)));
        bad.send(payload, { binary: typeof payload !== 'string' });
        expect([1003, 1007]).toContain(await closed);
      }
      const big = new WebSocket(await wsUrl(decision.docName, rep1.token));
      await new Promise((r) => big.on('open', r));
      const closed = new Promise<number>((r) => big.on('close', (code) => r(code)));
      big.send(Buffer.alloc(2 * 1024 * 1024, 1));
      expect(await closed).toBe(1009);

      // The document and its other clients are unaffected.
      const other = await openDoc(server, decision.docName, rep1.token);
      writeParagraphs(other.doc, ['四、本决议自通过之日起执行。']);
      await until(() => fragmentText(good.doc).includes('自通过之日起执行'), 'edits to keep flowing');
      other.close();
    } finally {
      good.close();
    }
  });

  /**
   * A decision draft of the test's own with `text` written into it, once the server holds it: a
   * test that reads a draft back does not depend on what the other tests wrote, or in which order.
   */
  const draftWith = async (title: string, text: string) => {
    const created = (await secretary.post(`/meetings/${meetingId}/decisions`, { title })).body as typeof decision;
    const writer = await openDoc(server, created.docName, secretary.token);
    const reader = await openDoc(server, created.docName, rep1.token);
    try {
      writeParagraphs(writer.doc, [text]);
      await until(() => fragmentText(reader.doc).includes(text), 'the server to relay the text');
    } finally {
      writer.close();
      reader.close();
    }
    await server.ctx.yjs.flushAll();
    return created;
  };

  it('a secretary freezes a version: exact text, its SHA-256, and a readable diff to the next', async () => {
    const draft = await draftWith('关于背街小巷整治分工的决议', '一、各成员单位按职责分工推进背街小巷整治。');
    expect((await rep1.post(`/decisions/${draft.id}/versions`)).status).toBe(403);
    const v1 = await secretary.post(`/decisions/${draft.id}/versions`);
    expect(v1.status).toBe(201);
    expect(v1.body.number).toBe(1);
    expect(v1.body.text).toContain('一、各成员单位按职责分工推进背街小巷整治。');
    expect(v1.body.sha256).toBe(createHash('sha256').update(v1.body.text, 'utf8').digest('hex'));
    expect(v1.body.doc.type).toBe('doc');
    expect(v1.body.frozenBy.name).toBe('孙丽');

    // The draft stays editable for the next version.
    const c = await openDoc(server, draft.docName, rep1.token);
    writeParagraphs(c.doc, ['五、各单位每季度报送一次进展。']);
    await until(() => true, 'write');
    c.close();
    await server.ctx.yjs.flushAll();
    const v2 = await secretary.post(`/decisions/${draft.id}/versions`);
    expect(v2.body.number).toBe(2);
    expect(v2.body.text).toContain('每季度报送一次进展');

    const list = await rep1.get(`/decisions/${draft.id}/versions`);
    expect(list.body.items.map((v: { number: number }) => v.number)).toEqual([1, 2]);
    const diff = await rep1.get(`/decisions/${draft.id}/diff?from=1&to=2`);
    const added = diff.body.parts
      .filter((p: { added?: boolean }) => p.added)
      .map((p: { value: string }) => p.value)
      .join('');
    expect(added).toContain('每季度报送一次进展');
    expect(diff.body.parts.some((p: { removed?: boolean }) => p.removed)).toBe(false);
  });

  it('edits survive a restart: stored in MongoDB, loaded from there', async () => {
    const draft = await draftWith('关于进展报送的决议', '五、各单位每季度报送一次进展。');
    const before = await openDoc(server, draft.docName, secretary.token);
    const text = fragmentText(before.doc);
    before.close();
    const { dataDir } = server;
    await server.stop();
    server = await startTestServer({}, { dataDir, yjs: { releaseAfterMs: 200 } });
    secretary = await loginAs(server, 'secretary');
    const after = await openDoc(server, draft.docName, secretary.token);
    try {
      expect(fragmentText(after.doc)).toBe(text);
      expect(text).toContain('每季度报送一次进展');
    } finally {
      after.close();
    }
  });
});

describe('Yjs persistence', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { yjs: { compactAfter: 10, debounceMs: 5, maxDelayMs: 20 } });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('compacts many stored updates into one snapshot without losing a character', async () => {
    const secretary = await loginAs(server, 'secretary');
    const me = await secretary.get('/me');
    const meetings = await secretary.get(`/alliances/${me.body.alliances[0].id}/meetings?when=upcoming`);
    const created = await secretary.post(`/meetings/${meetings.body.items[0].id}/decisions`, { title: '压缩测试' });
    const name = created.body.docName as string;
    const client = await openDoc(server, name, secretary.token);
    const lines = Array.from({ length: 25 }, (_, i) => `第${i + 1}条`);
    for (const line of lines) {
      writeParagraphs(client.doc, [line]);
      // Separate batches, so that each becomes its own stored row.
      await new Promise((r) => setTimeout(r, 40));
    }
    await server.ctx.yjs.flushAll();
    const rows = await server.ctx.db.models.YjsUpdate.find({ doc: name }).lean();
    expect(rows.length).toBeLessThanOrEqual(10);
    expect(rows.some((r) => r.snapshot)).toBe(true);
    client.close();

    // A fresh process state: drop the in-memory copy and load from MongoDB alone.
    await server.ctx.yjs.closeAll();
    const again = await openDoc(server, name, secretary.token);
    expect(fragmentText(again.doc).split('\n')).toEqual(lines);
    again.close();
  });
});
