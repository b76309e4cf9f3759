import net from 'node:net';
import { MongoClient, MongoServerError } from 'mongodb';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('handshake and connection', () => {
  it('presents a writable single-node replica set primary', async () => {
    // https://www.mongodb.com/docs/manual/reference/command/hello/
    const hello = await h.client.db('admin').command({ hello: 1 });
    expect(hello['isWritablePrimary']).toBe(true);
    expect(hello['setName']).toBe('rs0');
    expect(hello['hosts']).toContain(`127.0.0.1:${h.emulator.port}`);
    expect(hello['logicalSessionTimeoutMinutes']).toBe(30);
    expect(hello['maxWireVersion']).toBe(21);
    expect(hello['minWireVersion']).toBe(0);
    expect(hello['topologyVersion']).toBeUndefined();
    const legacy = await h.client.db('admin').command({ isMaster: 1 });
    expect(legacy['ismaster']).toBe(true);
  });

  it('uri has the documented shape', () => {
    expect(h.emulator.uri).toBe(`mongodb://127.0.0.1:${h.emulator.port}/?replicaSet=rs0`);
  });

  it('answers ping and buildInfo', async () => {
    const admin = h.client.db('admin');
    expect((await admin.command({ ping: 1 }))['ok']).toBe(1);
    expect((await admin.command({ buildInfo: 1 }))['version']).toMatch(/^7\./);
  });

  it('rejects unknown commands with CommandNotFound (59)', async () => {
    // https://www.mongodb.com/docs/manual/reference/error-codes/
    const err = await h.client.db('x').command({ definitelyNotACommand: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect((err as MongoServerError).code).toBe(59);
    expect((err as MongoServerError).codeName).toBe('CommandNotFound');
    expect((err as MongoServerError).message).toBe("no such command: 'definitelyNotACommand'");
  });

  it('connects with mongoose using the dbName option', async () => {
    const conn = await mongoose.createConnection(h.emulator.uri, { dbName: 'mongoose_hs' }).asPromise();
    try {
      const Thing = conn.model('Thing', new mongoose.Schema({ name: String }));
      await Thing.create({ name: 'a' });
      expect(await Thing.countDocuments()).toBe(1);
      expect(conn.db?.databaseName).toBe('mongoose_hs');
    } finally {
      await conn.close();
    }
  });

  it('closes only the connection that sent malformed bytes', async () => {
    const sendGarbage = (bytes: Buffer) =>
      new Promise<void>((resolve, reject) => {
        const sock = net.connect(h.emulator.port, '127.0.0.1', () => sock.write(bytes));
        const timer = setTimeout(() => reject(new Error('socket was not closed')), 5000);
        sock.on('error', () => {});
        sock.on('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    // Message length smaller than a header.
    const tiny = Buffer.alloc(16);
    tiny.writeInt32LE(3, 0);
    await sendGarbage(tiny);
    // Valid header announcing OP_MSG whose body is not BSON.
    const bad = Buffer.alloc(40, 0xff);
    bad.writeInt32LE(40, 0);
    bad.writeInt32LE(1, 4);
    bad.writeInt32LE(0, 8);
    bad.writeInt32LE(2013, 12);
    bad.writeUInt32LE(0, 16);
    bad[20] = 0;
    await sendGarbage(bad);
    // Truncated BSON: the document claims more bytes than the message holds.
    const trunc = Buffer.alloc(30);
    trunc.writeInt32LE(30, 0);
    trunc.writeInt32LE(2, 4);
    trunc.writeInt32LE(2013, 12);
    trunc[20] = 0;
    trunc.writeInt32LE(1000, 21);
    await sendGarbage(trunc);

    const coll = h.client.db('still_alive').collection('c');
    await coll.insertOne({ ok: true });
    expect(await coll.countDocuments()).toBe(1);
    // A brand-new client can still connect too.
    const other = await MongoClient.connect(h.emulator.uri, { serverSelectionTimeoutMS: 5000 });
    expect((await other.db('admin').command({ ping: 1 }))['ok']).toBe(1);
    await other.close();
  });
});
