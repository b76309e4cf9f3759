import { Binary, Decimal128, Long, MongoServerError, ObjectId, type Db } from 'mongodb';
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
  db = h.client.db(freshDb('crud'));
});

describe('insert / find / delete', () => {
  it('round-trips documents and BSON types', async () => {
    const c = db.collection('docs');
    const doc = {
      s: 'x',
      n: 5,
      f: 1.5,
      d: new Date('2024-01-02T03:04:05Z'),
      oid: new ObjectId(),
      bin: new Binary(Buffer.from([1, 2, 3])),
      dec: Decimal128.fromString('12.34'),
      nested: { a: [1, { b: 2 }] },
      nil: null,
    };
    const { insertedId } = await c.insertOne(doc);
    const got = await c.findOne({ _id: insertedId });
    expect(got).toEqual({ ...doc, _id: insertedId });
    expect(got?.['bin']).toBeInstanceOf(Binary);
    expect(Object.keys(got ?? {})[0]).toBe('_id');
  });

  it('insertMany reports every id; find returns natural order', async () => {
    const c = db.collection('many');
    const r = await c.insertMany([{ i: 1 }, { i: 2 }, { i: 3 }]);
    expect(r.insertedCount).toBe(3);
    expect((await c.find().toArray()).map((d) => d['i'])).toEqual([1, 2, 3]);
  });

  it('applies sort, skip, limit and projection', async () => {
    const c = db.collection('opts');
    await c.insertMany([
      { n: 3, tag: 'c', extra: 1 },
      { n: 1, tag: 'a', extra: 1 },
      { n: 2, tag: 'b', extra: 1 },
      { n: 4, tag: 'd', extra: 1 },
    ]);
    const docs = await c.find({}, { projection: { tag: 1, _id: 0 } }).sort({ n: -1 }).skip(1).limit(2).toArray();
    expect(docs).toEqual([{ tag: 'c' }, { tag: 'b' }]);
    const excl = await c.findOne({ n: 1 }, { projection: { extra: 0, _id: 0 } });
    expect(excl).toEqual({ n: 1, tag: 'a' });
  });

  it('sorts missing and null first ascending, numbers across types by value', async () => {
    // https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/
    const c = db.collection('order');
    await c.insertMany([{ k: 'x', v: 2 }, { k: 'y' }, { k: 'z', v: null }, { k: 'w', v: 1.5 }, { k: 'q', v: Long.fromNumber(10) }, { k: 's', v: 'str' }]);
    const asc = (await c.find().sort({ v: 1, k: 1 }).toArray()).map((d) => d['k']);
    expect(asc).toEqual(['y', 'z', 'w', 'x', 'q', 's']);
    const desc = (await c.find().sort({ v: -1, k: 1 }).toArray()).map((d) => d['k']);
    expect(desc).toEqual(['s', 'q', 'x', 'w', 'y', 'z']);
  });

  it('sorts by $natural in reverse', async () => {
    const c = db.collection('natural');
    await c.insertMany([{ i: 1 }, { i: 2 }, { i: 3 }]);
    expect((await c.find().sort({ $natural: -1 }).toArray()).map((d) => d['i'])).toEqual([3, 2, 1]);
  });

  it('accepts unacknowledged (w: 0) writes, which carry moreToCome and get no reply', async () => {
    // https://www.mongodb.com/docs/manual/reference/write-concern/#w-option
    const c = db.collection('w0');
    const r = await c.insertOne({ fire: 'and forget' }, { writeConcern: { w: 0 } });
    expect(r.acknowledged).toBe(false);
    // The write travels on its own pooled connection, so poll until it has landed.
    for (let i = 0; i < 50 && (await c.countDocuments()) === 0; i++) await new Promise((res) => setTimeout(res, 10));
    expect(await c.countDocuments({ fire: 'and forget' })).toBe(1);
  });

  it('pages through more than 101 documents with getMore and batchSize', async () => {
    const c = db.collection('big');
    await c.insertMany(Array.from({ length: 350 }, (_, i) => ({ i })));
    const all = await c.find().toArray();
    expect(all.map((d) => d['i'])).toEqual(Array.from({ length: 350 }, (_, i) => i));
    const batched = await c.find({}, { batchSize: 7 }).sort({ i: -1 }).limit(30).toArray();
    expect(batched).toHaveLength(30);
    expect(batched[0]?.['i']).toBe(349);
  });

  it('kills a cursor on close so a later getMore gets CursorNotFound (43)', async () => {
    const c = db.collection('kill');
    await c.insertMany(Array.from({ length: 50 }, (_, i) => ({ i })));
    const cursor = c.find({}, { batchSize: 5 });
    await cursor.next();
    const id = cursor.id;
    expect(id?.isZero()).toBe(false);
    await cursor.close();
    // https://www.mongodb.com/docs/manual/reference/command/getMore/
    const err = await db.command({ getMore: id, collection: 'kill' }).catch((e: unknown) => e);
    expect((err as MongoServerError).code).toBe(43);
  });

  it('findOne with singleBatch leaves no cursor open', async () => {
    const c = db.collection('one');
    await c.insertMany([{ a: 1 }, { a: 1 }]);
    const res = await db.command({ find: 'one', filter: { a: 1 }, limit: 1, singleBatch: true });
    expect(res['cursor'].firstBatch).toHaveLength(1);
    expect(res['cursor'].id.toString()).toBe('0');
  });

  it('deleteOne removes one match, deleteMany all matches', async () => {
    const c = db.collection('del');
    await c.insertMany([{ g: 1 }, { g: 1 }, { g: 1 }, { g: 2 }]);
    expect((await c.deleteOne({ g: 1 })).deletedCount).toBe(1);
    expect((await c.deleteMany({ g: 1 })).deletedCount).toBe(2);
    expect((await c.deleteMany({ g: 9 })).deletedCount).toBe(0);
    expect(await c.countDocuments()).toBe(1);
  });

  it('countDocuments, estimatedDocumentCount and distinct', async () => {
    const c = db.collection('cnt');
    await c.insertMany([{ t: ['a', 'b'], n: 1 }, { t: ['b', 'c'], n: 2 }, { t: 'd', n: 3 }, { n: 4 }]);
    expect(await c.countDocuments({ n: { $gt: 1 } })).toBe(3);
    expect(await c.countDocuments({}, { skip: 1, limit: 2 })).toBe(2);
    expect(await c.estimatedDocumentCount()).toBe(4);
    // Array elements are distinct values of their own: https://www.mongodb.com/docs/manual/reference/command/distinct/
    expect((await c.distinct('t')).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect((await c.distinct('n', { n: { $lte: 2 } })).sort()).toEqual([1, 2]);
  });
});

describe('filters on BSON types', () => {
  it('matches ObjectId by equality, $in and $ne', async () => {
    const c = db.collection('oid');
    const ids = [new ObjectId(), new ObjectId(), new ObjectId()];
    await c.insertMany(ids.map((_id, i) => ({ _id, i, ref: ids[0] })));
    const copy = new ObjectId(ids[1]?.toHexString());
    expect((await c.findOne({ _id: copy }))?.['i']).toBe(1);
    expect(await c.countDocuments({ _id: { $in: [new ObjectId(ids[0]?.toHexString()), copy] } })).toBe(2);
    expect(await c.countDocuments({ _id: { $ne: copy } })).toBe(2);
    expect(await c.countDocuments({ ref: new ObjectId(ids[0]?.toHexString()) })).toBe(3);
    expect(await c.countDocuments({ _id: { $nin: [copy] } })).toBe(2);
  });

  it('matches Date ranges', async () => {
    const c = db.collection('dates');
    await c.insertMany([1, 2, 3, 4].map((d) => ({ d: new Date(Date.UTC(2024, 0, d)) })));
    expect(await c.countDocuments({ d: { $gte: new Date(Date.UTC(2024, 0, 2)), $lt: new Date(Date.UTC(2024, 0, 4)) } })).toBe(2);
    expect(await c.countDocuments({ d: new Date(Date.UTC(2024, 0, 3)) })).toBe(1);
    // Range operators compare within one BSON type only: a number never matches a date bound.
    await c.insertOne({ d: 5 });
    expect(await c.countDocuments({ d: { $gt: new Date(0) } })).toBe(4);
  });

  it('compares Decimal128, Long and Binary by value', async () => {
    const c = db.collection('nums');
    await c.insertMany([
      { k: 1, v: Decimal128.fromString('9.5') },
      { k: 2, v: Decimal128.fromString('10.25') },
      { k: 3, v: Long.fromString('9007199254740993') },
      { k: 4, b: new Binary(Buffer.from('abc')) },
    ]);
    expect(await c.countDocuments({ v: { $gt: 10 } })).toBe(2);
    expect(await c.countDocuments({ v: { $lt: Decimal128.fromString('10') } })).toBe(1);
    expect(await c.countDocuments({ v: Long.fromString('9007199254740993') })).toBe(1);
    expect(await c.countDocuments({ b: new Binary(Buffer.from('abc')) })).toBe(1);
    expect(await c.countDocuments({ b: new Binary(Buffer.from('abd')) })).toBe(0);
  });

  it('treats null as matching missing fields, and $exists', async () => {
    const c = db.collection('nulls');
    await c.insertMany([{ a: null }, {}, { a: 1 }]);
    // https://www.mongodb.com/docs/manual/tutorial/query-for-null-fields/
    expect(await c.countDocuments({ a: null })).toBe(2);
    expect(await c.countDocuments({ a: { $exists: false } })).toBe(1);
    expect(await c.countDocuments({ a: { $ne: null } })).toBe(1);
  });

  it('supports regex, $or, $elemMatch and array equality', async () => {
    const c = db.collection('misc');
    await c.insertMany([
      { name: 'Alice', tags: ['x', 'y'], scores: [{ s: 5 }, { s: 9 }] },
      { name: 'bob', tags: ['y'], scores: [{ s: 1 }] },
    ]);
    expect(await c.countDocuments({ name: /^a/i })).toBe(1);
    expect(await c.countDocuments({ $or: [{ name: 'bob' }, { tags: 'x' }] })).toBe(2);
    expect(await c.countDocuments({ tags: 'y' })).toBe(2);
    expect(await c.countDocuments({ tags: ['y'] })).toBe(1);
    expect(await c.countDocuments({ scores: { $elemMatch: { s: { $gt: 8 } } } })).toBe(1);
    expect(await c.countDocuments({ 'scores.s': { $gt: 4 } })).toBe(1);
    // Only one level of array nesting is traversed.
    await c.insertOne({ name: 'nested', grid: [[1, 2], [3]] });
    expect(await c.countDocuments({ grid: [1, 2] })).toBe(1);
    expect(await c.countDocuments({ grid: 1 })).toBe(0);
  });
});
