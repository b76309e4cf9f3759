// The live meeting room under a burst: N sockets in one room, per-member basis, every member
// casting within one second. Reports what the issue asks for — ballots persisted vs acknowledged,
// lost and duplicated ballots, the time from the last ballot to the final tally reaching every
// client, and the server's CPU and RSS. No thresholds: this measures, it does not judge.
// Usage: pnpm --filter @tongxin/bench bench:room   (writes results/room.md)
//        ROOM_BENCH_MEMBERS=100 for a quick run; ROOM_BENCH_OUT=<file> writes results/<file> instead.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { freshBuild } from './peers/tongxin.js';
import type { Ack, ClientToServerEvents, ServerToClientEvents, Tally } from '@tongxin/shared';

const MEMBERS = Number(process.env['ROOM_BENCH_MEMBERS'] ?? 500);
const SPREAD_MS = Number(process.env['ROOM_BENCH_SPREAD_MS'] ?? 1000);
/** Representatives per unit: the membership schema allows up to 20. */
const PER_UNIT = 20;
const PASSWORD = 'bench-password-0';
const here = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(here, '../../server');

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

// ---------------------------------------------------------------------------------------------
// The server, as its own process, so that its CPU and memory are its own.

interface ServerProc {
  child: ChildProcess;
  url: string;
}

function startServer(dataDir: string): Promise<ServerProc> {
  // e.g. ROOM_BENCH_NODE_ARGS=--cpu-prof to profile the server.
  const extra = (process.env['ROOM_BENCH_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  // What `pnpm start` runs (dist/main.js) when that build is current, else the sources through tsx.
  const child = spawn(process.execPath, [...extra, ...(freshBuild() ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts'])], {
    cwd: serverDir,
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', DATA_DIR: dataDir, MONGODB_URI: '', MONGOD_DOWNLOAD: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        logs.push(line);
        const url = /"url":"(http:[^"]+)"/.exec(line)?.[1];
        if (url) resolve({ child, url });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${logs.slice(-20).join('\n')}`)));
  });
}

/** CPU seconds (user + system) and memory of a Linux process, from /proc. */
function procStats(pid: number): { cpuSeconds: number; rssMb: number; peakRssMb: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { cpuSeconds: ticks / 100, rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// REST and socket helpers.

async function api<T = any>(base: string, method: string, p: string, token?: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/api${p}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

const token = async (base: string, login: string, password: string) =>
  (await api<{ token: string }>(base, 'POST', '/auth/token', undefined, { login, password })).token;

function connect(url: string, tok: string): Promise<Client> {
  const socket: Client = io(url, { auth: { token: tok }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 120_000 });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function send<E extends keyof ClientToServerEvents>(s: Client, event: E, payload: Parameters<ClientToServerEvents[E]>[0]) {
  return new Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]>((resolve) => {
    (s.emit as (e: string, p: unknown, ack: (r: never) => void) => void)(event, payload, resolve);
  });
}

function must<T>(res: Ack<T>, what: string): T {
  if (!res.ok) throw new Error(`${what}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

/** Runs `fn` over `items` with at most `limit` at a time. */
async function pool<T, R>(items: T[], limit: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

// ---------------------------------------------------------------------------------------------

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-room-bench-'));
  const server = await startServer(dataDir);
  const base = server.url;
  const log = (msg: string) => console.log(`[room bench] ${((performance.now()) / 1000).toFixed(1)}s ${msg}`);
  try {
    log(`server at ${base}, pid ${server.child.pid}; creating ${MEMBERS} members`);
    const admin = await token(base, 'admin', 'tongxin-demo');
    const secretary = await token(base, 'secretary', 'tongxin-demo');
    const unitCount = Math.ceil(MEMBERS / PER_UNIT);
    const stamp = Date.now().toString(36);
    const units = await pool(Array.from({ length: unitCount }, (_, i) => i), 8, (i) =>
      api<{ id: string }>(base, 'POST', '/units', admin, { name: `压测单位${stamp}-${i}`, kind: 'other', level: 'community' }),
    );
    const users = await pool(Array.from({ length: MEMBERS }, (_, i) => i), 8, async (i) => {
      const login = `b${stamp}${i}`;
      const unit = units[Math.floor(i / PER_UNIT)]!.id;
      const u = await api<{ id: string }>(base, 'POST', '/users', admin, { name: `成员${i}`, login, password: PASSWORD, unit });
      return { id: u.id, login, unit };
    });
    const alliance = await api<{ id: string }>(base, 'POST', '/alliances', secretary, {
      name: `压测联合体${stamp}`,
      kind: 'regional',
      memberships: units.map((u) => ({ unit: u.id, role: 'member', representatives: users.filter((x) => x.unit === u.id).map((x) => x.id) })),
      votingDefaults: { basis: 'member', quorum: 0.5, threshold: 'simple_majority' },
    });
    const meeting = await api<{ id: string }>(base, 'POST', `/alliances/${alliance.id}/meetings`, secretary, {
      title: '压测联席会议',
      scheduledAt: new Date(Date.now() + 3600_000).toISOString(),
      place: '线上',
    });
    await api(base, 'POST', `/meetings/${meeting.id}/schedule`, secretary);
    const tokens = await pool(users, 8, (u) => token(base, u.login, PASSWORD));

    log('connecting, joining and checking in');
    const chair = await connect(base, secretary);
    must(await send(chair, 'meeting:join', { meetingId: meeting.id }), 'chair join');
    const clients = await pool(tokens, 50, async (t) => {
      const s = await connect(base, t);
      must(await send(s, 'meeting:join', { meetingId: meeting.id }), 'join');
      must(await send(s, 'meeting:checkIn', { meetingId: meeting.id }), 'check in');
      return s;
    });
    must(await send(chair, 'meeting:start', { meetingId: meeting.id }), 'start');
    const vote = must(
      await send(chair, 'vote:open', { meetingId: meeting.id, title: '压测表决', text: '压测用议案文本。' }),
      'open',
    );

    // Every client (and the chair) notes when it sees the final tally and how many tallies it got.
    const finalAt: number[] = new Array(clients.length + 1).fill(NaN);
    const tallies: number[] = new Array(clients.length + 1).fill(0);
    const allFinal = new Promise<void>((resolve) => {
      let remaining = clients.length + 1;
      [...clients, chair].forEach((s, i) =>
        s.on('vote:tally', (t: Tally) => {
          if (t.voteId !== vote.id) return;
          tallies[i]!++;
          if (t.turnout === MEMBERS && Number.isNaN(finalAt[i])) {
            finalAt[i] = performance.now();
            if (--remaining === 0) resolve();
          }
        }),
      );
    });

    log(`${MEMBERS} ballots within ${SPREAD_MS} ms`);
    const cpu0 = procStats(server.child.pid!);
    const acks: { ok: boolean; code: string; latency: number }[] = [];
    let lastSentAt = 0;
    const choices = ['for', 'against', 'abstain'] as const;
    const start = performance.now();
    await Promise.all(
      clients.map(
        (s, i) =>
          new Promise<void>((resolve) => {
            setTimeout(() => {
              const sentAt = performance.now();
              lastSentAt = Math.max(lastSentAt, sentAt);
              void send(s, 'vote:cast', { voteId: vote.id, choice: choices[i % 3]! }).then((res) => {
                acks.push({ ok: res.ok, code: res.ok ? 'ok' : res.error.code, latency: performance.now() - sentAt });
                resolve();
              });
            }, Math.random() * SPREAD_MS);
          }),
      ),
    );
    const lastAckAt = performance.now();
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000).unref());
    const settled = await Promise.race([allFinal.then(() => 'ok' as const), timeout]);
    const cpu1 = procStats(server.child.pid!);

    // What MongoDB holds, seen through a fresh snapshot (an open vote lists each ballot's voter).
    const snap = must(await send(chair, 'meeting:join', { meetingId: meeting.id }), 'snapshot');
    const stored = snap.votes.find((v) => v.id === vote.id)!;
    const storedVoters = stored.ballots!.map((b) => b.voter);
    const acked = acks.filter((a) => a.ok).length;
    const uniqueStored = new Set(storedVoters).size;
    const toFinal = finalAt.filter((t) => !Number.isNaN(t)).map((t) => t - lastSentAt);
    const cpuSeconds = cpu0 && cpu1 ? cpu1.cpuSeconds - cpu0.cpuSeconds : NaN;
    const phaseSeconds = (lastAckAt - start) / 1000;

    const rows: [string, string][] = [
      ['members (sockets) in the room', String(MEMBERS)],
      ['ballots acknowledged ok', String(acked)],
      ['ballots rejected', acks.filter((a) => !a.ok).map((a) => a.code).join(', ') || '0'],
      ['ballots persisted (MongoDB)', String(storedVoters.length)],
      ['lost (acknowledged, not stored)', String(Math.max(0, acked - uniqueStored))],
      ['duplicated (same voter stored twice)', String(storedVoters.length - uniqueStored)],
      ['clients that saw the final tally', `${toFinal.length} of ${clients.length + 1}${settled === 'timeout' ? ' (timed out after 30 s)' : ''}`],
      ['last ballot sent → final tally at client, p50', ms(percentile(toFinal, 50))],
      ['last ballot sent → final tally at client, p99', ms(percentile(toFinal, 99))],
      ['last ballot sent → final tally at client, max', ms(Math.max(...toFinal))],
      ['ballot ack latency p50 / p99', `${ms(percentile(acks.map((a) => a.latency), 50))} / ${ms(percentile(acks.map((a) => a.latency), 99))}`],
      ['first ballot sent → last ack', `${(phaseSeconds * 1000).toFixed(0)} ms`],
      ['tally broadcasts per client (median)', String(percentile(tallies, 50))],
      ['server CPU during the burst', `${cpuSeconds.toFixed(2)} s (${((cpuSeconds / phaseSeconds) * 100).toFixed(0)}% of one core)`],
      // Less sensitive to other load on the machine than the latencies above.
      ['server CPU per ballot', ms((cpuSeconds * 1000) / MEMBERS)],
      ['server RSS after / peak', cpu1 ? `${cpu1.rssMb.toFixed(0)} MB / ${cpu1.peakRssMb.toFixed(0)} MB` : 'n/a (no /proc)'],
    ];
    const md = [
      '# Live room benchmark',
      '',
      `${MEMBERS} socket.io-client sockets in one meeting room, per-member basis, each casting one open ballot at a random moment within ${SPREAD_MS} ms.`,
      `Server: its own process on the bundled MongoDB emulator (\`NODE_ENV=production\`, ${freshBuild() ? 'dist/main.js' : 'src/main.ts through tsx'}). Node ${process.version}, ${os.cpus()[0]?.model ?? 'CPU'} × ${os.cpus().length}, ${new Date().toISOString()}.`,
      '',
      '| measure | value |',
      '| --- | ---: |',
      ...rows.map(([k, v]) => `| ${k} | ${v} |`),
      '',
    ].join('\n');
    console.log(`\n${md}`);
    const outDir = path.join(here, 'results');
    fs.mkdirSync(outDir, { recursive: true });
    // ROOM_BENCH_OUT=room-500-1.md keeps one run's report beside the others.
    fs.writeFileSync(path.resolve(outDir, process.env['ROOM_BENCH_OUT'] ?? 'room.md'), md);
    console.log(
      `ROOM_BENCH_SUMMARY ${JSON.stringify({
        members: MEMBERS,
        acked,
        lost: Math.max(0, acked - uniqueStored),
        duplicated: storedVoters.length - uniqueStored,
        sawFinal: toFinal.length,
        p50: percentile(toFinal, 50),
        p99: percentile(toFinal, 99),
        cpuMsPerBallot: (cpuSeconds * 1000) / MEMBERS,
      })}`,
    );
    for (const s of [...clients, chair]) s.disconnect();
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
