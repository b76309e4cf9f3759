// The ordered half of a secondary index: (key tuple, document) entries kept in BSON order in a
// chunked sorted array, so inserts and deletes cost a binary search plus a splice of one small
// chunk, and equality and range lookups walk only the entries inside their bounds.
import { compareValues, typeRank } from './bson-order.js';

export interface Entry {
  /** One value per index field (missing fields are undefined, which orders as null). */
  readonly key: unknown[];
  /** idKey of the document. */
  readonly id: string;
}

/** The lowest (side -1) or highest (side +1) position of one BSON type bracket. */
export class TypeEdge {
  constructor(
    readonly rank: number,
    readonly side: -1 | 1,
  ) {}
}

/**
 * A position between entries: just before (tail -1) or just after (tail +1) every key whose
 * leading values equal `parts`. It never equals an entry, so scans need no tie rule.
 */
export interface Bound {
  parts: unknown[];
  tail: -1 | 1;
}

const MAX_CHUNK = 256;

function comparePart(value: unknown, part: unknown): number {
  if (part instanceof TypeEdge) {
    const r = typeRank(value);
    if (r !== part.rank) return r < part.rank ? -1 : 1;
    return -part.side;
  }
  return compareValues(value, part);
}

/** < 0 when `key` sorts before the bound, > 0 after it (never 0). */
export function compareToBound(key: unknown[], bound: Bound): number {
  for (let i = 0; i < bound.parts.length; i++) {
    const c = comparePart(key[i], bound.parts[i]);
    if (c !== 0) return c;
  }
  return -bound.tail;
}

function compareEntries(a: Entry, b: Entry): number {
  for (let i = 0; i < a.key.length; i++) {
    const c = compareValues(a.key[i], b.key[i]);
    if (c !== 0) return c;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** First position in `chunk` whose entry is not below `e`. */
function lowerBound(chunk: readonly Entry[], e: Entry): number {
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareEntries(chunk[mid] as Entry, e) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position in `chunk` whose entry is after `bound`. */
function boundPosition(chunk: readonly Entry[], bound: Bound): number {
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareToBound((chunk[mid] as Entry).key, bound) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Plain loops rather than a shared search taking a closure: these run for every index entry
// written and every lookup, and a closure per call shows in profiles.
export class OrderedKeys {
  private chunks: Entry[][] = [];
  size = 0;

  /** The chunk that holds (or would hold) `e`: the first whose last entry is not below it. */
  private chunkOfEntry(e: Entry): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.chunks[mid] as Entry[];
      if (compareEntries(chunk[chunk.length - 1] as Entry, e) < 0) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(lo, this.chunks.length - 1);
  }

  private chunkOfBound(bound: Bound): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.chunks[mid] as Entry[];
      if (compareToBound((chunk[chunk.length - 1] as Entry).key, bound) < 0) lo = mid + 1;
      else hi = mid;
    }
    return Math.min(lo, this.chunks.length - 1);
  }

  insert(e: Entry): void {
    this.size++;
    if (this.chunks.length === 0) {
      this.chunks.push([e]);
      return;
    }
    const ci = this.chunkOfEntry(e);
    const chunk = this.chunks[ci] as Entry[];
    chunk.splice(lowerBound(chunk, e), 0, e);
    if (chunk.length > MAX_CHUNK) {
      const half = chunk.length >>> 1;
      this.chunks.splice(ci, 1, chunk.slice(0, half), chunk.slice(half));
    }
  }

  /** Removes the entry equal to `e` (same key and id); false if there is none. */
  remove(e: Entry): boolean {
    if (this.chunks.length === 0) return false;
    const ci = this.chunkOfEntry(e);
    const chunk = this.chunks[ci] as Entry[];
    const pos = lowerBound(chunk, e);
    const found = chunk[pos];
    if (!found || compareEntries(found, e) !== 0) return false;
    chunk.splice(pos, 1);
    if (chunk.length === 0) this.chunks.splice(ci, 1);
    this.size--;
    return true;
  }

  /** Calls `visit` with the id of every entry between two bounds, in order. */
  range(lo: Bound, hi: Bound, visit: (id: string) => void): void {
    if (this.chunks.length === 0) return;
    let ci = this.chunkOfBound(lo);
    let pos = boundPosition(this.chunks[ci] as Entry[], lo);
    for (; ci < this.chunks.length; ci++, pos = 0) {
      const chunk = this.chunks[ci] as Entry[];
      for (; pos < chunk.length; pos++) {
        const e = chunk[pos] as Entry;
        if (compareToBound(e.key, hi) > 0) return;
        visit(e.id);
      }
    }
  }

  clear(): void {
    this.chunks = [];
    this.size = 0;
  }
}
