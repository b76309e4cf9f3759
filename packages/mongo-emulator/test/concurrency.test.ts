import { MongoClient, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, startHarness, type Harness } from './helpers.js';

let h: Harness;
let pooled: MongoClient;
beforeAll(async () => {
  h = await startHarness();
  pooled = await MongoClient.connect(h.emulator.uri, { maxPoolSize: 50 });
});
afterAll(async () => {
  await pooled.close();
  await h.close();
});

describe('single-document atomicity under concurrency', () => {
  it('200 concurrent $inc on one document add exactly 200', async () => {
    const c = pooled.db(freshDb('conc')).collection('counter');
    const { insertedId } = await c.insertOne({ n: 0 });
    await Promise.all(Array.from({ length: 200 }, () => c.updateOne({ _id: insertedId }, { $inc: { n: 1 } })));
    expect((await c.findOne({ _id: insertedId }))?.['n']).toBe(200);
    await Promise.all(Array.from({ length: 200 }, () => c.findOneAndUpdate({ _id: insertedId }, { $inc: { n: 1 } })));
    expect((await c.findOne({ _id: insertedId }))?.['n']).toBe(400);
  });

  it('200 inserts racing on one unique key: exactly one wins', async () => {
    const c = pooled.db(freshDb('conc')).collection('race');
    await c.createIndex({ key: 1 }, { unique: true });
    const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => c.insertOne({ key: 'same', i })));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(199);
    expect(failed.every((r) => r.reason instanceof MongoServerError && r.reason.code === 11000)).toBe(true);
    expect(await c.countDocuments()).toBe(1);
  });
});
