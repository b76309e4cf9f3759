// Throughput and latency of the MongoDB emulator through the official driver: primary-key
// operations, then queries through secondary indexes at 10k and 100k documents.
// Usage: pnpm bench   (writes results/mongo-emulator.md); BENCH_SIZES=10000 for a quick run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMongoEmulator } from '@tongxin/mongo-emulator';
import { MongoClient, type Collection, type ObjectId } from 'mongodb';

const MAX_OPS = Number(process.env['BENCH_OPS'] ?? 2000);
const MAX_MS = Number(process.env['BENCH_MS'] ?? 5000);
const SEED_DOCS = 1000;
const INDEXED_SIZES = (process.env['BENCH_SIZES'] ?? '10000,100000').split(',').map(Number);
const INDEXED_OPS = Number(process.env['BENCH_INDEXED_OPS'] ?? 1000);

interface Result {
  op: string;
  mode: string;
  ops: number;
  opsPerSec: number;
  p50: number;
  p95: number;
  p99: number;
}

type Op = (coll: Collection, ids: ObjectId[], i: number) => Promise<unknown>;

const ops: Record<string, Op> = {
  insertOne: (c, _ids, i) => c.insertOne({ i, name: `user${i}`, tags: ['a', 'b'], createdAt: new Date() }),
  'findOne by _id': (c, ids, i) => c.findOne({ _id: ids[i % ids.length] }),
  'findOneAndUpdate $inc': (c, ids, i) => c.findOneAndUpdate({ _id: ids[i % ids.length] }, { $inc: { n: 1 } }, { returnDocument: 'after' }),
};

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function measure(mode: string, name: string, workers: number, maxOps: number, op: (i: number) => Promise<unknown>): Promise<Result> {
  // Warm up connections and JIT.
  await Promise.all(Array.from({ length: workers * 5 }, (_, i) => op(maxOps + i)));
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  const deadline = start + MAX_MS;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < maxOps && performance.now() < deadline) {
        const i = next++;
        const t0 = performance.now();
        await op(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = performance.now() - start;
  latencies.sort((a, b) => a - b);
  return {
    op: name,
    mode,
    ops: latencies.length,
    opsPerSec: (latencies.length / elapsed) * 1000,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

async function runCase(uri: string, name: string, op: Op, workers: number): Promise<Result> {
  const client = await MongoClient.connect(uri, { maxPoolSize: workers, minPoolSize: workers });
  const coll = client.db('bench').collection(`c_${name.replace(/\W+/g, '_')}_${workers}`);
  const seeded = await coll.insertMany(Array.from({ length: SEED_DOCS }, (_, i) => ({ seed: i, n: 0 })));
  const ids = Object.values(seeded.insertedIds);
  const mode = workers === 1 ? 'sequential (1 connection)' : `${workers} concurrent workers`;
  const result = await measure(mode, name, workers, MAX_OPS, (i) => op(coll, ids, i));
  await client.close();
  return result;
}

/**
 * A collection shaped like the product's hot ones (a ballot: unique {vote, voter}, {vote,
 * choice}; plus a numeric field with a range index), queried through those indexes.
 */
async function runIndexed(uri: string, size: number): Promise<Result[]> {
  const client = await MongoClient.connect(uri, { maxPoolSize: 1 });
  const coll = client.db('bench').collection(`indexed_${size}`);
  await coll.createIndex({ vote: 1, voter: 1 }, { unique: true });
  await coll.createIndex({ vote: 1, choice: 1 });
  await coll.createIndex({ at: 1 });
  const VOTES = Math.max(1, size / 500);
  const doc = (i: number) => ({ vote: i % VOTES, voter: `u${i}`, choice: ['yes', 'no', 'abstain'][i % 3], at: new Date(Date.UTC(2026, 0, 1) + i * 1000), n: 0 });
  for (let i = 0; i < size; i += 5000) await coll.insertMany(Array.from({ length: Math.min(5000, size - i) }, (_, j) => doc(i + j)));
  // A fixed pseudo-random walk over the seeded documents, the same for every run.
  const pick = (i: number) => (i * 7919) % size;
  const label = `${size.toLocaleString('en')} docs`;
  const out: Result[] = [];
  out.push(await measure(label, 'find by secondary key (1 match)', 1, INDEXED_OPS, (i) => coll.findOne({ vote: pick(i) % VOTES, voter: `u${pick(i)}` })));
  out.push(
    await measure(label, 'range find (20 matches)', 1, INDEXED_OPS, (i) => {
      const from = Date.UTC(2026, 0, 1) + pick(i) * 1000;
      return coll.find({ at: { $gte: new Date(from), $lt: new Date(from + 20_000) } }).toArray();
    }),
  );
  out.push(await measure(label, 'count by compound prefix', 1, INDEXED_OPS, (i) => coll.countDocuments({ vote: pick(i) % VOTES, choice: 'yes' })));
  out.push(await measure(label, 'updateOne by secondary key', 1, INDEXED_OPS, (i) => coll.updateOne({ vote: pick(i) % VOTES, voter: `u${pick(i)}` }, { $inc: { n: 1 } })));
  out.push(await measure(label, 'insertOne with 3 indexes', 1, INDEXED_OPS, (i) => coll.insertOne(doc(size + i))));
  await client.close();
  return out;
}

function table(results: Result[]): string {
  const rows = results.map(
    (r) => `| ${r.op} | ${r.mode} | ${r.ops} | ${Math.round(r.opsPerSec)} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} |`,
  );
  return ['| operation | mode | ops | ops/s | p50 ms | p95 ms | p99 ms |', '| --- | --- | ---: | ---: | ---: | ---: | ---: |', ...rows].join('\n');
}

const emulator = await startMongoEmulator({ port: 0 });
const results: Result[] = [];
const indexed: Result[] = [];
try {
  for (const workers of [1, 20]) {
    for (const [name, op] of Object.entries(ops)) results.push(await runCase(emulator.uri, name, op, workers));
  }
  for (const size of INDEXED_SIZES) indexed.push(...(await runIndexed(emulator.uri, size)));
} finally {
  await emulator.close();
}

const md = [
  '# mongo-emulator benchmark',
  '',
  `In-memory emulator, official \`mongodb\` driver, up to ${MAX_OPS} operations or ${MAX_MS / 1000} s per case, ${SEED_DOCS} seeded documents per collection.`,
  `Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, load average ${os.loadavg()[0]?.toFixed(1) ?? '?'} at the end, ${new Date().toISOString()}.`,
  '',
  table(results),
  '',
  '## Secondary indexes',
  '',
  `One connection, up to ${INDEXED_OPS} operations or ${MAX_MS / 1000} s per case; indexes {vote, voter} unique, {vote, choice}, {at}.`,
  '',
  table(indexed).replace('| mode |', '| collection |'),
  '',
].join('\n');
console.log(md);
const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'mongo-emulator.md'), md);
