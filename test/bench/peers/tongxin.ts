import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PeerTarget } from './clients.js';
import { pool, startProcess, type Proc } from './proc.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(here, '../../../server');
const emulatorCli = path.resolve(here, '../../../packages/mongo-emulator/src/cli.ts');

export interface TongxinPeer {
  /** How the server ran: the compiled bundle, or the sources through tsx. */
  runs: 'dist/main.js' | 'src/main.ts (tsx)';
  server: Proc;
  /** The database in its own process, as a real MongoDB would be. */
  database: Proc;
  base: string;
  target: PeerTarget;
  /** Names of `n` writable documents: decision drafts of an upcoming demo meeting. */
  docNames(n: number): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * Tongxin as a user gets it: the bundled emulator in its own process (with a data directory, as
 * the quick start runs it), the server in production mode on it (started once to seed the demo,
 * then again: the process measured is a restart on existing data), `/yjs` with authentication
 * (a one-time ticket per connection) and persistence on. Runs `server/dist/main.js` (what
 * `pnpm start` runs) when that build is newer than every source it bundles, else the sources
 * through tsx — a stale bundle would measure code that is no longer there.
 */
export async function startTongxin(): Promise<TongxinPeer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-yjs-bench-'));
  const database = await startProcess(
    process.execPath,
    // BENCH_DB_NODE_ARGS=--cpu-prof profiles the emulator as BENCH_SERVER_NODE_ARGS does the server.
    [...(process.env['BENCH_DB_NODE_ARGS'] ?? '').split(' ').filter(Boolean), '--import', 'tsx', emulatorCli, '--port', '0', '--data-dir', path.join(dataDir, 'db'), '--quiet'],
    { cwd: path.dirname(emulatorCli) },
    /^(mongodb:\/\/\S+)/,
    'mongo emulator',
  );
  const extra = (process.env['BENCH_SERVER_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const built = freshBuild();
  const sessionSecret = randomBytes(24).toString('hex');
  const startServer = (args: string[]) =>
    startProcess(
      process.execPath,
      [...args, ...(built ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts'])],
      {
        cwd: serverDir,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          HOST: '127.0.0.1',
          PORT: '0',
          LOG_LEVEL: 'info',
          DATA_DIR: dataDir,
          MONGODB_URI: database.match[1]!,
          SESSION_SECRET: sessionSecret,
        },
      },
      /"url":"(http:[^"]+)"/,
      'Tongxin server',
    );
  // The first start fills the empty database with the demo; what is measured is the server as an
  // installation runs it from then on: started again on its data.
  await (await startServer([])).stop();
  const server = await startServer(extra);
  const base = server.match[1]!;
  const token = (await api<{ token: string }>(base, 'POST', '/auth/token', undefined, { login: 'secretary', password: 'tongxin-demo' })).token;
  const me = await api<{ alliances: { id: string }[] }>(base, 'GET', '/me', token);
  const meetings = await api<{ items: { id: string }[] }>(base, 'GET', `/alliances/${me.alliances[0]!.id}/meetings?when=upcoming`, token);
  const meetingId = meetings.items[0]!.id;
  let created = 0;
  return {
    runs: built ? 'dist/main.js' : 'src/main.ts (tsx)',
    server,
    database,
    base,
    target: {
      kind: 'tongxin',
      wsUrl: `${base.replace('http', 'ws')}/yjs`,
      params: async () => ({ ticket: (await api<{ ticket: string }>(base, 'POST', '/yjs-ticket', token)).ticket }),
    },
    docNames: async (n) =>
      pool(Array.from({ length: n }, () => created++), 4, async (i) =>
        (await api<{ docName: string }>(base, 'POST', `/meetings/${meetingId}/decisions`, token, { title: `压测决议${i}` })).docName,
      ),
    stop: async () => {
      await server.stop();
      await database.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function api<T>(base: string, method: string, p: string, token?: string, body?: unknown, attempt = 1): Promise<T> {
  const res = await fetch(`${base}/api${p}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  }).catch((err: Error) => {
    // A kept-alive socket the server closed as it was reused: ask again on a fresh one.
    if (attempt < 3) return null;
    throw err;
  });
  if (!res) return api<T>(base, method, p, token, body, attempt + 1);
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Whether server/dist/main.js exists and is newer than the sources bundled into it. */
export function freshBuild(): boolean {
  const bundle = path.join(serverDir, 'dist/main.js');
  if (!fs.existsSync(bundle)) return false;
  const builtAt = fs.statSync(bundle).mtimeMs;
  const sources = ['server/src', 'shared/src', 'packages/mongo-emulator/src'].map((d) => path.resolve(serverDir, '..', d));
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
      const p = path.join(dir, e.name);
      return Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
    }, 0);
  return sources.every((dir) => !fs.existsSync(dir) || newest(dir) < builtAt);
}
