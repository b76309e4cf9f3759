import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Started {
  child: ChildProcess;
  url: string;
  logs: string[];
  exit: Promise<number | null>;
}

/** Starts `server/src/main.ts` as its own process, as `pnpm start` does, and waits until it listens. */
function startProcess(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', MONGODB_URI: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        logs.push(line);
        const url = /"url":"(http:[^"]+)"/.exec(line)?.[1];
        if (url) resolve({ child, url, logs, exit });
      }
    };
    child.stdout!.on('data', onLine);
    child.stderr!.on('data', onLine);
    void exit.then((code) => reject(new Error(`server exited with ${code}:\n${logs.join('\n')}`)));
  });
}

describe('the server process', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
  });

  it('a bad environment variable stops the start with a message naming it', async () => {
    const err = await startProcess({ PORT: 'not-a-port' }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/exited with 1/);
    expect((err as Error).message).toMatch(/PORT/);
  });

  it('SIGTERM shuts down gracefully with exit 0, and the data survives a restart', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tongxin-proc-'));
    dirs.push(dataDir);
    const first = await startProcess({ DATA_DIR: dataDir });
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

    const second = await startProcess({ DATA_DIR: dataDir });
    try {
      expect(second.logs.join('\n')).not.toMatch(/seeded the demo alliance/);
      const units = await fetch(`${second.url}/api/units?pageSize=100`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await units.json()) as { items: { name: string }[] };
      expect(body.items.map((u) => u.name)).toContain('重启后仍在的单位');
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exit).toBe(0);
    }
  });
});
