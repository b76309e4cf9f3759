import type { Types } from 'mongoose';
import type { Logger } from '../logger.js';
import type { PersistTiming } from './sharedDoc.js';
import type { RowWrite, YjsStore } from './store.js';

/** A document as the writer sees it: pending updates it can hand over and be told about. */
export interface WriteSource {
  readonly name: string;
  /** When its first pending update arrived and its last one (performance.now()); null when clean. */
  pendingSince(): { first: number; last: number } | null;
  /**
   * Hands over everything pending as one row: an update, or — when `mayCompact` and the
   * document's rows call for it — a snapshot that replaces them.
   */
  take(mayCompact: boolean): RowWrite | null;
  /** The row is stored with `id`; `replacedGone` tells whether the rows it replaces were removed. */
  stored(write: RowWrite, id: Types.ObjectId, replacedGone: boolean): void;
  /** The row could not be stored: its updates are pending again. */
  failed(write: RowWrite): void;
}

const RETRY_MS = 2_000;
/**
 * Snapshots encoded in one tick at most. Documents opened together reach their compaction
 * threshold together; encoding all of them at once would hold the event loop (and every
 * delivery) for one long tick, so the rest compact at the next write instead.
 */
const COMPACTIONS_PER_TICK = 8;

/**
 * One write-behind queue per process for every loaded document. A single timer ticks while any
 * document has pending updates; each tick writes every document that is due (quiet for the
 * debounce time, or pending for the maximum delay) in one `insertMany`, then removes what
 * compactions replaced in one `deleteMany`. Writes run one after another, never concurrently,
 * so a document's rows are stored in the order they were taken.
 */
export class WriteBehind {
  private readonly dirty = new Set<WriteSource>();
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private busy = 0;
  private readonly tickMs: number;

  constructor(
    private readonly store: YjsStore,
    private readonly log: Logger,
    private readonly timing: PersistTiming,
  ) {
    this.tickMs = Math.max(1, Math.min(timing.debounceMs, timing.maxDelayMs) / 2);
  }

  /** A document has new pending updates. */
  mark(doc: WriteSource): void {
    this.dirty.add(doc);
    this.timer ??= setTimeout(() => this.tick(), this.tickMs);
  }

  /** Writes now whatever `docs` (every dirty document when omitted) have pending; resolves once stored. */
  flush(docs?: Iterable<WriteSource>): Promise<void> {
    const chosen = docs ? [...docs] : [...this.dirty];
    return this.enqueue(chosen);
  }

  get pendingDocs(): number {
    return this.dirty.size;
  }

  private tick(): void {
    this.timer = null;
    // A write in flight: the next tick groups what became due meanwhile.
    if (this.busy > 0) return this.reschedule();
    const now = performance.now();
    const due: WriteSource[] = [];
    for (const doc of this.dirty) {
      const since = doc.pendingSince();
      if (!since) {
        this.dirty.delete(doc);
        continue;
      }
      const quiet = now - since.last >= this.timing.debounceMs - this.tickMs;
      const overdue = now - since.first >= this.timing.maxDelayMs - this.tickMs;
      if (quiet || overdue) due.push(doc);
    }
    if (due.length > 0) void this.enqueue(due);
    this.reschedule();
  }

  private reschedule(): void {
    if (this.dirty.size > 0) this.timer ??= setTimeout(() => this.tick(), this.tickMs);
  }

  private enqueue(docs: WriteSource[]): Promise<void> {
    this.busy++;
    this.chain = this.chain
      .then(() => this.write(docs))
      .catch((err: unknown) => this.log.error({ err }, 'Yjs write-behind failed'))
      .finally(() => this.busy--);
    return this.chain;
  }

  private async write(docs: WriteSource[]): Promise<void> {
    const taken: [WriteSource, RowWrite][] = [];
    let compactions = 0;
    for (const doc of docs) {
      this.dirty.delete(doc);
      const write = doc.take(compactions < COMPACTIONS_PER_TICK);
      if (write?.snapshot) compactions++;
      if (write) taken.push([doc, write]);
    }
    if (taken.length === 0) return;
    let ids: Types.ObjectId[];
    try {
      ids = await this.store.insert(taken.map(([, w]) => w));
    } catch (err) {
      // Keep the edits: they go out again. Clients also still hold them.
      for (const [doc, write] of taken) doc.failed(write);
      this.log.error({ err, docs: taken.length }, 'storing Yjs updates failed; will retry');
      setTimeout(() => taken.forEach(([doc]) => doc.pendingSince() && this.mark(doc)), RETRY_MS).unref();
      return;
    }
    const replaced = taken.flatMap(([, w]) => w.replaces);
    let replacedGone = true;
    try {
      await this.store.remove(replaced);
    } catch (err) {
      // The snapshots are stored; the rows they replace stay known and go with the next compaction.
      replacedGone = false;
      this.log.warn({ err, rows: replaced.length }, 'removing compacted Yjs rows failed');
    }
    taken.forEach(([doc, write], i) => doc.stored(write, ids[i]!, replacedGone));
  }
}
