import type { Db } from 'mongodb';
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
beforeEach(async () => {
  db = h.client.db(freshDb('agg'));
  await db.collection('orders').insertMany([
    { item: 'a', qty: 2, tags: ['x', 'y'], customer: 1 },
    { item: 'b', qty: 5, tags: ['y'], customer: 2 },
    { item: 'a', qty: 1, tags: [], customer: 1 },
    { item: 'c', qty: 7, tags: ['z'], customer: 3 },
  ]);
  await db.collection('customers').insertMany([
    { _id: 1 as never, name: 'Ann' },
    { _id: 2 as never, name: 'Ben' },
  ]);
});

describe('aggregate', () => {
  it('$match $group $sort', async () => {
    const out = await db
      .collection('orders')
      .aggregate([{ $match: { qty: { $gte: 1 } } }, { $group: { _id: '$item', total: { $sum: '$qty' }, n: { $sum: 1 } } }, { $sort: { total: -1 } }])
      .toArray();
    expect(out).toEqual([
      { _id: 'c', total: 7, n: 1 },
      { _id: 'b', total: 5, n: 1 },
      { _id: 'a', total: 3, n: 2 },
    ]);
  });

  it('$project $addFields $skip $limit $count', async () => {
    const c = db.collection('orders');
    const out = await c
      .aggregate([{ $sort: { qty: 1 } }, { $skip: 1 }, { $limit: 2 }, { $addFields: { double: { $multiply: ['$qty', 2] } } }, { $project: { _id: 0, item: 1, double: 1 } }])
      .toArray();
    expect(out).toEqual([
      { item: 'a', double: 4 },
      { item: 'b', double: 10 },
    ]);
    expect(await c.aggregate([{ $match: { qty: { $gt: 1 } } }, { $count: 'n' }]).toArray()).toEqual([{ n: 3 }]);
  });

  it('$sort uses BSON order: missing and null before numbers before strings', async () => {
    const c = db.collection('mixed');
    await c.insertMany([{ k: 1, v: 'b' }, { k: 2, v: 3 }, { k: 3 }, { k: 4, v: null }, { k: 5, v: 1 }]);
    const out = await c.aggregate([{ $sort: { v: 1, k: 1 } }, { $project: { _id: 0, k: 1 } }]).toArray();
    expect(out.map((d) => d['k'])).toEqual([3, 4, 5, 2, 1]);
  });

  it('$unwind drops empty arrays by default', async () => {
    // https://www.mongodb.com/docs/manual/reference/operator/aggregation/unwind/
    const out = await db.collection('orders').aggregate([{ $unwind: '$tags' }, { $project: { _id: 0, tags: 1 } }]).toArray();
    expect(out.map((d) => d['tags'])).toEqual(['x', 'y', 'y', 'z']);
  });

  it('$lookup joins another collection of the same database', async () => {
    const out = await db
      .collection('orders')
      .aggregate([
        { $match: { item: { $in: ['a', 'c'] } } },
        { $lookup: { from: 'customers', localField: 'customer', foreignField: '_id', as: 'who' } },
        { $project: { _id: 0, qty: 1, who: '$who.name' } },
      ])
      .toArray();
    expect(out).toEqual([
      { qty: 2, who: ['Ann'] },
      { qty: 1, who: ['Ann'] },
      { qty: 7, who: [] },
    ]);
  });

  it('does not modify stored documents', async () => {
    const c = db.collection('orders');
    await c.aggregate([{ $set: { qty: 0 } }, { $unwind: '$tags' }]).toArray();
    expect((await c.find().toArray()).map((d) => d['qty'])).toEqual([2, 5, 1, 7]);
  });

  it('returns large results through a cursor', async () => {
    const c = db.collection('lots');
    await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ i })));
    const out = await c.aggregate([{ $match: {} }], { batchSize: 50 }).toArray();
    expect(out).toHaveLength(300);
  });

  it('works through mongoose Model.aggregate and populate', async () => {
    const conn = await mongoose.createConnection(h.emulator.uri, { dbName: freshDb('aggm') }).asPromise();
    try {
      const Author = conn.model('Author', new mongoose.Schema({ name: String }));
      const Book = conn.model('Book', new mongoose.Schema({ title: String, author: { type: mongoose.Schema.Types.ObjectId, ref: 'Author' } }));
      const ann = await Author.create({ name: 'Ann' });
      await Book.create([{ title: 'One', author: ann._id }, { title: 'Two', author: ann._id }]);
      const books = await Book.find().sort({ title: 1 }).populate('author').lean();
      expect(books.map((b) => (b.author as unknown as { name: string }).name)).toEqual(['Ann', 'Ann']);
      const grouped = await Book.aggregate<{ _id: unknown; n: number }>([{ $group: { _id: '$author', n: { $sum: 1 } } }]);
      expect(grouped).toHaveLength(1);
      expect(String(grouped[0]?._id)).toBe(String(ann._id));
      expect(await Book.countDocuments({ author: ann._id })).toBe(2);
    } finally {
      await conn.close();
    }
  });
});
