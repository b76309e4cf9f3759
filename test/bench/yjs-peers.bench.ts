// Tongxin's `/yjs` beside the servers a user would pick instead, in one run on one machine:
// @y/websocket-server 0.1.1 (the reference) and @hocuspocus/server 4.x, each in its own process,
// the clients in this process. Measures delivery percentiles, server CPU per delivery (from
// /proc), peak and idle RSS, and the cold load of a 10 000-update document. No thresholds: this
// measures, it does not judge.
// Usage: pnpm --filter @tongxin/bench bench:yjs        (writes results/yjs-peers-<date>.md + .json)
//        BENCH_QUICK=1 for a short run (a few minutes); BENCH_PEERS=tongxin to run a subset;
//        BENCH_SERVER_NODE_ARGS=--cpu-prof to profile the Tongxin server (BENCH_PEER_NODE_ARGS the
//        peers, BENCH_DB_NODE_ARGS the emulator).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fragmentLength, openClient, typeCharacters, type BenchClient, type PeerKind, type PeerTarget } from './peers/clients.js';
import { mainThreadCpuSeconds, percentile, pool, procStats, resetPeak, sleep, startProcess, type Proc } from './peers/proc.js';
import { startTongxin } from './peers/tongxin.js';

const QUICK = process.env['BENCH_QUICK'] === '1';
const PEERS = (process.env['BENCH_PEERS'] ?? 'tongxin,reference,hocuspocus').split(',') as PeerKind[];
/** BENCH_SCENARIOS=manyDocs,cold (e.g. with a profiler) runs a subset; the others show as —. */
const ONLY = process.env['BENCH_SCENARIOS']?.split(',');
const runs = (scenario: 'oneDoc50' | 'oneDoc200' | 'manyDocs' | 'cold') => !ONLY || ONLY.includes(scenario);
const here = path.dirname(fileURLToPath(import.meta.url));
/** How long after start a peer's idle memory is read. */
const IDLE_AFTER_MS = Number(process.env['BENCH_IDLE_AFTER_MS'] ?? 40_000);

/** Scenario sizes; quick mode shortens the edit phases, not the shape. */
const S = {
  oneDoc50: { docs: 1, clients: 50, periodMs: 2_000, durationMs: QUICK ? 6_000 : 20_000 },
  oneDoc200: { docs: 1, clients: 200, periodMs: 10_000, durationMs: QUICK ? 6_000 : 20_000 },
  manyDocs: { docs: 100, clients: 5, periodMs: 1_000, durationMs: QUICK ? 10_000 : 30_000 },
  coldUpdates: 10_000,
  /** BENCH_COLD_DOCS: how many documents the cold-load median is taken over. */
  coldDocs: Number(process.env['BENCH_COLD_DOCS'] ?? (QUICK ? 1 : 5)),
  /** Longer than Tongxin's release grace (30 s) plus a flush, so the cold document is out of memory. */
  coldAfterMs: Number(process.env['BENCH_COLD_AFTER_MS'] ?? 40_000),
};

// Each WebsocketProvider listens for the process's exit.
process.setMaxListeners(0);

const log = (msg: string) => console.error(`[yjs peers] ${(performance.now() / 1000).toFixed(1)}s ${msg}`);

interface Peer {
  kind: PeerKind;
  label: string;
  target: PeerTarget;
  pid: number;
  dbPid?: number;
  /** The server's last output lines, shown when a run fails. */
  logs: string[];
  docNames(n: number): Promise<string[]>;
  stop(): Promise<void>;
}

let tongxinRuns = '';

async function startPeer(kind: PeerKind): Promise<Peer> {
  if (kind === 'tongxin') {
    const t = await startTongxin();
    log(`Tongxin runs ${t.runs}`);
    tongxinRuns = t.runs;
    return { kind, label: 'Tongxin', target: t.target, pid: t.server.pid, dbPid: t.database.pid, logs: t.server.logs, docNames: t.docNames, stop: t.stop };
  }
  const script = path.join(here, 'peers', `${kind}-server.mjs`);
  // BENCH_PEER_NODE_ARGS=--cpu-prof profiles the peers as BENCH_SERVER_NODE_ARGS does Tongxin.
  const extra = (process.env['BENCH_PEER_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const proc: Proc = await startProcess(process.execPath, [...extra, script], { cwd: here }, /"port":(\d+)/, kind);
  let n = 0;
  return {
    kind,
    label: kind === 'reference' ? 'reference' : 'Hocuspocus',
    target: { kind, wsUrl: `ws://127.0.0.1:${proc.match[1]}` },
    pid: proc.pid,
    logs: proc.logs,
    docNames: async (count) => Array.from({ length: count }, () => `bench-doc-${n++}`),
    stop: proc.stop,
  };
}

interface EditResult {
  deliveries: number;
  expected: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  serverCpuS: number;
  cpuPerDeliveryUs: number;
  /** The part of it spent on the server's main thread. */
  mainCpuPerDeliveryUs: number;
  dbCpuPerDeliveryUs?: number;
  peakRssMb: number;
  drops: number;
  /** Seconds to connect and sync every client (Tongxin: a ticket each, then the upgrade). */
  connectS: number;
}

/**
 * `clientsPerDoc` clients on each of `docs` documents, each client making one edit every
 * `periodMs` (random phase) for `durationMs`. An edit types a few characters and bumps the
 * client's counter in a map; every other client on the document notes when it sees it.
 */
async function editScenario(peer: Peer, shape: { docs: number; clients: number; periodMs: number; durationMs: number }): Promise<EditResult> {
  const names = await peer.docNames(shape.docs);
  const peakReset = resetPeak(peer.pid);
  const connectStart = performance.now();
  const specs = names.flatMap((name, d) => Array.from({ length: shape.clients }, (_, c) => ({ name, d, c })));
  const open: BenchClient[] = [];
  const keepAlive = setInterval(() => open.forEach((c) => c.touch()), 5_000);
  const clients = await pool(specs, 16, async (s) => {
    const client = await openClient(peer.target, s.name);
    open.push(client);
    await client.synced;
    return { ...s, client };
  });
  await sleep(1_000);
  clearInterval(keepAlive);
  const connectS = (performance.now() - connectStart) / 1000;

  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  for (const { client, d } of clients) {
    const marks = client.doc.getMap<number>('marks');
    marks.observe((event, tr) => {
      if (tr.local) return;
      const now = performance.now();
      for (const key of event.keysChanged) {
        const t0 = sentAt.get(`${d}/${key}/${marks.get(key)}`);
        if (t0 !== undefined) latencies.push(now - t0);
      }
    });
  }
  let edits = 0;
  const cpu0 = procStats(peer.pid);
  const main0 = mainThreadCpuSeconds(peer.pid);
  const db0 = peer.dbPid ? procStats(peer.dbPid) : null;
  const start = performance.now();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  for (const { client, d, c } of clients) {
    const text = client.doc.getText('typing');
    const marks = client.doc.getMap<number>('marks');
    const key = `c${c}`;
    let seq = 0;
    const edit = () => {
      if (performance.now() - start >= shape.durationMs) return;
      seq++;
      edits++;
      sentAt.set(`${d}/${key}/${seq}`, performance.now());
      client.doc.transact(() => {
        text.insert(text.length, '议案条款');
        marks.set(key, seq);
      });
    };
    timers.push(
      setTimeout(() => {
        if (stopped) return;
        edit();
        timers.push(setInterval(edit, shape.periodMs));
      }, Math.random() * shape.periodMs),
    );
  }
  await sleep(shape.durationMs);
  stopped = true;
  timers.forEach((t) => clearTimeout(t));
  const expected = edits * (shape.clients - 1);
  const drainUntil = performance.now() + 5_000;
  while (latencies.length < expected && performance.now() < drainUntil) await sleep(50);
  // Let a write-behind server store the last batch inside the measured window.
  await sleep(1_500);
  const cpu1 = procStats(peer.pid);
  const main1 = mainThreadCpuSeconds(peer.pid);
  const db1 = peer.dbPid ? procStats(peer.dbPid) : null;
  const drops = clients.reduce((n, c) => n + c.client.drops(), 0);
  clients.forEach((c) => c.client.destroy());
  const serverCpuS = cpu1.cpuSeconds - cpu0.cpuSeconds;
  const deliveries = latencies.length;
  await sleep(1_000);
  return {
    deliveries,
    expected,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: Math.max(...latencies),
    serverCpuS,
    cpuPerDeliveryUs: (serverCpuS / deliveries) * 1e6,
    mainCpuPerDeliveryUs: ((main1 - main0) / deliveries) * 1e6,
    dbCpuPerDeliveryUs: db0 && db1 ? ((db1.cpuSeconds - db0.cpuSeconds) / deliveries) * 1e6 : undefined,
    peakRssMb: peakReset ? cpu1.peakRssMb : NaN,
    drops,
    connectS,
  };
}

/** Writes documents of `updates` one-character updates each, then leaves them. */
async function prepareCold(peer: Peer, count: number, updates: number): Promise<string[]> {
  const names = await peer.docNames(count);
  for (const name of names) {
    const writer = await openClient(peer.target, name);
    await writer.synced;
    typeCharacters(writer.doc, updates);
    // A second client proves the server holds every update before the writer leaves.
    const probe = await openClient(peer.target, name);
    await probe.synced;
    const until = performance.now() + 60_000;
    while (fragmentLength(probe.doc) < updates && performance.now() < until) await sleep(50);
    if (fragmentLength(probe.doc) !== updates) throw new Error(`${peer.label}: cold document incomplete`);
    probe.destroy();
    writer.destroy();
  }
  return names;
}

/** The first client on a document nobody has open: connect → synced with every character. */
async function coldLoad(peer: Peer, name: string, updates: number): Promise<number> {
  const params = await peer.target.params?.();
  const target: PeerTarget = { ...peer.target, params: params && (async () => params) };
  const t0 = performance.now();
  const client: BenchClient = await openClient(target, name);
  await client.synced;
  while (fragmentLength(client.doc) < updates) await sleep(1);
  const elapsed = performance.now() - t0;
  client.destroy();
  return elapsed;
}

interface PeerResult {
  label: string;
  idleRssMb: number;
  oneDoc50?: EditResult;
  oneDoc200?: EditResult;
  manyDocs?: EditResult;
  coldLoadMs: number[];
  /** Tongxin: the database process, measured beside the server. */
  dbIdleRssMb?: number;
}

async function runPeer(kind: PeerKind): Promise<PeerResult> {
  log(`starting ${kind}`);
  const peer = await startPeer(kind);
  const startedAt = performance.now();
  try {
    // Idle means settled: Tongxin collects what starting left behind 10 s after it listens
    // (server/src/http/startupGarbage.ts), and V8's memory reducer gives back the young
    // generation's pages about 30 s after start (before it, a server that answered a login holds
    // some 30 MB more); so every peer is measured 40 s after it is up.
    await sleep(IDLE_AFTER_MS);
    const idleRssMb = procStats(peer.pid).rssMb;
    const dbIdleRssMb = peer.dbPid ? procStats(peer.dbPid).rssMb : undefined;
    log(`${kind}: idle RSS ${idleRssMb.toFixed(0)} MB; writing ${S.coldDocs} × ${S.coldUpdates}-update documents`);
    const coldNames = runs('cold') ? await prepareCold(peer, S.coldDocs, S.coldUpdates) : [];
    const coldReadyAt = performance.now() + S.coldAfterMs;
    // Past the start's after-effects (background compilation, sweeping), which would land in
    // the first scenario's CPU.
    await sleep(Math.max(0, startedAt + 15_000 - performance.now()));
    log(`${kind}: one document × 50 clients`);
    const oneDoc50 = runs('oneDoc50') ? await editScenario(peer, S.oneDoc50) : undefined;
    log(`${kind}: one document × 200 clients`);
    const oneDoc200 = runs('oneDoc200') ? await editScenario(peer, S.oneDoc200) : undefined;
    log(`${kind}: 100 documents × 5 clients`);
    const manyDocs = runs('manyDocs') ? await editScenario(peer, S.manyDocs) : undefined;
    const wait = coldReadyAt - performance.now();
    if (wait > 0 && coldNames.length > 0) {
      log(`${kind}: waiting ${(wait / 1000).toFixed(0)} s until the cold documents are out of memory`);
      await sleep(wait);
    }
    const coldLoadMs: number[] = [];
    for (const name of coldNames) coldLoadMs.push(await coldLoad(peer, name, S.coldUpdates));
    log(`${kind}: cold load ${coldLoadMs.map((m) => m.toFixed(0)).join(', ')} ms`);
    return { label: peer.label, idleRssMb, dbIdleRssMb, oneDoc50, oneDoc200, manyDocs, coldLoadMs };
  } catch (err) {
    console.error(`${peer.label} output:\n${peer.logs.slice(-30).join('\n')}`);
    throw err;
  } finally {
    await peer.stop();
  }
}

// ---------------------------------------------------------------------------------------------

const fmtMs = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '—' : n < 10 ? `${n.toFixed(1)} ms` : `${n.toFixed(0)} ms`);
const fmtUs = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '—' : `${n.toFixed(0)} µs`);
const fmtMb = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '—' : `${n.toFixed(0)} MB`);
const median = (xs: number[]) => percentile(xs, 50);

function report(results: Partial<Record<PeerKind, PeerResult>>): string {
  const cols: PeerKind[] = ['reference', 'hocuspocus', 'tongxin'];
  const rows: { name: string; get: (r: PeerResult) => number | undefined; fmt: (n: number | undefined) => string; vs?: PeerKind }[] = [
    { name: 'one document, 50 clients, p99 delivery', get: (r) => r.oneDoc50?.p99Ms, fmt: fmtMs },
    { name: 'one document, 50 clients, p50 delivery', get: (r) => r.oneDoc50?.p50Ms, fmt: fmtMs },
    { name: 'one document, 200 clients, server CPU per delivery', get: (r) => r.oneDoc200?.cpuPerDeliveryUs, fmt: fmtUs },
    { name: 'same: of which the main thread (the rest: V8 and libuv helper threads)', get: (r) => r.oneDoc200?.mainCpuPerDeliveryUs, fmt: fmtUs },
    { name: 'one document, 200 clients, p99 delivery', get: (r) => r.oneDoc200?.p99Ms, fmt: fmtMs },
    { name: '100 documents × 5 clients, 1 edit/s each: p99 delivery', get: (r) => r.manyDocs?.p99Ms, fmt: fmtMs },
    { name: 'same: server CPU per delivery', get: (r) => r.manyDocs?.cpuPerDeliveryUs, fmt: fmtUs },
    { name: 'same: of which the main thread', get: (r) => r.manyDocs?.mainCpuPerDeliveryUs, fmt: fmtUs },
    { name: 'same: database process CPU per delivery', get: (r) => r.manyDocs?.dbCpuPerDeliveryUs, fmt: fmtUs },
    { name: 'same: server peak RSS', get: (r) => r.manyDocs?.peakRssMb, fmt: fmtMb },
    { name: `cold load of a ${S.coldUpdates}-update document, first client (median of ${S.coldDocs})`, get: (r) => median(r.coldLoadMs), fmt: fmtMs, vs: 'hocuspocus' },
    { name: 'server RSS at idle, nothing connected', get: (r) => r.idleRssMb, fmt: fmtMb },
  ];
  const lines = [
    '| scenario | reference | Hocuspocus | Tongxin | Tongxin / reference |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const vals = cols.map((c) => (results[c] ? row.get(results[c]!) : undefined));
    const tx = vals[2];
    const ref = row.vs === 'hocuspocus' ? vals[1] : vals[0];
    const ratio = tx !== undefined && ref !== undefined && ref > 0 ? `${(tx / ref).toFixed(2)}${row.vs ? ' (× Hocuspocus)' : ''}` : '—';
    lines.push(`| ${row.name} | ${vals.map(row.fmt).join(' | ')} | ${ratio} |`);
  }
  const checks = cols
    .filter((c) => results[c])
    .map((c) => {
      const r = results[c]!;
      const ran = [r.oneDoc50, r.oneDoc200, r.manyDocs];
      const parts = ran.map((e) => (e ? `${e.deliveries}/${e.expected}${e.drops ? `, ${e.drops} dropped` : ''}` : '—'));
      const connect = ran.map((e) => (e ? `${e.connectS.toFixed(0)} s` : '—')).join(' / ');
      return `${r.label}: deliveries seen/expected ${parts.join('; ')}; connecting 50 / 200 / 500 clients took ${connect}`;
    });
  return [lines.join('\n'), '', ...checks.map((c) => `- ${c}`)].join('\n');
}

async function main() {
  const results: Partial<Record<PeerKind, PeerResult>> = {};
  for (const kind of PEERS) results[kind] = await runPeer(kind);
  const table = report(results);
  const partial = ONLY !== undefined || PEERS.length < 3;
  const date = `${new Date().toISOString().slice(0, 10)}${QUICK ? '-quick' : ''}${partial ? '-partial' : ''}`;
  const cpus = os.cpus();
  const md = [
    `# Yjs servers side by side${QUICK ? ' (quick mode)' : ''}`,
    '',
    `${new Date().toISOString()}, Node ${process.version}, ${cpus[0]?.model.trim()} × ${cpus.length}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end.`,
    '',
    table,
    '',
    'How it is measured: each server in its own process, one after another; the clients in the',
    'benchmark process (y-websocket `WebsocketProvider` with `disableBc`, presence off; Hocuspocus',
    'through its own provider, since its wire format differs). A delivery is one edit seen by one',
    'other client; CPU per delivery is the server process\'s user+system CPU over the edit phase',
    '(plus 1.5 s for write-behind) divided by deliveries. Peak RSS is VmHWM, reset before the',
    'scenario. Tongxin runs in production mode with authentication (a ticket per connection) and',
    `persistence to the bundled emulator in its own process${tongxinRuns ? ` (server: ${tongxinRuns})` : ''}. The reference keeps every update as its`,
    'own entry in memory (as y-leveldb stores them) and replays them on load; Hocuspocus stores the',
    'encoded state through onStoreDocument, in memory. Tongxin is started once to fill its empty',
    'database with the demo, then again on that data: the process measured is that restart.',
  ].join('\n');
  const dir = path.join(here, 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `yjs-peers-${date}.md`), md + '\n');
  fs.writeFileSync(path.join(dir, `yjs-peers-${date}.json`), JSON.stringify({ quick: QUICK, at: new Date().toISOString(), shapes: S, results }, null, 2) + '\n');
  console.log(md);
}

await main();
