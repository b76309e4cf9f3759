import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_REGISTRY_OPTIONS, DocRegistry, type RegistryOptions } from '../src/yjs/registry.js';
import type { SharedDoc } from '../src/yjs/sharedDoc.js';
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
});
