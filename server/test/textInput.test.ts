import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type ApiClient } from './support/api.js';
import { setUpAlliance, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/**
 * What people type reaches the database clean: a name that only looks like another one is the
 * same name, control characters are refused, and a meeting link is a web link.
 */
describe('names, titles and links people type', () => {
  let server: TestServer;
  let f: RoomFixture;
  let admin: ApiClient;
  const tag = Date.now().toString(36);

  beforeAll(async () => {
    server = await startTestServer();
    f = await setUpAlliance(server, 2);
    admin = f.admin;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  const unit = (name: string) => admin.post('/units', { name, kind: 'community', level: 'community' });

  it('a unit whose name differs from another only by invisible characters is a duplicate', async () => {
    // The demo data has 青年湖社区党委; a zero-width space in the middle does not make a new unit.
    const count = await server.ctx.db.models.Unit.countDocuments();
    const disguised = await unit('青年湖\u200B社区党委');
    expect(disguised.status).toBe(409);
    expect(disguised.body.error).toMatchObject({
      code: 'CONFLICT',
      message: 'a unit with this name already exists (name)',
    });

    const name = `东湖社区党委${tag}`;
    expect((await unit(name)).status).toBe(201);
    for (const variant of [
      `东湖\u200B社区党委${tag}`,
      `\uFEFF东湖社区党委${tag}`,
      `东湖\u202E社区\u202C党委${tag}`,
      `东湖\u2066社区党委\u2069${tag}`,
      ` 东湖社区党委${tag}\u3000`,
    ]) {
      const res = await unit(variant);
      expect(res.status, JSON.stringify(variant)).toBe(409);
      expect(res.body.error.code).toBe('CONFLICT');
    }
    expect(await server.ctx.db.models.Unit.countDocuments()).toBe(count + 1);
    expect(await server.ctx.db.models.Unit.countDocuments({ name })).toBe(1);

    // Renaming another unit into a disguised copy collides the same way.
    const other = await unit(`西湖社区党委${tag}`);
    const renamed = await admin.patch(`/units/${other.body.id}`, { name: `东湖社区\u200D党委${tag}` });
    expect(renamed.status).toBe(409);
    expect(renamed.body.error.code).toBe('CONFLICT');
  });

  it('a name is stored without its invisible characters, full-width Latin folded', async () => {
    const res = await unit(`\u200BＸＹＺ物业\u200C公司${tag}\u200F`);
    expect(res.status).toBe(201);
    expect(res.body.name).toBe(`XYZ物业公司${tag}`);
    const stored = await server.ctx.db.models.Unit.findById(res.body.id).lean();
    expect(stored!.name).toBe(`XYZ物业公司${tag}`);
  });

  it('an alliance whose name differs only by invisible characters is a duplicate', async () => {
    const name = `安定门联合党委${tag}`;
    expect((await f.secretary.post('/alliances', { name, kind: 'regional' })).status).toBe(201);
    const again = await f.secretary.post('/alliances', { name: `安定门\u200B联合党委${tag}`, kind: 'regional' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'CONFLICT',
      message: 'an alliance with this name already exists (name)',
    });
  });

  it('control characters in a name or title are refused (400 VALIDATION) and nothing is written', async () => {
    const units = await server.ctx.db.models.Unit.countDocuments();
    for (const name of ['a\u0007b', 'a\u0000b', '\u001B[2J清屏', '第一行\n第二行']) {
      const res = await unit(name);
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      expect(JSON.stringify(res.body.error.details)).toContain('control characters');
    }
    expect(await server.ctx.db.models.Unit.countDocuments()).toBe(units);

    const user = await admin.post('/users', {
      name: '张\u0007三',
      login: `zs${tag}`,
      password: 'long-enough-password',
    });
    expect(user.status).toBe(400);
    expect(user.body.error.code).toBe('VALIDATION');
    const decision = await f.secretary.post(`/meetings/${f.meetingId}/decisions`, { title: '关于\u001B的决议' });
    expect(decision.status).toBe(400);
    const meeting = await f.secretary.patch(`/meetings/${f.meetingId}`, { title: '联席\u0000会议' });
    expect(meeting.status).toBe(400);
    expect((await f.secretary.get(`/meetings/${f.meetingId}`)).body.title).toBe('联席会议（测试）');
  });

  it('a meeting link must be http(s): javascript:, data: and vbscript: are refused', async () => {
    const at = new Date(Date.now() + 86_400_000).toISOString();
    for (const onlineLink of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
    ]) {
      const created = await f.secretary.post(`/alliances/${f.allianceId}/meetings`, {
        title: '线上联席会议',
        scheduledAt: at,
        onlineLink,
      });
      expect(created.status, onlineLink).toBe(400);
      expect(created.body.error.code).toBe('VALIDATION');
      expect(JSON.stringify(created.body.error.details)).toContain('must be an http:// or https:// link');
      const patched = await f.secretary.patch(`/meetings/${f.meetingId}`, { onlineLink });
      expect(patched.status).toBe(400);
    }
    expect((await f.secretary.get(`/meetings/${f.meetingId}`)).body.onlineLink).toBeUndefined();

    const ok = await f.secretary.post(`/alliances/${f.allianceId}/meetings`, {
      title: '线上联席会议',
      scheduledAt: at,
      onlineLink: 'http://10.12.0.8:8080/room/3',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.onlineLink).toBe('http://10.12.0.8:8080/room/3');
  });

  it('the server keeps answering', async () => {
    expect((await request(server, 'GET', '/health')).status).toBe(200);
  });
});
