import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GridFSBucket, MongoClient, MongoServerError, ObjectId, type CommandStartedEvent, type Db } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, startHarness, type Harness } from './helpers.js';

/**
 * GridFS (佐证材料 are stored this way) is plain CRUD on `<bucket>.files` / `<bucket>.chunks`
 * plus two indexes the driver creates on first upload; these tests drive it through the official
 * driver's GridFSBucket and check the wire commands it sends.
 */
let h: Harness;
/** A second client that reports every command it sends. */
let watched: MongoClient;
let db: Db;
let commands: CommandStartedEvent[] = [];
beforeAll(async () => {
  h = await startHarness();
  watched = await MongoClient.connect(h.emulator.uri, { monitorCommands: true, serverSelectionTimeoutMS: 5000 });
  watched.on('commandStarted', (e) => commands.push(e));
});
afterAll(async () => {
  await watched.close();
  await h.close();
});
beforeEach(() => {
  db = watched.db(freshDb('gridfs'));
  commands = [];
});

const bytes = (n: number) => {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + (i >> 8)) & 0xff;
  return b;
};

async function upload(bucket: GridFSBucket, name: string, data: Buffer, metadata?: Record<string, unknown>) {
  const stream = bucket.openUploadStream(name, { metadata: metadata ?? {} });
  await pipeline(Readable.from([data]), stream);
  return stream.id;
}

async function download(bucket: GridFSBucket, id: ObjectId): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of bucket.openDownloadStream(id)) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

describe('GridFSBucket on the emulator', () => {
  it('uploads 3 MB in chunks and downloads the same bytes', async () => {
    const bucket = new GridFSBucket(db, { bucketName: 'evidence' });
    const data = bytes(3 * 1024 * 1024);
    const id = await upload(bucket, '现场照片.png', data, { item: 'x' });

    const chunkSize = 255 * 1024;
    expect(await db.collection('evidence.chunks').countDocuments({ files_id: id })).toBe(Math.ceil(data.length / chunkSize));
    const file = await db.collection('evidence.files').findOne({ _id: id });
    expect(file).toMatchObject({ length: data.length, chunkSize, filename: '现场照片.png', metadata: { item: 'x' } });
    expect(file?.['uploadDate']).toBeInstanceOf(Date);

    const back = await download(bucket, id);
    expect(back.length).toBe(data.length);
    expect(back.equals(data)).toBe(true);
  });

  it('creates the two indexes GridFS needs, the chunk one unique', async () => {
    const bucket = new GridFSBucket(db, { bucketName: 'evidence' });
    await upload(bucket, 'a.pdf', bytes(10));
    const created = commands.filter((c) => c.commandName === 'createIndexes').map((c) => c.command as Record<string, unknown>);
    expect(created.map((c) => c['createIndexes']).sort()).toEqual(['evidence.chunks', 'evidence.files']);
    const chunkIndexes = await db.collection('evidence.chunks').indexes();
    expect(chunkIndexes.find((i) => JSON.stringify(i.key) === '{"files_id":1,"n":1}')).toMatchObject({ unique: true });
    const fileIndexes = await db.collection('evidence.files').indexes();
    expect(fileIndexes.some((i) => JSON.stringify(i.key) === '{"filename":1,"uploadDate":1}')).toBe(true);
    // The driver first looks for an existing index on files before creating them.
    expect(commands.some((c) => c.commandName === 'listIndexes')).toBe(true);
  });

  it('reads chunks back sorted by n, with a range download', async () => {
    const bucket = new GridFSBucket(db, { bucketName: 'evidence', chunkSizeBytes: 1024 });
    const data = bytes(5000);
    const id = await upload(bucket, 'b.bin', data);
    commands = [];
    const part: Buffer[] = [];
    for await (const c of bucket.openDownloadStream(id, { start: 1500, end: 4100 })) part.push(c as Buffer);
    expect(Buffer.concat(part).equals(data.subarray(1500, 4100))).toBe(true);
    const find = commands.find((c) => c.commandName === 'find' && c.command['find'] === 'evidence.chunks');
    const sort = find?.command['sort'] as Map<string, number> | Record<string, number> | undefined;
    expect(sort instanceof Map ? Object.fromEntries(sort) : sort).toEqual({ n: 1 });
  });

  it('delete removes the file and all its chunks; a missing file is an error', async () => {
    const bucket = new GridFSBucket(db, { bucketName: 'evidence', chunkSizeBytes: 1024 });
    const keep = await upload(bucket, 'keep.bin', bytes(3000));
    const gone = await upload(bucket, 'gone.bin', bytes(4000));
    await bucket.delete(gone);
    expect(await db.collection('evidence.files').countDocuments({ _id: gone })).toBe(0);
    expect(await db.collection('evidence.chunks').countDocuments({ files_id: gone })).toBe(0);
    expect(await db.collection('evidence.chunks').countDocuments({ files_id: keep })).toBe(3);
    await expect(bucket.delete(gone)).rejects.toThrow(/File not found/);
    await expect(download(bucket, gone)).rejects.toThrow(/FileNotFound|not found/i);
  });

  it('a download with a chunk missing fails rather than returning short data', async () => {
    const bucket = new GridFSBucket(db, { bucketName: 'evidence', chunkSizeBytes: 1024 });
    const id = await upload(bucket, 'holes.bin', bytes(3000));
    await db.collection('evidence.chunks').deleteOne({ files_id: id, n: 1 });
    await expect(download(bucket, id)).rejects.toThrow(/ChunkIsMissing|missing/i);
  });

  it('find on files by metadata and date, as a sweep does', async () => {
    const bucket = new GridFSBucket(db, { bucketName: 'evidence' });
    await upload(bucket, 'x.png', bytes(10), { attached: false });
    await upload(bucket, 'y.png', bytes(10), { attached: true });
    const stale = await bucket.find({ 'metadata.attached': false, uploadDate: { $lt: new Date(Date.now() + 1000) } }).toArray();
    expect(stale.map((f) => f.filename)).toEqual(['x.png']);
  });

  it('the unique chunk index refuses a second chunk with the same files_id and n', async () => {
    const bucket = new GridFSBucket(db, { bucketName: 'evidence', chunkSizeBytes: 1024 });
    const id = await upload(bucket, 'c.bin', bytes(2048));
    const err = await db
      .collection('evidence.chunks')
      .insertOne({ files_id: id, n: 1, data: Buffer.from('dup') })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect((err as MongoServerError).code).toBe(11000);
    expect(await db.collection('evidence.chunks').countDocuments({ files_id: id })).toBe(2);
  });
});
