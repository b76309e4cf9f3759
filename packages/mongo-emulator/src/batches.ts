import { BSON } from 'bson';
import type { Doc } from './types.js';

/** Replies must stay under the 16 MiB BSON limit, with headroom for the envelope. */
export const BSON_OVERHEAD_LIMIT = 16 * 1024 * 1024 - 16 * 1024;

/** Up to `count` documents from `start`, stopping early before the reply would grow too big. */
export function batchBySize(docs: Doc[], start: number, count: number, maxBytes: number): Doc[] {
  const out: Doc[] = [];
  let bytes = 0;
  for (let i = start; i < docs.length && out.length < count; i++) {
    const d = docs[i] as Doc;
    const size = BSON.calculateObjectSize(d, { ignoreUndefined: true });
    if (out.length > 0 && bytes + size > maxBytes) break;
    out.push(d);
    bytes += size;
  }
  return out;
}
