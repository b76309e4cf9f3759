import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMongoEmulator, type MongoEmulator } from '@tongxin/mongo-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../src/admin/firstAdmin.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { loginAs, request } from './support/api.js';
import { startTestServer, type TestServer } from './support/testServer.js';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIRST = 'first-admin-pw-2026';
const CHANGED = 'changed-admin-pw-2026';

/** Log lines a server writes, to read what it told the operator. */
function logSink() {
  const lines: string[] = [];
  return { lines, logTo: { write: (line: string) => void lines.push(line) } };
}

/** `pnpm admin:create …` as an operator runs it, with the password piped in on stdin. */
function adminCreate(args: string[], env: Record<string, string>, stdin: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/admin/cli.ts', ...args], {
    cwd: serverDir,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  child.stdin.end(stdin);
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, out })),
  );
}

describe('the first administrator of a real installation', () => {
  let dataDir: string;
  let server: TestServer | null = null;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tongxin-first-admin-'));
  });
  afterAll(async () => {
    await server?.dispose();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('an empty production-like start without ADMIN_* says in its log exactly how to create one', async () => {
    const log = logSink();
    const s = await startTestServer({ SEED_DEMO: 'false', LOG_LEVEL: 'info' }, { logTo: log.logTo });
    await s.dispose();
    const help = log.lines.find((l) => l.includes('No administrator exists'));
    expect(help).toBeDefined();
    expect(help).toContain('ADMIN_LOGIN');
    expect(help).toContain('admin:create --login');
  });

  it('ADMIN_LOGIN / ADMIN_PASSWORD create the first admin at start, who must change the password before anything else', async () => {
    const env = { SEED_DEMO: 'false', ADMIN_LOGIN: 'root', ADMIN_PASSWORD: FIRST, ADMIN_NAME: '系统管理员' };
    server = await startTestServer(env, { dataDir, keepData: true });
    const admin = await loginAs(server, 'root', FIRST);
    const me = await admin.get('/me');
    expect(me.body.user).toMatchObject({ login: 'root', isAdmin: true, mustChangePassword: true });

    // Reading is allowed; writing is refused with a code the client understands.
    expect((await admin.get('/units')).status).toBe(200);
    const refused = await admin.post('/units', { name: '和平街道党工委', kind: 'street', level: 'subdistrict' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(await server.ctx.db.models.Unit.countDocuments()).toBe(0);

    const audit = await server.ctx.db.models.AuditEvent.find({ action: 'admin.bootstrap' }).lean();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'via', after: 'env' })]),
    );
    expect(JSON.stringify(audit[0])).not.toContain(FIRST);

    // The same password is not a change.
    const same = await admin.post('/me/password', { currentPassword: FIRST, newPassword: FIRST });
    expect(same.status).toBe(400);
    expect((await admin.post('/me/password', { currentPassword: FIRST, newPassword: CHANGED })).status).toBe(204);
    const after = await loginAs(server, 'root', CHANGED);
    expect((await after.get('/me')).body.user.mustChangePassword).toBe(false);
    expect((await after.post('/units', { name: '和平街道党工委', kind: 'street', level: 'subdistrict' })).status).toBe(
      201,
    );
    await server.dispose();
    server = null;
  });

  it('a second start, with an admin already there, ignores ADMIN_* and says so', async () => {
    const log = logSink();
    const env = { SEED_DEMO: 'false', LOG_LEVEL: 'info', ADMIN_LOGIN: 'intruder', ADMIN_PASSWORD: 'another-pw-2026' };
    server = await startTestServer(env, { dataDir, keepData: true, logTo: log.logTo });
    expect(await server.ctx.db.models.User.exists({ login: 'intruder' })).toBeNull();
    expect(await server.ctx.db.models.User.countDocuments({ isAdmin: true })).toBe(1);
    expect(log.lines.some((l) => l.includes('ADMIN_LOGIN and ADMIN_PASSWORD are ignored'))).toBe(true);
    expect(
      (await request(server, 'POST', '/auth/token', { login: 'intruder', password: 'another-pw-2026' })).status,
    ).toBe(401);
    await loginAs(server, 'root', CHANGED);
  });

  it('two processes starting at once on an empty database create one admin', async () => {
    const s = await startTestServer({ SEED_DEMO: 'false' });
    try {
      const config = { ...loadConfig({ ADMIN_LOGIN: 'root', ADMIN_PASSWORD: FIRST }), LOG_LEVEL: 'silent' as const };
      const log = createLogger(config);
      const outcomes = await Promise.all([
        ensureFirstAdmin(s.ctx.db, config, log),
        ensureFirstAdmin(s.ctx.db, config, log),
      ]);
      expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
      expect(await s.ctx.db.models.User.countDocuments({ isAdmin: true })).toBe(1);
      expect(await s.ctx.db.models.AuditEvent.countDocuments({ action: 'admin.bootstrap' })).toBe(1);
    } finally {
      await s.dispose();
    }
  });

  it('ADMIN_LOGIN without ADMIN_PASSWORD (or a short one) stops the start naming the variable', () => {
    expect(() => loadConfig({ ADMIN_LOGIN: 'root' })).toThrow(/ADMIN_PASSWORD: required with ADMIN_LOGIN/);
    expect(() => loadConfig({ ADMIN_LOGIN: 'root', ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD/);
  });
});

describe('pnpm admin:create', () => {
  let mongo: MongoEmulator;
  let server: TestServer;
  const db = `cli${Date.now().toString(36)}`;
  beforeAll(async () => {
    mongo = await startMongoEmulator({ dataDir: await fs.mkdtemp(path.join(os.tmpdir(), 'tongxin-cli-')) });
    server = await startTestServer({ MONGODB_URI: mongo.uri, MONGODB_DB: db, SEED_DEMO: 'false' });
  });
  afterAll(async () => {
    await server?.dispose();
    await mongo?.close();
  });

  it('creates an admin in the database the server uses, reading the password from stdin; the login must change it', async () => {
    const run = await adminCreate(
      ['--login', 'ops', '--name', '运维管理员'],
      { MONGODB_URI: mongo.uri, MONGODB_DB: db },
      'cli-password-2026\n',
    );
    expect(run.out).toContain('created administrator "ops"');
    expect(run.out).not.toContain('cli-password-2026');
    expect(run.code).toBe(0);
    const ops = await loginAs(server, 'ops', 'cli-password-2026');
    expect((await ops.get('/me')).body.user).toMatchObject({
      name: '运维管理员',
      isAdmin: true,
      mustChangePassword: true,
    });
    expect((await ops.post('/units', { name: '某单位', kind: 'other', level: 'city' })).body.error.code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    const audit = await server.ctx.db.models.AuditEvent.findOne({ action: 'admin.bootstrap' }).lean();
    expect(audit?.changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'via', after: 'cli' })]));
  });

  it('refuses a login that exists and changes nothing', async () => {
    const run = await adminCreate(
      ['--login', 'ops', '--name', '另一个'],
      { MONGODB_URI: mongo.uri, MONGODB_DB: db },
      'other-password-2026\n',
    );
    expect(run.code).toBe(1);
    expect(run.out).toContain('already exists');
    expect(await server.ctx.db.models.User.countDocuments({ login: 'ops' })).toBe(1);
    await loginAs(server, 'ops', 'cli-password-2026');
  });

  it('refuses a bad login or a short password before touching the database', async () => {
    const badLogin = await adminCreate(
      ['--login', 'X', '--name', '某人'],
      { MONGODB_URI: mongo.uri, MONGODB_DB: db },
      'long-enough-pw\n',
    );
    expect(badLogin.code).toBe(2);
    expect(badLogin.out).toContain('--login');
    const short = await adminCreate(
      ['--login', 'ops2', '--name', '某人'],
      { MONGODB_URI: mongo.uri, MONGODB_DB: db },
      'short\n',
    );
    expect(short.code).toBe(2);
    expect(short.out).toContain('password');
    expect(await server.ctx.db.models.User.countDocuments({ login: 'ops2' })).toBe(0);
  });
});
