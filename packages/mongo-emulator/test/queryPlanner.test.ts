// Secondary indexes are used for lookups, and a lookup through an index returns exactly what a
// collection scan returns: the same documents in the same order. Every check runs one query
// against two collections holding the same documents, one with indexes and one without.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Decimal128, Long, MongoClient, MongoServerError, type Collection, type Db, type Document, type Filter } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongoEmulator } from '../src/index.js';
import { queryStats } from '../src/stats.js';
import { freshDb, startHarness, type Harness } from './helpers.js';

/** Tests use small integer ids, so documents compare by a readable natural order. */
type Row = Document & { _id: number };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** mulberry32: a fixed seed makes every run ask the same questions. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

function values(r: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const num = (): unknown => pick([() => Math.floor(r() * 10), () => Math.floor(r() * 10) + 0.5, () => Long.fromNumber(Math.floor(r() * 10)), () => -1])();
  const str = (): string => pick(['a', 'ab', 'b', 'c', 'cd', 'é', 'z', '']);
  const date = (): Date => new Date(T0 + Math.floor(r() * 10) * DAY);
  /** Any value an indexed field may hold, including null, arrays and subdocuments. */
  const any = (): unknown =>
    pick([num, num, str, date, () => null, () => [num(), num()], () => [str(), str()], () => [], () => ({ x: num() }), () => Decimal128.fromString('2.5'), () => true])();
  return { pick, num, str, date, any };
}

/** A document with each field sometimes missing. */
function makeDoc(r: () => number, id: number): Row {
  const v = values(r);
  const doc: Row = { _id: id };
  const maybe = (name: string, make: () => unknown) => {
    if (r() < 0.85) doc[name] = make();
  };
  maybe('a', v.any);
  maybe('b', () => v.pick(['x', 'y', 'z']));
  maybe('c', v.num);
  maybe('tags', () => (r() < 0.2 ? v.str() : [v.str(), v.str(), v.str()].slice(0, Math.floor(r() * 4))));
  maybe('d', v.date);
  maybe('s', v.str);
  maybe('sub', () => (r() < 0.5 ? { x: v.num() } : [{ x: v.num() }, { x: [v.num(), v.num()] }, { y: 1 }]));
  return doc;
}

/** A query whose leading condition is on an indexed field. */
function makeQuery(r: () => number): Filter<Row> {
  const v = values(r);
  const range = (make: () => unknown): Document => {
    const ops = v.pick([['$gt'], ['$gte'], ['$lt'], ['$lte'], ['$gt', '$lte'], ['$gte', '$lt'], ['$lt', '$gt']]);
    return Object.fromEntries(ops.map((op) => [op, make()]));
  };
  return v.pick<() => Filter<Row>>([
    () => ({ a: v.any() }),
    () => ({ a: null }),
    () => ({ a: { $in: [v.any(), v.any(), null] } }),
    () => ({ a: range(v.num) }),
    () => ({ a: range(v.str) }),
    () => ({ $and: [{ a: { $gt: v.num() } }, { a: { $lt: v.num() } }] }),
    () => ({ a: { $gte: null } }),
    () => ({ b: v.pick(['x', 'y', null]), c: v.num() }),
    () => ({ b: { $in: ['x', 'z'] }, c: range(v.num) }),
    () => ({ b: 'y', c: { $in: [v.num(), v.num()] }, s: { $ne: 'a' } }),
    () => ({ tags: v.str() }),
    () => ({ tags: { $in: [v.str(), v.str()] } }),
    () => ({ tags: [v.str(), v.str()] }),
    () => ({ tags: range(v.str) }),
    () => ({ tags: null }),
    () => ({ tags: [] }),
    () => ({ d: range(v.date) }),
    () => ({ d: { $gte: v.date(), $lt: v.date() }, b: 'x' }),
    () => ({ s: range(v.str) }),
    () => ({ s: { $in: [v.str(), 'cd'] } }),
    // A pattern inside $in cannot use the index on s, but b's can.
    () => ({ b: 'x', s: { $in: [v.str(), /^c/] } }),
    () => ({ 'sub.x': v.num() }),
    () => ({ 'sub.x': range(v.num) }),
    () => ({ 'sub.x': null }),
    () => ({ _id: { $in: [1, 2, 3, 500] }, a: { $exists: true } }),
  ])();
}

async function setUpPair(db: Db, docs: Row[]): Promise<[Collection<Row>, Collection<Row>]> {
  const indexed = db.collection<Row>('indexed');
  const plain = db.collection<Row>('plain');
  // Half the indexes exist before the data (maintained on insert), half are built over it.
  await indexed.createIndex({ a: 1 });
  await indexed.createIndex({ b: 1, c: -1 });
  await indexed.createIndex({ tags: 1 });
  await indexed.insertMany(docs);
  await plain.insertMany(docs);
  await indexed.createIndex({ d: -1 });
  await indexed.createIndex({ s: 1 }, { sparse: true });
  await indexed.createIndex({ 'sub.x': 1 });
  return [indexed, plain];
}

/** Runs `count` random queries on both collections (as find, sorted find, count) and compares. */
async function compareQueries(indexed: Collection<Row>, plain: Collection<Row>, r: () => number, count: number, opts: { session?: import('mongodb').ClientSession } = {}): Promise<number> {
  let throughIndex = 0;
  for (let i = 0; i < count; i++) {
    const q = makeQuery(r);
    const label = JSON.stringify(q);
    const got = await indexed.find(q, opts).toArray();
    if (queryStats.lastPlan !== 'COLLSCAN') throughIndex++;
    expect(got, label).toEqual(await plain.find(q, opts).toArray());
    expect(await indexed.find(q, { ...opts, sort: { c: -1 }, limit: 3 }).toArray(), label).toEqual(await plain.find(q, { ...opts, sort: { c: -1 }, limit: 3 }).toArray());
    expect(await indexed.countDocuments(q, opts), label).toBe(await plain.countDocuments(q, opts));
    expect(await indexed.countDocuments(q, { ...opts, skip: 2, limit: 5 }), label).toBe(await plain.countDocuments(q, { ...opts, skip: 2, limit: 5 }));
  }
  return throughIndex;
}

describe('secondary index lookups return what a collection scan returns', () => {
  it('for random equality, $in, range, compound, multikey and null queries, before and after writes', async () => {
    const r = rng(20260101);
    const db = h.client.db(freshDb('plan'));
    const [indexed, plain] = await setUpPair(db, Array.from({ length: 400 }, (_, i) => makeDoc(r, i)));
    const used = await compareQueries(indexed, plain, r, 100);
    // Every template constrains an indexed field, so each query goes through an index.
    expect(used).toBe(100);

    // Writes that move documents within the indexes, applied identically to both collections.
    const v = values(r);
    for (let round = 0; round < 30; round++) {
      const q = makeQuery(r);
      const op = v.pick(['set', 'push', 'unset', 'delete', 'replace', 'insert'] as const);
      const outcomes: string[] = [];
      for (const c of [indexed, plain]) {
        const rr = rng(round);
        const w = values(rr);
        const write = async (): Promise<unknown> => {
          if (op === 'set') return c.updateMany(q, { $set: { a: w.any(), c: w.num(), 'sub.x': w.num() } });
          if (op === 'push') return c.updateMany(q, { $push: { tags: w.str() } as Document });
          if (op === 'unset') return c.updateOne(q, { $unset: { b: '', d: '' } });
          if (op === 'delete') return c.deleteMany(q);
          if (op === 'replace') return c.replaceOne({ _id: round }, makeDoc(rr, round), { upsert: true });
          return c.insertOne(makeDoc(rr, 1000 + round));
        };
        // Some writes fail part-way (a $push onto a string): both collections fail alike.
        outcomes.push(await write().then((res) => JSON.stringify(res), (e: unknown) => `error ${String((e as MongoServerError).code)}`));
      }
      expect(outcomes[0], `${op} ${JSON.stringify(q)}`).toBe(outcomes[1]);
    }
    expect(await indexed.countDocuments()).toBe(await plain.countDocuments());
    await compareQueries(indexed, plain, r, 80);
  });

  it('inside transactions: a transaction reads its own writes; abort leaves the index as it was, commit applies it', async () => {
    const r = rng(7);
    const db = h.client.db(freshDb('plantx'));
    const [indexed, plain] = await setUpPair(db, Array.from({ length: 200 }, (_, i) => makeDoc(r, i)));
    const writeInTxn = async (session: import('mongodb').ClientSession, seed: number) => {
      for (const c of [indexed, plain]) {
        const rr = rng(seed);
        const w = values(rr);
        await c.insertMany([makeDoc(rr, 5000 + seed), makeDoc(rr, 5001 + seed)], { session });
        await c.updateMany({ b: 'x' }, { $set: { a: w.any(), c: w.num(), tags: [w.str()] } }, { session });
        await c.deleteMany({ c: { $lt: 3 } }, { session });
        await c.updateOne({ a: null }, { $set: { a: 4, b: 'z' } }, { session });
      }
    };
    const before = await indexed.find({}).toArray();

    const aborted = h.client.startSession();
    aborted.startTransaction();
    await writeInTxn(aborted, 1);
    await compareQueries(indexed, plain, r, 40, { session: aborted });
    await aborted.abortTransaction();
    await aborted.endSession();
    expect(await indexed.find({}).toArray()).toEqual(before);
    await compareQueries(indexed, plain, r, 40);

    const committed = h.client.startSession();
    await committed.withTransaction(() => writeInTxn(committed, 2));
    await committed.endSession();
    expect(await indexed.countDocuments()).toBe(await plain.countDocuments());
    await compareQueries(indexed, plain, r, 60);
  });

  it('an index built over existing data is used at once; after dropIndex and drop the same queries scan', async () => {
    const db = h.client.db(freshDb('planddl'));
    const c = db.collection<Row>('late');
    await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: i, k: i % 30, g: i % 7 })));
    const expected = await c.find({ k: 7 }).toArray();
    expect(queryStats.lastPlan).toBe('COLLSCAN');
    await c.createIndex({ k: 1, g: 1 });
    expect(await c.find({ k: 7 }).toArray()).toEqual(expected);
    expect(queryStats.lastPlan).toBe('IXSCAN k_1_g_1');
    await c.dropIndex('k_1_g_1');
    expect(await c.find({ k: 7 }).toArray()).toEqual(expected);
    expect(queryStats.lastPlan).toBe('COLLSCAN');
    await c.createIndex({ k: 1 });
    await c.drop();
    await c.insertMany([{ _id: 1, k: 7 }]);
    expect(await c.find({ k: 7 }).toArray()).toEqual([{ _id: 1, k: 7 }]);
    expect(queryStats.lastPlan).toBe('COLLSCAN');
  });
});

describe('indexes rebuilt from the journal', () => {
  it('after a restart, lookups go through the index again and find the same documents', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'emu-plan-'));
    const run = async <T>(fn: (c: Collection<Row>) => Promise<T>): Promise<T> => {
      const emulator = await startMongoEmulator({ dataDir });
      const client = await MongoClient.connect(emulator.uri);
      try {
        return await fn(client.db('journal').collection<Row>('c'));
      } finally {
        await client.close();
        await emulator.close();
      }
    };
    const before = await run(async (c) => {
      await c.createIndex({ k: 1 });
      await c.insertMany(Array.from({ length: 500 }, (_, i) => ({ _id: i, k: i % 50, tags: [i % 3, i % 5] })));
      await c.createIndex({ tags: 1 });
      await c.updateMany({ k: 3 }, { $set: { k: 4 } });
      await c.deleteMany({ tags: 2 });
      return c.find({ k: 4 }).toArray();
    });
    const after = await run(async (c) => {
      const start = queryStats.docsExamined;
      const found = await c.find({ k: 4 }).toArray();
      expect(queryStats.lastPlan).toBe('IXSCAN k_1');
      expect(queryStats.docsExamined - start).toBe(found.length);
      expect(await c.countDocuments({ tags: 2 })).toBe(0);
      return found;
    });
    expect(after).toEqual(before);
    await fs.rm(dataDir, { recursive: true, force: true });
  });
});

describe('an index lookup examines only the documents it selects', () => {
  it('equality, range, compound prefix, update, delete and a leading $match examine the matches, where a scan examines all', async () => {
    const db = h.client.db(freshDb('examined'));
    const c = db.collection('ballots');
    await c.createIndex({ vote: 1, voter: 1 }, { unique: true, partialFilterExpression: { voter: { $exists: true } } });
    await c.createIndex({ vote: 1, choice: 1 });
    await c.createIndex({ at: 1 });
    await c.insertMany(
      Array.from({ length: 2000 }, (_, i) => ({ vote: i % 20, voter: `u${i}`, choice: ['yes', 'no', 'abstain'][i % 3], at: new Date(T0 + i * 1000) })),
    );
    const examined = async (run: () => Promise<unknown>): Promise<number> => {
      const before = queryStats.docsExamined;
      await run();
      return queryStats.docsExamined - before;
    };

    expect(await examined(() => c.find({ vote: 3, voter: 'u23' }).toArray())).toBe(1);
    expect(await examined(() => c.find({ vote: 3 }).toArray())).toBe(100);
    expect(await examined(() => c.countDocuments({ vote: 4, choice: 'yes' }))).toBe(await c.countDocuments({ vote: 4, choice: 'yes' }));
    expect(await examined(() => c.find({ at: { $gte: new Date(T0 + 10_000), $lt: new Date(T0 + 30_000) } }).toArray())).toBe(20);
    expect(await examined(() => c.updateOne({ vote: 5, voter: 'u5' }, { $set: { choice: 'no' } }))).toBe(1);
    expect(await examined(() => c.deleteMany({ vote: 6, choice: { $in: ['yes', 'no'] } }))).toBe(67);
    expect(await examined(() => c.aggregate([{ $match: { vote: 7 } }, { $group: { _id: '$choice', n: { $sum: 1 } } }]).toArray())).toBe(100);
    expect(await examined(() => c.find({ vote: { $in: [1, 2] }, voter: { $in: ['u1', 'u2', 'u3'] } }).toArray())).toBe(2);
    // No index on `choice` alone: a scan.
    expect(await examined(() => c.find({ choice: 'yes' }).toArray())).toBe(await c.countDocuments());
  });
});

describe('unique indexes refuse duplicates as before', () => {
  it('compound and partial unique keys: E11000 with the index and key, outside and inside a transaction', async () => {
    const db = h.client.db(freshDb('uniq'));
    const c = db.collection('participations');
    await c.createIndex({ vote: 1, voter: 1 }, { unique: true, partialFilterExpression: { voter: { $exists: true } } });
    await c.insertMany([{ vote: 1, voter: 'a' }, { vote: 1, voter: 'b' }, { vote: 2, voter: 'a' }, { vote: 1 }, { vote: 1 }]);
    const err = await c.insertOne({ vote: 1, voter: 'a' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect((err as MongoServerError).code).toBe(11000);
    expect((err as MongoServerError).message).toBe(`E11000 duplicate key error collection: ${db.databaseName}.participations index: vote_1_voter_1 dup key: { vote: 1, voter: "a" }`);
    const moved = await c.updateOne({ vote: 2, voter: 'a' }, { $set: { vote: 1 } }).catch((e: unknown) => e);
    expect((moved as MongoServerError).code).toBe(11000);

    const session = h.client.startSession();
    const inTxn = await session
      .withTransaction(async () => {
        await c.insertOne({ vote: 3, voter: 'z' }, { session });
        await c.insertOne({ vote: 3, voter: 'z' }, { session });
      })
      .catch((e: unknown) => e);
    await session.endSession();
    expect((inTxn as MongoServerError).code).toBe(11000);
    expect(await c.find({ vote: 3 }).toArray()).toEqual([]);
    expect(await c.countDocuments({ vote: 1 })).toBe(4);
  });

  it('a malformed $in fails even when an index leaves nothing to test; an array _id is refused (53)', async () => {
    const c = h.client.db(freshDb('refuse')).collection('c');
    await c.createIndex({ k: 1 });
    await c.insertOne({ k: 1 });
    const badIn = await c.find({ k: 2, j: { $in: 5 } } as Filter<Document>).toArray().catch((e: unknown) => e);
    expect((badIn as MongoServerError).code).toBe(2);
    expect((badIn as MongoServerError).message).toBe('$in needs an array');
    const arrayId = await c.insertOne({ _id: [1, 2] } as unknown as Document).catch((e: unknown) => e);
    expect((arrayId as MongoServerError).code).toBe(53);
    expect(await c.countDocuments()).toBe(1);
  });
});
