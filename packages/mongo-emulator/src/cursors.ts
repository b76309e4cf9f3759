// Server-side cursors. Results are materialised when the cursor is opened; getMore hands out
// further batches. Ids stay below 2^53 so they survive the driver's Int64 round trip exactly.
import { Long } from 'bson';
import { toNumber } from './bson-order.js';
import { BSON_OVERHEAD_LIMIT, batchBySize } from './batches.js';
import { CommandError } from './errors.js';
import type { Doc } from './types.js';

/** Default first batch size of find/aggregate: https://www.mongodb.com/docs/manual/tutorial/iterate-a-cursor/#cursor-batches */
export const DEFAULT_FIRST_BATCH = 101;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface OpenCursor {
  ns: string;
  docs: Doc[];
  pos: number;
  lastUsed: number;
}

export class CursorManager {
  private readonly cursors = new Map<number, OpenCursor>();
  private nextId = 1 + Math.floor(Math.random() * 1_000_000);

  /**
   * Builds the `cursor` reply field for a freshly computed result set. A cursor is kept open
   * only if documents remain and the client did not ask for a single batch.
   */
  open(ns: string, docs: Doc[], batchSize: number | undefined, singleBatch: boolean): Doc {
    this.reap();
    const first = batchBySize(docs, 0, batchSize ?? DEFAULT_FIRST_BATCH, BSON_OVERHEAD_LIMIT);
    let id = 0;
    if (first.length < docs.length && !singleBatch) {
      id = this.nextId++;
      this.cursors.set(id, { ns, docs, pos: first.length, lastUsed: Date.now() });
    }
    return { firstBatch: first, id: Long.fromNumber(id), ns };
  }

  getMore(rawId: unknown, collection: unknown, db: string, batchSize: number | undefined): Doc {
    const id = toNumber(rawId);
    const c = this.cursors.get(id);
    if (!c) throw new CommandError(43, 'CursorNotFound', `cursor id ${String(id)} not found`);
    if (typeof collection === 'string' && c.ns !== `${db}.${collection}`) {
      throw new CommandError(13, 'Unauthorized', `Requested getMore on namespace '${db}.${collection}', but cursor belongs to ${c.ns}`);
    }
    const batch = batchBySize(c.docs, c.pos, batchSize ?? Number.MAX_SAFE_INTEGER, BSON_OVERHEAD_LIMIT);
    c.pos += batch.length;
    c.lastUsed = Date.now();
    let replyId = id;
    if (c.pos >= c.docs.length) {
      this.cursors.delete(id);
      replyId = 0;
    }
    return { nextBatch: batch, id: Long.fromNumber(replyId), ns: c.ns };
  }

  kill(ids: unknown[]): Doc {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const raw of ids) {
      const id = toNumber(raw);
      (this.cursors.delete(id) ? killed : notFound).push(Long.fromNumber(id));
    }
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  /** Idle cursors time out after 10 minutes, as on a real server. */
  private reap(): void {
    const cutoff = Date.now() - IDLE_TIMEOUT_MS;
    for (const [id, c] of this.cursors) if (c.lastUsed < cutoff) this.cursors.delete(id);
  }

  clear(): void {
    this.cursors.clear();
  }
}
