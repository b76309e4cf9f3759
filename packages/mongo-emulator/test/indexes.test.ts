import { MongoBulkWriteError, MongoServerError, ObjectId, type Db } from 'mongodb';
import mongoose from 'mongoose';
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
  db = h.client.db(freshDb('idx'));
});

async function rejection(p: Promise<unknown>): Promise<MongoServerError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MongoServerError);
  return err as MongoServerError;
}

describe('index management', () => {
  it('creates, lists and drops indexes', async () => {
    const c = db.collection('ix');
    expect(await c.createIndex({ a: 1 })).toBe('a_1');
    expect(await c.createIndex({ b: 1, c: -1 }, { unique: true, name: 'bc' })).toBe('bc');
    // Re-creating an identical index is a no-op.
    expect(await c.createIndex({ a: 1 })).toBe('a_1');
    const list = await c.listIndexes().toArray();
    expect(list.map((i) => i['name'])).toEqual(['_id_', 'a_1', 'bc']);
    expect(list[2]).toMatchObject({ key: { b: 1, c: -1 }, unique: true });
    await c.dropIndex('a_1');
    expect((await c.listIndexes().toArray()).map((i) => i['name'])).toEqual(['_id_', 'bc']);
    await c.dropIndexes();
    expect((await c.listIndexes().toArray()).map((i) => i['name'])).toEqual(['_id_']);
  });

  it('lists collections; create on an existing name fails with NamespaceExists (48)', async () => {
    await db.createCollection('one');
    await db.collection('two').insertOne({});
    expect((await db.listCollections().toArray()).map((c) => c.name).sort()).toEqual(['one', 'two']);
    const err = await rejection(db.createCollection('one'));
    expect(err.code).toBe(48);
    expect(await db.collection('one').drop()).toBe(true);
    expect((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name)).toEqual(['two']);
    await db.dropDatabase();
    expect(await db.listCollections().toArray()).toEqual([]);
  });

  it('refuses to build a unique index over duplicate data', async () => {
    const c = db.collection('dupdata');
    await c.insertMany([{ e: 1 }, { e: 1 }]);
    const err = await rejection(c.createIndex({ e: 1 }, { unique: true }));
    expect(err.code).toBe(11000);
    expect((await c.listIndexes().toArray()).map((i) => i['name'])).toEqual(['_id_']);
  });
});

describe('duplicate key errors (E11000)', () => {
  it('insertOne: message, keyPattern and keyValue', async () => {
    const c = db.collection('users');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ email: 'a@x' });
    const err = await rejection(c.insertOne({ email: 'a@x' }));
    expect(err.code).toBe(11000);
    expect(err.message).toBe(`E11000 duplicate key error collection: ${db.databaseName}.users index: email_1 dup key: { email: "a@x" }`);
    expect(err['keyPattern']).toEqual({ email: 1 });
    expect(err['keyValue']).toEqual({ email: 'a@x' });
  });

  it('duplicate _id', async () => {
    const c = db.collection('ids');
    const _id = new ObjectId();
    await c.insertOne({ _id });
    const err = await rejection(c.insertOne({ _id }));
    expect(err.message).toContain('index: _id_ dup key: { _id: ObjectId(');
    expect(err['keyValue']).toEqual({ _id });
  });

  it('compound unique index; a missing field counts as null', async () => {
    // https://www.mongodb.com/docs/manual/core/index-unique/#missing-document-field-in-a-unique-single-field-index
    const c = db.collection('votes');
    await c.createIndex({ item: 1, user: 1 }, { unique: true });
    const item = new ObjectId();
    await c.insertMany([{ item, user: 'u1' }, { item, user: 'u2' }, { item }]);
    const err = await rejection(c.insertOne({ item, user: 'u1' }));
    expect(err['keyPattern']).toEqual({ item: 1, user: 1 });
    expect(err['keyValue']).toEqual({ item, user: 'u1' });
    const errNull = await rejection(c.insertOne({ item }));
    expect(errNull['keyValue']).toEqual({ item, user: null });
  });

  it('sparse and partial unique indexes skip documents they do not cover', async () => {
    const c = db.collection('sp');
    await c.createIndex({ nick: 1 }, { unique: true, sparse: true });
    await c.createIndex({ code: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await c.insertMany([{}, {}, { code: 1 }, { code: 1 }, { code: 1, active: true }]);
    await rejection(c.insertOne({ code: 1, active: true }));
    await c.insertOne({ nick: 'n' });
    await rejection(c.insertOne({ nick: 'n' }));
  });

  it('updateOne into an existing key fails; upsert too', async () => {
    const c = db.collection('uu');
    await c.createIndex({ k: 1 }, { unique: true });
    await c.insertMany([{ k: 1 }, { k: 2 }]);
    const err = await rejection(c.updateOne({ k: 2 }, { $set: { k: 1 } }));
    expect(err.code).toBe(11000);
    expect(err['keyValue']).toEqual({ k: 1 });
    const errUpsert = await rejection(c.updateOne({ other: 1 }, { $set: { k: 2 } }, { upsert: true }));
    expect(errUpsert.code).toBe(11000);
    expect(await c.countDocuments()).toBe(2);
    // Setting a document's key to its own value is fine.
    expect((await c.updateOne({ k: 1 }, { $set: { k: 1, x: 1 } })).modifiedCount).toBe(1);
  });

  it('findOneAndUpdate with upsert fails the whole command with DuplicateKey', async () => {
    const c = db.collection('fu');
    await c.createIndex({ k: 1 }, { unique: true });
    await c.insertOne({ k: 1, tag: 'a' });
    const err = await rejection(c.findOneAndUpdate({ tag: 'b' }, { $set: { k: 1 } }, { upsert: true }));
    expect(err.code).toBe(11000);
    expect(err.codeName).toBe('DuplicateKey');
    expect(err['keyValue']).toEqual({ k: 1 });
  });

  it('insertMany ordered stops at the first error', async () => {
    const c = db.collection('ord');
    await c.createIndex({ k: 1 }, { unique: true });
    const err = await c.insertMany([{ k: 1 }, { k: 2 }, { k: 1 }, { k: 3 }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    const bulk = err as MongoBulkWriteError;
    expect(bulk.code).toBe(11000);
    expect(bulk.insertedCount).toBe(2);
    const writeErrors = Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors];
    expect(writeErrors.map((e) => [e.index, e.code])).toEqual([[2, 11000]]);
    expect((await c.find().toArray()).map((d) => d['k'])).toEqual([1, 2]);
  });

  it('insertMany unordered reports every failure and inserts the rest', async () => {
    const c = db.collection('unord');
    await c.createIndex({ k: 1 }, { unique: true });
    const err = await c.insertMany([{ k: 1 }, { k: 1 }, { k: 2 }, { k: 2 }, { k: 3 }], { ordered: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    const bulk = err as MongoBulkWriteError;
    expect(bulk.insertedCount).toBe(3);
    const writeErrors = Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors];
    expect(writeErrors.map((e) => e.index)).toEqual([1, 3]);
    expect(await c.countDocuments()).toBe(3);
  });

  it('mongoose unique index surfaces err.code 11000 and keyValue', async () => {
    const conn = await mongoose.createConnection(h.emulator.uri, { dbName: freshDb('mg') }).asPromise();
    try {
      const User = conn.model('User', new mongoose.Schema({ email: { type: String, unique: true }, name: String }));
      await User.init();
      await User.create({ email: 'a@x', name: 'A' });
      const err = (await User.create({ email: 'a@x', name: 'B' }).catch((e: unknown) => e)) as { code: number; keyValue: unknown };
      expect(err.code).toBe(11000);
      expect(err.keyValue).toEqual({ email: 'a@x' });
      const idx = await User.listIndexes();
      expect(idx.map((i: { name: string }) => i.name)).toContain('email_1');
    } finally {
      await conn.close();
    }
  });
});
