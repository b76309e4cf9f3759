import { MongoServerError, ObjectId, type Db } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, startHarness, type Harness } from './helpers.js';

let h: Harness;
let db: Db;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  db = h.client.db(freshDb('hot'));
});

/**
 * Plain projections (top-level fields, 1/true or 0/false) take a path of their own; these pin
 * down that it answers like the general one and like MongoDB.
 * https://www.mongodb.com/docs/manual/tutorial/project-fields-from-query-results/
 */
describe('plain projections', () => {
  const id = new ObjectId();
  const doc = { _id: id, z: 1, a: { b: 2 }, m: [1, { c: 3 }], k: null };

  it('inclusion keeps the named fields and _id, in the document’s order, and skips missing ones', async () => {
    const c = db.collection('docs');
    await c.insertOne({ ...doc });
    const got = await c.findOne({ _id: id }, { projection: { a: 1, z: 1, missing: 1 } });
    expect(got).toEqual({ _id: id, z: 1, a: { b: 2 } });
    expect(Object.keys(got!)).toEqual(['_id', 'z', 'a']);
    expect(await c.findOne({}, { projection: { k: true, _id: 0 } })).toEqual({ k: null });
    expect(await c.findOne({}, { projection: { _id: 1 } })).toEqual({ _id: id });
    expect(await c.findOne({}, { projection: { m: 5 } })).toEqual({ _id: id, m: [1, { c: 3 }] });
  });

  it('exclusion drops the named fields, and _id only when asked', async () => {
    const c = db.collection('docs');
    await c.insertOne({ ...doc });
    expect(await c.findOne({}, { projection: { a: 0, m: false } })).toEqual({ _id: id, z: 1, k: null });
    expect(await c.findOne({}, { projection: { _id: 0 } })).toEqual({ z: 1, a: { b: 2 }, m: [1, { c: 3 }], k: null });
    expect(await c.findOne({}, { projection: { _id: 0, z: 0 } })).toEqual({ a: { b: 2 }, m: [1, { c: 3 }], k: null });
  });

  it('dotted paths and operators still go the general way', async () => {
    const c = db.collection('docs');
    await c.insertOne({ ...doc });
    expect(await c.findOne({}, { projection: { 'a.b': 1, _id: 0 } })).toEqual({ a: { b: 2 } });
    expect(await c.findOne({}, { projection: { m: { $slice: 1 }, _id: 0, z: 1 } })).toEqual({ z: 1, m: [1] });
  });

  it('mixing inclusion and exclusion is refused', async () => {
    const c = db.collection('docs');
    await c.insertOne({ ...doc });
    await expect(c.findOne({}, { projection: { a: 1, z: 0 } })).rejects.toBeInstanceOf(MongoServerError);
  });

  it('a projected document is a copy: changing the stored one later does not change an open cursor’s batches', async () => {
    const c = db.collection('many');
    await c.insertMany(Array.from({ length: 5 }, (_, i) => ({ i, tag: 'x' })));
    const cursor = c.find({}, { projection: { tag: 1, _id: 0 }, batchSize: 2 });
    const first = await cursor.next();
    await c.updateMany({}, { $set: { tag: 'y' } });
    const rest = await cursor.toArray();
    expect([first, ...rest].map((d) => d!['tag'])).toEqual(['x', 'x', 'x', 'x', 'x']);
  });
});

/**
 * Pipelines whose stages only read ($match, $group, $sort, $skip, $limit, $count) run on the
 * stored documents without copying them first; the answers and the stored data stay as before.
 */
describe('read-only pipelines', () => {
  it('a tally by choice, and the documents are left as they were', async () => {
    const c = db.collection('ballots');
    const vote = new ObjectId();
    await c.insertMany([
      { vote, choice: 'for', tags: ['a'] },
      { vote, choice: 'against', tags: ['b'] },
      { vote, choice: 'for', tags: ['c'] },
      { vote: new ObjectId(), choice: 'for', tags: [] },
    ]);
    const tally = await c
      .aggregate([{ $match: { vote } }, { $group: { _id: '$choice', n: { $sum: 1 } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(tally).toEqual([
      { _id: 'against', n: 1 },
      { _id: 'for', n: 2 },
    ]);
    const pushed = await c
      .aggregate([{ $match: { vote } }, { $group: { _id: null, all: { $push: '$$ROOT' }, tags: { $push: '$tags' } } }])
      .toArray();
    expect(pushed[0]!['all']).toHaveLength(3);
    expect(pushed[0]!['tags']).toEqual([['a'], ['b'], ['c']]);
    expect(await c.aggregate([{ $match: { vote } }, { $skip: 1 }, { $limit: 1 }, { $count: 'n' }]).toArray()).toEqual([{ n: 1 }]);
    // A stage that writes ($addFields) still works on copies: the stored documents do not change.
    await c.aggregate([{ $match: { vote } }, { $addFields: { choice: 'x' } }]).toArray();
    expect((await c.find({ vote }).toArray()).map((d) => d['choice'])).toEqual(['for', 'against', 'for']);
  });
});

/**
 * A transaction checks each document it writes against a unique index's keys held by its own
 * earlier writes by lookup (a batch of hundreds of ballots); what it refuses and allows is as before.
 */
describe('unique keys within one transaction', () => {
  it('a second document with a key the transaction already wrote is a duplicate; a key it freed is not', async () => {
    const c = db.collection('participation');
    await c.createIndex({ vote: 1, voter: 1 }, { unique: true });
    const vote = new ObjectId();
    const voters = Array.from({ length: 300 }, () => new ObjectId());
    const session = h.client.startSession();
    try {
      session.startTransaction();
      await c.insertMany(voters.map((voter) => ({ vote, voter })), { session });
      const dup = await c.insertOne({ vote, voter: voters[150] }, { session }).catch((e: unknown) => e);
      expect(dup).toBeInstanceOf(MongoServerError);
      expect((dup as MongoServerError).code).toBe(11000);
      await session.abortTransaction();

      session.startTransaction();
      await c.insertMany(voters.slice(0, 3).map((voter) => ({ vote, voter })), { session });
      // Freed by a delete, then by an update that moves the key away: each may be taken again.
      await c.deleteOne({ vote, voter: voters[0] }, { session });
      await c.updateOne({ vote, voter: voters[1] }, { $set: { voter: voters[5] } }, { session });
      await c.insertMany([{ vote, voter: voters[0] }, { vote, voter: voters[1] }], { session });
      const moved = await c.insertOne({ vote, voter: voters[5] }, { session }).catch((e: unknown) => e);
      expect((moved as MongoServerError).code).toBe(11000);
      await session.abortTransaction();

      session.startTransaction();
      await c.insertMany(voters.slice(0, 3).map((voter) => ({ vote, voter })), { session });
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    expect(await c.countDocuments({ vote })).toBe(3);
    // And against committed data, outside any transaction, as before.
    await expect(c.insertOne({ vote, voter: voters[2] })).rejects.toMatchObject({ code: 11000 });
  });
});
