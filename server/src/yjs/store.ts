import * as Y from 'yjs';
import type { Models } from '../db/models/index.js';

/** Yjs updates in MongoDB: appended as they arrive (batched), compacted past a threshold. */
export class YjsStore {
  constructor(
    private readonly models: Models,
    /** Stored rows of one document beyond which they are merged into one snapshot. */
    readonly compactAfter = 200,
  ) {}

  /** Every stored update of a document, oldest first. Yjs updates commute, so order is only tidy. */
  async load(doc: string): Promise<Uint8Array[]> {
    const rows = await this.models.YjsUpdate.find({ doc }).sort({ _id: 1 }).select('data').lean();
    return rows.map((r) => bytesOf(r.data));
  }

  /** Stores a batch as one merged update; resolves once MongoDB has acknowledged it. */
  async append(doc: string, updates: Uint8Array[]): Promise<void> {
    if (updates.length === 0) return;
    const merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
    await this.models.YjsUpdate.create({ doc, data: Buffer.from(merged) });
  }

  /**
   * Replaces every stored row of `doc` with one snapshot of `ydoc`, which already contains all of
   * them. The snapshot is written before the old rows are removed, so a crash in between leaves
   * duplicates (harmless: applying an update twice changes nothing), never a gap.
   */
  async compactIfNeeded(doc: string, ydoc: Y.Doc): Promise<boolean> {
    const count = await this.models.YjsUpdate.countDocuments({ doc });
    if (count <= this.compactAfter) return false;
    const last = await this.models.YjsUpdate.findOne({ doc }).sort({ _id: -1 }).select('_id').lean();
    if (!last) return false;
    const snapshot = Y.encodeStateAsUpdate(ydoc);
    await this.models.YjsUpdate.create({ doc, data: Buffer.from(snapshot), snapshot: true });
    await this.models.YjsUpdate.deleteMany({ doc, _id: { $lte: last._id } });
    return true;
  }

  async count(doc: string): Promise<number> {
    return this.models.YjsUpdate.countDocuments({ doc });
  }
}

/** A stored binary as bytes: lean() reads give a BSON Binary, hydrated documents a Buffer. */
export function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  const inner = (value as { buffer?: unknown } | null)?.buffer;
  if (inner instanceof Uint8Array) return inner;
  throw new TypeError('not a binary value');
}
