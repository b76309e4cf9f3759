import { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';

/** What is stored of one document, as read at load. */
export interface StoredDoc {
  /** Every stored update, oldest row first (a snapshot, then the tail written since). */
  updates: Uint8Array[];
  /** Ids of the rows read: once `updates` are applied, each of them is in the document. */
  rows: Types.ObjectId[];
  /** The state vector stored with a lone snapshot (none for older rows, or with a tail). */
  vector: Uint8Array | null;
  /** Bytes of the rows that are snapshots, and of the others (the tail). */
  snapshotBytes: number;
  tailBytes: number;
}

/** One row to write at a flush tick: an update, or a snapshot that replaces older rows. */
export interface RowWrite {
  doc: string;
  data: Uint8Array;
  snapshot: boolean;
  /** Rows this snapshot contains, removed once it is stored (compaction). */
  replaces: Types.ObjectId[];
  /** A snapshot's state vector, stored beside it. */
  vector?: Uint8Array;
}

/**
 * Yjs updates in MongoDB, one collection of rows (`yjs_updates`). The hot path talks to the
 * driver's collection directly: rows are bytes, and mongoose's casting and hydration cost more
 * than the write itself. Writes are batched across documents (one `insertMany` per flush tick);
 * how many rows a document has is counted in memory by whoever wrote or read them, never asked.
 */
export class YjsStore {
  constructor(
    private readonly models: Models,
    /** Rows of one document beyond which the next write is a snapshot replacing them. */
    readonly compactAfter = 50,
  ) {}

  private get rows() {
    return this.models.YjsUpdate.collection;
  }

  /** Every stored row of a document: one indexed query, usually a snapshot and a short tail. */
  async load(doc: string): Promise<StoredDoc> {
    const found = await this.rows
      .find({ doc }, { projection: { data: 1, snapshot: 1, vector: 1 }, sort: { _id: 1 } })
      .toArray();
    const stored: StoredDoc = { updates: [], rows: [], vector: null, snapshotBytes: 0, tailBytes: 0 };
    const only = found.length === 1 ? found[0]! : null;
    if (only?.['snapshot'] === true && only['vector'] != null) stored.vector = bytesOf(only['vector']);
    for (const row of found) {
      const data = bytesOf(row['data']);
      stored.updates.push(data);
      stored.rows.push(row._id as Types.ObjectId);
      if (row['snapshot'] === true) stored.snapshotBytes += data.byteLength;
      else stored.tailBytes += data.byteLength;
    }
    return stored;
  }

  /**
   * Writes every row of a tick in one `insertMany`, in order; resolves with their ids once
   * MongoDB has acknowledged them. Ids are made here, so a caller knows its rows without
   * reading them back.
   */
  async insert(writes: readonly RowWrite[]): Promise<Types.ObjectId[]> {
    if (writes.length === 0) return [];
    const at = new Date();
    const docs = writes.map((w) => ({
      _id: new Types.ObjectId(),
      doc: w.doc,
      data: w.data,
      snapshot: w.snapshot,
      ...(w.vector ? { vector: w.vector } : {}),
      at,
    }));
    await this.rows.insertMany(docs, { ordered: true });
    return docs.map((d) => d._id);
  }

  /**
   * Removes rows that stored snapshots contain. Called only after the snapshots are
   * acknowledged, so a crash in between leaves duplicates (harmless: applying an update twice
   * changes nothing), never a gap.
   */
  async remove(ids: readonly Types.ObjectId[]): Promise<void> {
    if (ids.length === 0) return;
    await this.rows.deleteMany({ _id: { $in: [...ids] } });
  }

  /** Rows stored for a document (tests, diagnostics; not on the hot path). */
  async count(doc: string): Promise<number> {
    return this.rows.countDocuments({ doc });
  }
}

/** A stored binary as bytes: driver reads give a BSON Binary, hydrated documents a Buffer. */
export function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  const inner = (value as { buffer?: unknown } | null)?.buffer;
  if (inner instanceof Uint8Array) return inner;
  throw new TypeError('not a binary value');
}
