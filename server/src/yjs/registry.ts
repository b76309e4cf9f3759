import type { Logger } from '../logger.js';
import { SharedDoc, type PersistTiming } from './sharedDoc.js';
import type { YjsStore } from './store.js';
import { WriteBehind } from './writeBehind.js';

export interface RegistryOptions extends PersistTiming {
  /** How long a document stays in memory after its last client leaves. */
  releaseAfterMs: number;
  /**
   * Stored update rows of one document beyond which the next write is a snapshot replacing
   * them: a cold load reads one snapshot and at most this many tail rows.
   */
  compactAfter: number;
}

/**
 * Edits are stored within a second of the first one pending (what a crash can lose, and the
 * client that made them still holds and sends again). The write-behind ticks every half second
 * and stores every document due in one `insertMany`: each round trip to MongoDB costs the server
 * far more than the rows it carries, so fewer, fuller writes (a debounce as long as the delay,
 * rather than a quarter of it, and so a tick every 500 ms rather than 125) cut the server's CPU
 * per edit with 100 documents being edited by about a sixth (test/bench, 100 documents × 5
 * clients). A lone edit is stored 0.5–1 s after it is made.
 */
export const DEFAULT_REGISTRY_OPTIONS: RegistryOptions = {
  debounceMs: 1_000,
  maxDelayMs: 1_000,
  maxDocBytes: 2 * 1024 * 1024,
  releaseAfterMs: 30_000,
  compactAfter: 50,
};

/** Hook for scale-out: told when a document is loaded and released (the Redis relay subscribes). */
export interface DocLifecycle {
  loaded(doc: SharedDoc): Promise<void> | void;
  released(doc: SharedDoc): Promise<void> | void;
  /** A document was locked for good here (minutes published): other processes lock it too. */
  locked?(name: string): void;
}

/**
 * One in-memory document per name per process. A document loads on first use, and is stored and
 * released after its last client leaves and a grace period.
 */
export class DocRegistry {
  private readonly docs = new Map<string, Promise<SharedDoc>>();
  private readonly releaseTimers = new Map<string, NodeJS.Timeout>();
  private readonly users = new Map<string, number>();
  /** Documents locked in this process (published minutes): every connection is read-only. */
  private readonly locked = new Set<string>();
  lifecycle: DocLifecycle | null = null;
  /** Stores every document's pending updates, batched across documents. */
  private readonly writer: WriteBehind;

  constructor(
    private readonly store: YjsStore,
    private readonly log: Logger,
    private readonly opts: RegistryOptions = DEFAULT_REGISTRY_OPTIONS,
  ) {
    this.writer = new WriteBehind(store, log, opts);
  }

  /** The document, loaded; the caller must `release(name)` when done with it. */
  acquire(name: string): Promise<SharedDoc> {
    const timer = this.releaseTimers.get(name);
    if (timer) clearTimeout(timer);
    this.releaseTimers.delete(name);
    this.users.set(name, (this.users.get(name) ?? 0) + 1);
    let doc = this.docs.get(name);
    if (!doc) {
      doc = this.load(name);
      this.docs.set(name, doc);
      doc.catch(() => this.docs.delete(name));
    }
    return doc;
  }

  /**
   * One user fewer; the last one starts the grace period (`graceMs`, by default the registry's
   * `releaseAfterMs`; 0 for a connection refused before it opened).
   */
  release(name: string, { graceMs = this.opts.releaseAfterMs }: { graceMs?: number } = {}): void {
    const left = (this.users.get(name) ?? 1) - 1;
    this.users.set(name, left);
    if (left > 0) return;
    this.users.delete(name);
    const timer = setTimeout(() => void this.unload(name), graceMs);
    timer.unref();
    this.releaseTimers.set(name, timer);
  }

  /** Runs `fn` with the document loaded (e.g. to freeze a version), whether or not clients are on it. */
  async with<T>(name: string, fn: (doc: SharedDoc) => Promise<T> | T): Promise<T> {
    const doc = await this.acquire(name);
    try {
      return await fn(doc);
    } finally {
      this.release(name);
    }
  }

  /**
   * Locks a document: every connection open on it becomes read-only at once (the server drops
   * what they send from now on), and so does every later one (`isLocked`). Returns an undo for
   * when the change that locked it could not be stored.
   */
  lock(doc: SharedDoc): () => void {
    const wasLocked = this.locked.has(doc.name);
    this.locked.add(doc.name);
    const writers = [...doc.conns.keys()].filter((c) => !c.readOnly);
    for (const conn of writers) conn.readOnly = true;
    return () => {
      if (!wasLocked) this.locked.delete(doc.name);
      for (const conn of writers) conn.readOnly = false;
    };
  }

  isLocked(name: string): boolean {
    return this.locked.has(name);
  }

  /** Tells the other processes (Redis relay) that `name` is locked for good, once that is stored. */
  announceLocked(name: string): void {
    this.lifecycle?.locked?.(name);
  }

  /** Stores everything pending in every document (SIGTERM, tests). */
  async flushAll(): Promise<void> {
    const docs = await Promise.allSettled([...this.docs.values()]);
    await this.writer.flush(docs.flatMap((d) => (d.status === 'fulfilled' ? [d.value] : [])));
  }

  /** Shutdown: closes every connection, stores what is pending, frees memory. */
  async closeAll(): Promise<void> {
    for (const timer of this.releaseTimers.values()) clearTimeout(timer);
    this.releaseTimers.clear();
    const docs = await Promise.allSettled([...this.docs.values()]);
    const loaded = docs.flatMap((d) => (d.status === 'fulfilled' ? [d.value] : []));
    for (const doc of loaded) for (const conn of [...doc.conns.keys()]) conn.close(1001, 'server shutting down');
    // Everything pending, every document, in one write.
    await this.writer.flush(loaded);
    for (const d of docs) {
      if (d.status !== 'fulfilled') continue;
      await this.lifecycle?.released(d.value);
      d.value.destroy();
    }
    this.docs.clear();
  }

  get loadedCount(): number {
    return this.docs.size;
  }

  private async load(name: string): Promise<SharedDoc> {
    const doc = new SharedDoc(name, this.store, this.writer, this.opts);
    await doc.load();
    await this.lifecycle?.loaded(doc);
    return doc;
  }

  private async unload(name: string): Promise<void> {
    this.releaseTimers.delete(name);
    const pending = this.docs.get(name);
    if (!pending || this.users.has(name)) return;
    const doc = await pending;
    await doc.flushForRelease();
    // Someone may have come back while we were storing.
    if (this.users.has(name)) return;
    this.docs.delete(name);
    await this.lifecycle?.released(doc);
    doc.destroy();
  }
}
