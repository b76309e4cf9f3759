import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import pino from 'pino';
import * as syncProtocol from 'y-protocols/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_REGISTRY_OPTIONS, DocRegistry, type RegistryOptions } from '../src/yjs/registry.js';
import { MESSAGE_SYNC, type DocConnection, type SharedDoc } from '../src/yjs/sharedDoc.js';
import { YjsStore, type RowWrite } from '../src/yjs/store.js';
import { openTestDatabase, type TestDatabase } from './support/commandFixtures.js';
import { fragmentText, until, writeParagraphs } from './support/yjsClient.js';

/** The real store, noting how many rows each `insertMany` carried. */
class CountingStore extends YjsStore {
  readonly inserts: number[] = [];
  override insert(writes: readonly RowWrite[]) {
    this.inserts.push(writes.length);
    return super.insert(writes);
  }
}

const silent = pino({ level: 'silent' });
let serial = 0;
/** A document name of the kind the endpoint accepts; the registry itself takes any name. */
const freshName = () => `decision:${(Date.now() * 1000 + serial++).toString(16).padStart(24, '0')}`;

/** Edits a loaded document as a client's update would: applied, broadcast, queued for storing. */
function edit(doc: SharedDoc, text: string): void {
  const local = new Y.Doc();
  Y.applyUpdate(local, Y.encodeStateAsUpdate(doc.ydoc));
  const before = Y.encodeStateVector(local);
  writeParagraphs(local, [text]);
  Y.applyUpdate(doc.ydoc, Y.encodeStateAsUpdate(local, before));
}

/** A connection that keeps what the document sends it. */
function listener(): DocConnection & { sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  return { sent, send: (m) => sent.push(m), sendShared: (m) => sent.push(m.bytes), close: () => {}, readOnly: false, identity: { userId: 'u', name: '甲', unit: '' } };
}

/** A sync message: step 1 with a state vector, or an update. */
function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** Bytes to compare, whatever holds them (a Buffer from the driver, a Uint8Array from Yjs). */
const bytes = (u: Uint8Array) => Array.from(u);

/** The sync messages among what a connection was sent, as [step, payload]. */
function syncSteps(sent: Uint8Array[]): [number, number[]][] {
  return sent.flatMap((m) => {
    const d = decoding.createDecoder(m);
    if (decoding.readVarUint(d) !== MESSAGE_SYNC) return [];
    return [[decoding.readVarUint(d), bytes(decoding.readVarUint8Array(d))] as [number, number[]]];
  });
}

describe('Yjs persistence: batched writes, compaction counted in memory', () => {
  let db: TestDatabase;
  const registries: DocRegistry[] = [];
  /** A registry as one server process has it, on the shared database. */
  const processOn = (opts: Partial<RegistryOptions>, store = new YjsStore(db.models, opts.compactAfter)) => {
    const registry = new DocRegistry(store, silent, { ...DEFAULT_REGISTRY_OPTIONS, debounceMs: 10, maxDelayMs: 40, ...opts });
    registries.push(registry);
    return registry;
  };
  const storedText = async (name: string) => {
    const reader = processOn({});
    try {
      return await reader.with(name, (d) => fragmentText(d.ydoc));
    } finally {
      await reader.closeAll();
    }
  };

  /** A document written line by line, then out of memory: stored as one snapshot row. */
  const coldDocument = async (lines: string[]) => {
    const registry = processOn({ releaseAfterMs: 10 });
    const name = freshName();
    const warm = await registry.acquire(name);
    for (const line of lines) {
      edit(warm, line);
      await warm.flush();
    }
    registry.release(name);
    await until(() => registry.loadedCount === 0, 'the document to leave memory');
    return { registry, name };
  };

  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    for (const r of registries) await r.closeAll();
    await db?.dispose();
  });

  it('documents edited together are stored together: one insertMany per tick, not one write each', async () => {
    const store = new CountingStore(db.models);
    const registry = processOn({ debounceMs: 40, maxDelayMs: 200 }, store);
    const names = Array.from({ length: 10 }, freshName);
    const docs = await Promise.all(names.map((n) => registry.acquire(n)));
    docs.forEach((d, i) => edit(d, `第${i + 1}份文件的条款。`));
    await until(() => store.inserts.reduce((a, b) => a + b, 0) === 10, 'the ten edits to be stored');
    // All ten became due at once; a tick boundary may split them in two, never in ten.
    expect(store.inserts.length).toBeLessThanOrEqual(2);
    names.forEach((n) => registry.release(n));
    expect(await storedText(names[3]!)).toBe('第4份文件的条款。');
  });

  it('a compaction never removes a row that another process wrote and this one has not seen', async () => {
    // Two processes without a relay between them: each only knows its own edits.
    const a = processOn({ compactAfter: 3 });
    const b = processOn({ compactAfter: 3 });
    const name = freshName();
    const onA = await a.acquire(name);
    const onB = await b.acquire(name);
    edit(onB, '乙进程写下的条款。');
    await onB.flush();
    for (let i = 1; i <= 5; i++) {
      edit(onA, `甲进程的第${i}条。`);
      await onA.flush();
    }
    // A has compacted its own rows into a snapshot by now: at most three rows of its own remain.
    expect(await new YjsStore(db.models).count(name)).toBeLessThanOrEqual(4);
    const text = await storedText(name);
    expect(text).toContain('乙进程写下的条款。');
    for (let i = 1; i <= 5; i++) expect(text).toContain(`甲进程的第${i}条。`);
  });

  it('a document leaving memory is stored as one snapshot row, and loads from it alone', async () => {
    const registry = processOn({ releaseAfterMs: 10 });
    const name = freshName();
    const doc = await registry.acquire(name);
    for (const line of ['一、', '二、', '三、']) {
      edit(doc, line);
      await doc.flush();
    }
    const store = new YjsStore(db.models);
    expect(await store.count(name)).toBe(3);
    registry.release(name);
    await until(() => registry.loadedCount === 0, 'the document to leave memory');
    expect(await store.count(name)).toBe(1);
    const stored = await store.load(name);
    expect(stored.snapshotBytes).toBeGreaterThan(0);
    expect(stored.tailBytes).toBe(0);
    expect((await storedText(name)).split('\n')).toEqual(['一、', '二、', '三、']);
  });

  it('a lone snapshot keeps its state vector; a cold load answers the first client with the stored bytes and applies them after', async () => {
    const { registry, name } = await coldDocument(['一、', '二、']);
    const store = new YjsStore(db.models);
    const stored = await store.load(name);
    expect(stored.updates).toHaveLength(1);
    const [snapshot] = stored.updates as [Uint8Array];
    expect(bytes(stored.vector!)).toEqual(bytes(Y.encodeStateVectorFromUpdate(snapshot)));

    const doc = await registry.acquire(name);
    const [a, b] = [listener(), listener()];
    doc.join(a);
    doc.join(b);
    // The server's own sync step 1 carries the stored state vector.
    expect(syncSteps(a.sent)).toEqual([[syncProtocol.messageYjsSyncStep1, bytes(stored.vector!)]]);
    doc.receive(a, syncMessage(syncProtocol.messageYjsSyncStep1, new Uint8Array([0])));
    // A new client gets the snapshot as it was stored, not encoded again…
    expect(syncSteps(a.sent)[1]).toEqual([syncProtocol.messageYjsSyncStep2, bytes(snapshot)]);
    // …and the document is applied only once that answer has gone out.
    expect(Reflect.get(doc, 'unapplied')).toEqual(snapshot);
    await new Promise((r) => setImmediate(r));
    expect(Reflect.get(doc, 'unapplied')).toBeNull();
    expect(fragmentText(doc.ydoc).split('\n')).toEqual(['一、', '二、']);
    // Applying it told no one anything and stored nothing: the others hear only real edits.
    expect(syncSteps(b.sent)).toHaveLength(1);
    expect(doc.hasPending).toBe(false);
    expect(await store.count(name)).toBe(1);
  });

  it('an edit that arrives before a cold snapshot is applied lands on the whole document and passes on as it came', async () => {
    const { registry, name } = await coldDocument(['一、', '二、']);
    const [snapshot] = (await new YjsStore(db.models).load(name)).updates as [Uint8Array];

    const doc = await registry.acquire(name);
    const [a, b] = [listener(), listener()];
    doc.join(a);
    doc.join(b);
    // A client that had the document offline sends its edit at once.
    const local = new Y.Doc();
    Y.applyUpdate(local, snapshot);
    const before = Y.encodeStateVector(local);
    writeParagraphs(local, ['三、']);
    const update = Y.encodeStateAsUpdate(local, before);
    expect(Reflect.get(doc, 'unapplied')).toEqual(snapshot);
    doc.receive(a, syncMessage(syncProtocol.messageYjsUpdate, update));
    expect(Reflect.get(doc, 'unapplied')).toBeNull();
    expect(fragmentText(doc.ydoc).split('\n')).toEqual(['一、', '二、', '三、']);
    // B hears exactly that edit, once; the sender hears nothing back.
    expect(syncSteps(b.sent).slice(1)).toEqual([[syncProtocol.messageYjsUpdate, bytes(update)]]);
    expect(syncSteps(a.sent)).toHaveLength(1);
    // Only the edit is stored: a second row beside the snapshot, not the snapshot again.
    await doc.flush();
    const rows = await new YjsStore(db.models).load(name);
    expect(rows.updates).toHaveLength(2);
    expect(bytes(rows.updates[1]!)).toEqual(bytes(update));
    expect(rows.vector).toBeNull();
  });
});
