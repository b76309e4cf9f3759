// https://www.mongodb.com/docs/manual/core/transactions/
import { MongoClient, MongoServerError, type Db } from 'mongodb';
import mongoose from 'mongoose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, startHarness, type Harness } from './helpers.js';

let h: Harness;
let other: MongoClient;
let conn: mongoose.Connection;
let dbName: string;
let db: Db;

const Account = new mongoose.Schema({ owner: { type: String, unique: true }, balance: Number });

beforeAll(async () => {
  h = await startHarness();
  other = await MongoClient.connect(h.emulator.uri);
});
afterAll(async () => {
  await other.close();
  await h.close();
});
beforeEach(async () => {
  dbName = freshDb('txn');
  db = h.client.db(dbName);
  conn = await mongoose.createConnection(h.emulator.uri, { dbName }).asPromise();
  return async () => {
    await conn.close();
  };
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('transactions', () => {
  it('commit makes all writes visible at once; uncommitted writes are invisible to others', async () => {
    const Acc = conn.model('Account', Account);
    await Acc.init();
    await Acc.create([{ owner: 'a', balance: 100 }, { owner: 'b', balance: 0 }]);
    const outside = other.db(dbName).collection('accounts');
    let seenInside: number | null | undefined;
    let seenOutside: unknown[] = [];
    await conn.transaction(async (session) => {
      await Acc.updateOne({ owner: 'a' }, { $inc: { balance: -30 } }, { session });
      await Acc.updateOne({ owner: 'b' }, { $inc: { balance: 30 } }, { session });
      await Acc.create([{ owner: 'c', balance: 1 }], { session });
      // The transaction reads its own writes...
      seenInside = (await Acc.findOne({ owner: 'b' }).session(session).lean())?.balance;
      // ...while another client still sees the committed state.
      seenOutside = await outside.find({}, { projection: { _id: 0, owner: 1, balance: 1 } }).sort({ owner: 1 }).toArray();
    });
    expect(seenInside).toBe(30);
    expect(seenOutside).toEqual([
      { owner: 'a', balance: 100 },
      { owner: 'b', balance: 0 },
    ]);
    const after = await outside.find({}, { projection: { _id: 0, owner: 1, balance: 1 } }).sort({ owner: 1 }).toArray();
    expect(after).toEqual([
      { owner: 'a', balance: 70 },
      { owner: 'b', balance: 30 },
      { owner: 'c', balance: 1 },
    ]);
  });

  it('abort discards every write of the transaction', async () => {
    const Acc = conn.model('Account', Account);
    await Acc.create({ owner: 'a', balance: 1 });
    const session = await conn.startSession();
    session.startTransaction();
    await Acc.create([{ owner: 'x', balance: 5 }], { session });
    await Acc.updateOne({ owner: 'a' }, { $set: { balance: 999 } }, { session });
    await Acc.deleteOne({ owner: 'a' }, { session });
    await session.abortTransaction();
    await session.endSession();
    expect(await Acc.find({}, { _id: 0, owner: 1, balance: 1 }).lean()).toEqual([{ owner: 'a', balance: 1 }]);

    // A callback that throws aborts too, and the error reaches the caller.
    await expect(
      conn.transaction(async (s) => {
        await Acc.create([{ owner: 'y', balance: 5 }], { session: s });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await Acc.countDocuments()).toBe(1);
  });

  it('unique indexes hold inside a transaction, which is then aborted', async () => {
    const Acc = conn.model('Account', Account);
    await Acc.init();
    await Acc.create({ owner: 'taken', balance: 0 });
    const err = (await conn
      .transaction(async (session) => {
        await Acc.create([{ owner: 'fresh', balance: 1 }], { session });
        await Acc.create([{ owner: 'taken', balance: 2 }], { session });
      })
      .catch((e: unknown) => e)) as MongoServerError;
    expect(err.code).toBe(11000);
    expect(err.keyValue).toEqual({ owner: 'taken' });
    // Nothing from the failed transaction is visible.
    expect((await Acc.find().lean()).map((d) => d.owner)).toEqual(['taken']);
  });

  it('two transactions inserting the same unique key: one commits, the other gets E11000', async () => {
    const c = db.collection('keys');
    await c.createIndex({ k: 1 }, { unique: true });
    const s1 = h.client.startSession();
    s1.startTransaction();
    await c.insertOne({ k: 'K', by: 1 }, { session: s1 });
    let attempts = 0;
    const s2 = other.startSession();
    const second = s2
      .withTransaction(async () => {
        attempts++;
        await other.db(dbName).collection('keys').insertOne({ k: 'K', by: 2 }, { session: s2 });
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    await sleep(100);
    await s1.commitTransaction();
    const err = (await second) as MongoServerError;
    await s1.endSession();
    await s2.endSession();
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(11000);
    // The second transaction hit WriteConflict while the first held the key, and retried.
    expect(attempts).toBeGreaterThan(1);
    expect(await c.find({}, { projection: { _id: 0 } }).toArray()).toEqual([{ k: 'K', by: 1 }]);
  });

  it('a conflicting write gets WriteConflict (112) with TransientTransactionError, then NoSuchTransaction (251)', async () => {
    const c = db.collection('wc');
    const { insertedId } = await c.insertOne({ n: 0 });
    const s1 = h.client.startSession();
    const s2 = other.startSession();
    s1.startTransaction();
    s2.startTransaction();
    await c.updateOne({ _id: insertedId }, { $inc: { n: 1 } }, { session: s1 });
    const err = (await other
      .db(dbName)
      .collection('wc')
      .updateOne({ _id: insertedId }, { $inc: { n: 10 } }, { session: s2 })
      .catch((e: unknown) => e)) as MongoServerError;
    expect(err.code).toBe(112);
    expect(err.hasErrorLabel('TransientTransactionError')).toBe(true);
    // The server aborted the second transaction.
    const again = (await other.db(dbName).collection('wc').findOne({}, { session: s2 }).catch((e: unknown) => e)) as MongoServerError;
    expect(again.code).toBe(251);
    expect(again.hasErrorLabel('TransientTransactionError')).toBe(true);
    await s2.abortTransaction().catch(() => {});
    await s1.commitTransaction();
    await s1.endSession();
    await s2.endSession();
    expect((await c.findOne({ _id: insertedId }))?.['n']).toBe(1);
  });

  it('a transaction whose document changed after it started gets WriteConflict', async () => {
    const c = db.collection('stale');
    const { insertedId } = await c.insertOne({ n: 0 });
    await c.insertOne({ other: true });
    const s1 = h.client.startSession();
    s1.startTransaction();
    await c.findOne({ other: true }, { session: s1 });
    await other.db(dbName).collection('stale').updateOne({ _id: insertedId }, { $set: { n: 5 } });
    const err = (await c.updateOne({ _id: insertedId }, { $inc: { n: 1 } }, { session: s1 }).catch((e: unknown) => e)) as MongoServerError;
    expect(err.code).toBe(112);
    await s1.abortTransaction().catch(() => {});
    await s1.endSession();
    expect((await c.findOne({ _id: insertedId }))?.['n']).toBe(5);
  });

  it('concurrent conflicting withTransaction callbacks are retried until both commit', async () => {
    const Acc = conn.model('Account', Account);
    const acc = await Acc.create({ owner: 'shared', balance: 0 });
    const conn2 = await mongoose.createConnection(h.emulator.uri, { dbName }).asPromise();
    const Acc2 = conn2.model('Account', Account);
    let attempts = 0;
    const run = (M: typeof Acc, c: mongoose.Connection) =>
      c.transaction(async (session) => {
        attempts++;
        await M.updateOne({ _id: acc._id }, { $inc: { balance: 1 } }, { session });
        await sleep(30);
        await M.create([{ owner: `w${attempts}`, balance: 0 }], { session });
      });
    await Promise.all([run(Acc, conn), run(Acc2, conn2), run(Acc, conn), run(Acc2, conn2)]);
    await conn2.close();
    expect((await Acc.findById(acc._id).lean())?.balance).toBe(4);
    expect(attempts).toBeGreaterThan(4);
  });

  it('a plain write to a document held by an open transaction waits for it to finish', async () => {
    // Non-transactional writes wait for the transaction's lock rather than failing:
    // https://www.mongodb.com/docs/manual/core/transactions-production-consideration/#in-progress-transactions-and-write-conflicts
    const c = db.collection('wait');
    await c.createIndex({ u: 1 }, { unique: true });
    const { insertedId } = await c.insertOne({ n: 0, u: 'first' });
    const s1 = h.client.startSession();
    s1.startTransaction();
    await c.updateOne({ _id: insertedId }, { $inc: { n: 1 } }, { session: s1 });
    await c.insertOne({ u: 'held' }, { session: s1 });
    const outside = other.db(dbName).collection('wait');
    let plainDone = false;
    const plain = outside.updateOne({ _id: insertedId }, { $inc: { n: 10 } }).then((r) => {
      plainDone = true;
      return r;
    });
    const dup = outside.insertOne({ u: 'held' }).catch((e: unknown) => e);
    // Reads are not blocked.
    expect((await outside.findOne({ _id: insertedId }))?.['n']).toBe(0);
    await sleep(150);
    expect(plainDone).toBe(false);
    await s1.commitTransaction();
    await s1.endSession();
    expect((await plain).modifiedCount).toBe(1);
    expect((await c.findOne({ _id: insertedId }))?.['n']).toBe(11);
    expect(((await dup) as MongoServerError).code).toBe(11000);
  });

  it('a blocked plain write honours maxTimeMS', async () => {
    const c = db.collection('maxtime');
    const { insertedId } = await c.insertOne({ n: 0 });
    const s1 = h.client.startSession();
    s1.startTransaction();
    await c.updateOne({ _id: insertedId }, { $inc: { n: 1 } }, { session: s1 });
    const err = (await other
      .db(dbName)
      .collection('maxtime')
      .findOneAndUpdate({ _id: insertedId }, { $inc: { n: 1 } }, { maxTimeMS: 100 })
      .catch((e: unknown) => e)) as MongoServerError;
    expect(err.code).toBe(50);
    await s1.abortTransaction();
    await s1.endSession();
    expect((await c.findOne({ _id: insertedId }))?.['n']).toBe(0);
  });
});
