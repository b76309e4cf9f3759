import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { MongoClient, MongoServerError } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const children = new Set<ChildProcess>();

interface Running {
  child: ChildProcess;
  uri: string;
}

/** Runs the CLI as a separate process, the way `pnpm mongo-emulator` does, and reads its URI line. */
function startCli(dataDir: string): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--port', '0', '--data-dir', dataDir], {
    cwd: pkgDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start: ${stderr}`)), 30_000);
    const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve({ child, uri: line.trim() });
    });
    child.once('exit', (code) => reject(new Error(`CLI exited early (${String(code)}): ${stderr}`)));
  });
}

function kill(r: Running, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    r.child.once('exit', (code) => {
      children.delete(r.child);
      resolve(code);
    });
    r.child.kill(signal);
  });
}

async function withClient<T>(uri: string, fn: (c: MongoClient) => Promise<T>): Promise<T> {
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

describe('durability across SIGKILL', () => {
  it('keeps every acknowledged write across kill -9 and restarts (with compaction)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mongo-emu-'));
    let run = await startCli(dir);
    expect(run.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/\?replicaSet=rs0$/);

    await withClient(run.uri, async (client) => {
      const c = client.db('app').collection('items');
      await c.createIndex({ sku: 1 }, { unique: true });
      await c.insertMany(Array.from({ length: 500 }, (_, i) => ({ sku: `s${i}`, qty: i })));
      await c.updateOne({ sku: 's1' }, { $inc: { qty: 100 } });
      await c.deleteOne({ sku: 's2' });
      await client.db('app').collection('gone').insertOne({ x: 1 });
      await client.db('app').collection('gone').drop();
      const session = client.startSession();
      await session.withTransaction(async () => {
        await c.insertOne({ sku: 'tx1', qty: 1 }, { session });
        await c.updateOne({ sku: 's3' }, { $set: { qty: -3 } }, { session });
      });
      await session.endSession();
    });
    await kill(run, 'SIGKILL');

    run = await startCli(dir);
    await withClient(run.uri, async (client) => {
      const c = client.db('app').collection('items');
      expect(await c.countDocuments()).toBe(500);
      expect((await c.findOne({ sku: 's1' }))?.['qty']).toBe(101);
      expect(await c.findOne({ sku: 's2' })).toBeNull();
      expect((await c.findOne({ sku: 's3' }))?.['qty']).toBe(-3);
      expect(await c.findOne({ sku: 'tx1' })).not.toBeNull();
      expect((await client.db('app').listCollections().toArray()).map((x) => x.name)).toEqual(['items']);
      // The unique index came back too.
      const err = await c.insertOne({ sku: 's1' }).catch((e: unknown) => e);
      expect((err as MongoServerError).code).toBe(11000);
      await c.insertOne({ sku: 'after-restart', qty: 7 });
      await c.updateMany({ qty: { $lt: 10 } }, { $inc: { qty: 1000 } });
    });
    await kill(run, 'SIGKILL');

    // This start replays the snapshot written by the previous start plus the new journal.
    run = await startCli(dir);
    await withClient(run.uri, async (client) => {
      const c = client.db('app').collection('items');
      expect(await c.countDocuments()).toBe(501);
      expect((await c.findOne({ sku: 'after-restart' }))?.['qty']).toBe(1007);
      expect((await c.findOne({ sku: 's0' }))?.['qty']).toBe(1000);
      expect((await c.findOne({ sku: 's3' }))?.['qty']).toBe(997);
    });
    // A clean shutdown also works and keeps data.
    expect(await kill(run, 'SIGTERM')).toBe(0);

    // A torn record at the end of the journal (crash mid-write) is ignored.
    fs.appendFileSync(path.join(dir, 'journal.bin'), Buffer.from([200, 1, 0, 0, 1, 2, 3, 4, 5]));
    run = await startCli(dir);
    await withClient(run.uri, async (client) => {
      expect(await client.db('app').collection('items').countDocuments()).toBe(501);
    });
    await kill(run, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps writes acknowledged right up to the moment of a kill -9 mid-stream', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mongo-emu-'));
    let run = await startCli(dir);
    const acked: number[] = [];
    const client = await MongoClient.connect(run.uri, { serverSelectionTimeoutMS: 2000, retryWrites: false });
    const c = client.db('app').collection('stream');
    let stop = false;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const n = w * 1_000_000 + i;
        try {
          await c.insertOne({ n });
          acked.push(n);
        } catch {
          return;
        }
      }
    });
    while (acked.length < 300) await new Promise((r) => setTimeout(r, 5));
    await kill(run, 'SIGKILL');
    stop = true;
    await Promise.all(writers);
    await client.close().catch(() => {});

    run = await startCli(dir);
    await withClient(run.uri, async (cl) => {
      const stored = new Set((await cl.db('app').collection('stream').find().toArray()).map((d) => d['n'] as number));
      expect(acked.filter((n) => !stored.has(n))).toEqual([]);
    });
    await kill(run, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
