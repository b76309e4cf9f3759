// Throughput and latency of the MongoDB emulator through the official driver.
// Usage: pnpm bench   (writes results/mongo-emulator.md)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMongoEmulator } from '@tongxin/mongo-emulator';
import { MongoClient, type Collection, type ObjectId } from 'mongodb';

const MAX_OPS = Number(process.env['BENCH_OPS'] ?? 2000);
const MAX_MS = Number(process.env['BENCH_MS'] ?? 5000);
const SEED_DOCS = 1000;

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

async function runCase(uri: string, name: string, op: Op, workers: number): Promise<Result> {
  const client = await MongoClient.connect(uri, { maxPoolSize: workers, minPoolSize: workers });
  const coll = client.db('bench').collection(`c_${name.replace(/\W+/g, '_')}_${workers}`);
  const seeded = await coll.insertMany(Array.from({ length: SEED_DOCS }, (_, i) => ({ seed: i, n: 0 })));
  const ids = Object.values(seeded.insertedIds);
  // Warm up connections and JIT.
  await Promise.all(Array.from({ length: workers * 5 }, (_, i) => op(coll, ids, i)));

  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  const deadline = start + MAX_MS;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < MAX_OPS && performance.now() < deadline) {
        const i = next++;
        const t0 = performance.now();
        await op(coll, ids, i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = performance.now() - start;
  await client.close();
  latencies.sort((a, b) => a - b);
  return {
    op: name,
    mode: workers === 1 ? 'sequential (1 connection)' : `${workers} concurrent workers`,
    ops: latencies.length,
    opsPerSec: (latencies.length / elapsed) * 1000,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

function table(results: Result[]): string {
  const rows = results.map(
    (r) => `| ${r.op} | ${r.mode} | ${r.ops} | ${Math.round(r.opsPerSec)} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} |`,
  );
  return ['| operation | mode | ops | ops/s | p50 ms | p95 ms | p99 ms |', '| --- | --- | ---: | ---: | ---: | ---: | ---: |', ...rows].join('\n');
}

const emulator = await startMongoEmulator({ port: 0 });
const results: Result[] = [];
try {
  for (const workers of [1, 20]) {
    for (const [name, op] of Object.entries(ops)) results.push(await runCase(emulator.uri, name, op, workers));
  }
} finally {
  await emulator.close();
}

const md = [
  '# mongo-emulator benchmark',
  '',
  `In-memory emulator, official \`mongodb\` driver, up to ${MAX_OPS} operations or ${MAX_MS / 1000} s per case, ${SEED_DOCS} seeded documents per collection.`,
  `Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${new Date().toISOString()}.`,
  '',
  table(results),
  '',
].join('\n');
console.log(md);
const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'mongo-emulator.md'), md);
