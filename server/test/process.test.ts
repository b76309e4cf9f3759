import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from './support/process.js';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('the server process', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
  });

  it('a bad environment variable stops the start with a message naming it', async () => {
    const err = await startServerProcess({ PORT: 'not-a-port' }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/exited with 1/);
    expect((err as Error).message).toMatch(/PORT/);
  });

  it('SIGTERM shuts down gracefully with exit 0, and the data survives a restart', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tongxin-proc-'));
    dirs.push(dataDir);
    const first = await startServerProcess({ DATA_DIR: dataDir });
    expect(first.logs.join('\n')).toMatch(/seeded the demo alliance/);
    const health = (await (await fetch(`${first.url}/api/health`)).json()) as { db: { mode: string } };
    expect(health.db.mode).toBe('emulator');
    const login = await fetch(`${first.url}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password: 'tongxin-demo' }),
    });
    const { token } = (await login.json()) as { token: string };
    const created = await fetch(`${first.url}/api/units`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: '重启后仍在的单位', kind: 'other', level: 'community' }),
    });
    expect(created.status).toBe(201);

    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    expect(first.logs.join('\n')).toMatch(/"msg":"stopped"/);

    // Restarted from the compiled bundle `pnpm build` leaves in dist/ (`pnpm test` builds first), as
    // `pnpm start` runs it: plain JavaScript, the exports loaded on first use.
    await fs.access(path.join(serverDir, 'dist/main.js')).catch(() => {
      throw new Error('server/dist/main.js is missing: run `pnpm build` first (pnpm test does)');
    });
    const second = await startServerProcess({ DATA_DIR: dataDir, NODE_ENV: 'production', SESSION_SECRET: 'process-test-secret-0123' }, { compiled: true });
    try {
      expect(second.logs.join('\n')).not.toMatch(/seeded the demo alliance/);
      const auth = { headers: { authorization: `Bearer ${token}` } };
      const units = await fetch(`${second.url}/api/units?pageSize=100`, auth);
      const body = (await units.json()) as { items: { name: string }[] };
      expect(body.items.map((u) => u.name)).toContain('重启后仍在的单位');
      // The seeded first meeting's published minutes, as PDF: the lazily loaded export and its
      // bundled fonts resolve from the compiled bundle too.
      const [alliance] = ((await (await fetch(`${second.url}/api/alliances`, auth)).json()) as { items: { id: string }[] }).items;
      const past = (await (await fetch(`${second.url}/api/alliances/${alliance!.id}/meetings?when=past`, auth)).json()) as {
        items: { id: string; status: string }[];
      };
      const published = past.items.find((m) => m.status === 'minutes_published');
      const pdf = await fetch(`${second.url}/api/meetings/${published!.id}/minutes.pdf`, auth);
      expect(pdf.status).toBe(200);
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exit).toBe(0);
    }
  }, 120_000);
});
