import { ObjectId, type Db } from 'mongodb';
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
  db = h.client.db(freshDb('upd'));
});

describe('update operators', () => {
  it('$set $inc $unset $push $addToSet $pull', async () => {
    const c = db.collection<{ a: number; b: string; arr: number[]; set: string[]; gone?: boolean; sub?: { deep: number } }>('ops');
    const { insertedId: _id } = await c.insertOne({ a: 1, b: 'x', arr: [1, 2], set: ['p'], gone: true });
    await c.updateOne({ _id }, { $set: { b: 'y', 'sub.deep': 1 }, $inc: { a: 2 }, $unset: { gone: '' } });
    await c.updateOne({ _id }, { $push: { arr: { $each: [3, 4] } }, $addToSet: { set: { $each: ['p', 'q'] } } });
    await c.updateOne({ _id }, { $pull: { arr: { $gte: 3 } } });
    expect(await c.findOne({ _id })).toEqual({ _id, a: 3, b: 'y', arr: [1, 2], set: ['p', 'q'], sub: { deep: 1 } });
  });

  it('counts only real changes in modifiedCount (nModified)', async () => {
    // https://www.mongodb.com/docs/manual/reference/command/update/#output
    const c = db.collection('nmod');
    await c.insertMany([{ g: 1, v: 1, tags: ['a'] }, { g: 1, v: 2, tags: ['a'] }]);
    const same = await c.updateMany({ g: 1 }, { $set: { v: 1 } });
    expect(same.matchedCount).toBe(2);
    expect(same.modifiedCount).toBe(1);
    const addExisting = await c.updateOne({ g: 1 }, { $addToSet: { tags: 'a' } });
    expect(addExisting.matchedCount).toBe(1);
    expect(addExisting.modifiedCount).toBe(0);
    const none = await c.updateOne({ g: 42 }, { $set: { v: 1 } });
    expect(none.matchedCount).toBe(0);
  });

  it('updates array elements with arrayFilters and the positional operator', async () => {
    const c = db.collection('arr');
    const { insertedId: _id } = await c.insertOne({ items: [{ k: 1, q: 0 }, { k: 2, q: 0 }, { k: 3, q: 0 }] });
    await c.updateOne({ _id }, { $set: { 'items.$[e].q': 5 } }, { arrayFilters: [{ 'e.k': { $gte: 2 } }] });
    await c.updateOne({ _id, 'items.k': 1 }, { $inc: { 'items.$.q': 7 } });
    expect((await c.findOne({ _id }))?.['items']).toEqual([{ k: 1, q: 7 }, { k: 2, q: 5 }, { k: 3, q: 5 }]);
  });

  it('replaceOne keeps _id', async () => {
    const c = db.collection('repl');
    const { insertedId: _id } = await c.insertOne({ a: 1, b: 2 });
    const r = await c.replaceOne({ _id }, { c: 3 });
    expect(r.modifiedCount).toBe(1);
    expect(await c.findOne({ _id })).toEqual({ _id, c: 3 });
  });

  it('upserts seed the new document from equality conditions and $setOnInsert', async () => {
    // https://www.mongodb.com/docs/manual/reference/method/db.collection.updateOne/#upsert
    const c = db.collection('ups');
    const r = await c.updateOne(
      { email: 'a@x', age: { $gt: 5 }, 'profile.lang': 'fr' },
      { $set: { name: 'A' }, $setOnInsert: { created: 1 }, $inc: { visits: 1 } },
      { upsert: true },
    );
    expect(r.upsertedCount).toBe(1);
    expect(r.matchedCount).toBe(0);
    const doc = await c.findOne({ _id: r.upsertedId ?? undefined });
    expect(doc).toEqual({ _id: r.upsertedId, email: 'a@x', profile: { lang: 'fr' }, name: 'A', created: 1, visits: 1 });
    // Second time it matches: $setOnInsert is ignored.
    const r2 = await c.updateOne({ email: 'a@x' }, { $set: { name: 'B' }, $setOnInsert: { created: 2 } }, { upsert: true });
    expect(r2.upsertedCount).toBe(0);
    expect(r2.modifiedCount).toBe(1);
    expect((await c.findOne({ email: 'a@x' }))?.['created']).toBe(1);
    // Query _id is used for the new document.
    const id = new ObjectId();
    await c.updateOne({ _id: id }, { $set: { z: 1 } }, { upsert: true });
    expect(await c.findOne({ _id: id })).toEqual({ _id: id, z: 1 });
  });

  it('findOneAndUpdate returns the old or new document, honouring sort and projection', async () => {
    const c = db.collection('fam');
    await c.insertMany([{ k: 'a', n: 1 }, { k: 'a', n: 2 }]);
    const before = await c.findOneAndUpdate({ k: 'a' }, { $inc: { n: 10 } }, { sort: { n: -1 }, projection: { _id: 0 } });
    expect(before).toEqual({ k: 'a', n: 2 });
    const after = await c.findOneAndUpdate({ k: 'a' }, { $inc: { n: 10 } }, { sort: { n: -1 }, returnDocument: 'after', projection: { _id: 0 } });
    expect(after).toEqual({ k: 'a', n: 22 });
    const missing = await c.findOneAndUpdate({ k: 'zz' }, { $set: { n: 1 } });
    expect(missing).toBeNull();
    const upOld = await c.findOneAndUpdate({ k: 'new' }, { $set: { n: 1 } }, { upsert: true });
    expect(upOld).toBeNull();
    const upNew = await c.findOneAndUpdate({ k: 'new2' }, { $set: { n: 1 } }, { upsert: true, returnDocument: 'after', includeResultMetadata: true });
    expect(upNew.value?.['k']).toBe('new2');
    expect(upNew.lastErrorObject?.['updatedExisting']).toBe(false);
    expect(upNew.lastErrorObject?.['upserted']).toBeInstanceOf(ObjectId);
  });

  it('findOneAndDelete and findOneAndReplace', async () => {
    const c = db.collection('fad');
    await c.insertMany([{ n: 1 }, { n: 2 }]);
    expect((await c.findOneAndDelete({}, { sort: { n: -1 } }))?.['n']).toBe(2);
    const rep = await c.findOneAndReplace({ n: 1 }, { n: 5 }, { returnDocument: 'after' });
    expect(rep?.['n']).toBe(5);
    expect(await c.countDocuments()).toBe(1);
  });

  it('rejects changing _id', async () => {
    const c = db.collection('imm');
    const { insertedId: _id } = await c.insertOne({ a: 1 });
    await expect(c.updateOne({ _id }, { $set: { _id: new ObjectId() } })).rejects.toMatchObject({ code: 66 });
  });
});
