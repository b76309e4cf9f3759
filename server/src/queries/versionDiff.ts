import { diffChars, diffLines } from 'diff';
import type { VersionDiff } from '@tongxin/shared';

// Myers' diff costs (n + m) × edits: two unrelated 10,000-character versions compared character
// by character held the event loop for 20–50 s, and every other user waited. So the comparison is
// done in two passes under one time budget: paragraphs (lines) first, which is cheap, then
// characters within each changed passage — Chinese has no spaces to split words on — only while
// the budget lasts. A passage that cannot be refined in time is shown whole as removed and added,
// and the answer says so (`coarse`), so it stays exact but not detailed.

/** How long one comparison may hold the event loop, at most. */
export const DIFF_BUDGET_MS = 200;
/** Beyond this many character edits in one passage, a character view is confetti, not help. */
export const MAX_CHAR_EDITS = 1_000;
/** Passages longer than this (each side) are not refined: preparing them alone costs too much. */
export const MAX_REFINED_CHARS = 25_000;
/** Versions longer than this (together) are shown whole; decision texts are far shorter. */
export const MAX_COMPARED_CHARS = 400_000;

type Part = VersionDiff['parts'][number];
type Comparison = Pick<VersionDiff, 'parts' | 'coarse'>;

const removed = (value: string): Part[] => (value ? [{ value, removed: true }] : []);
const added = (value: string): Part[] => (value ? [{ value, added: true }] : []);

/** `from` → `to` as parts that rebuild both texts exactly, computed within `budgetMs`. */
export function compareTexts(from: string, to: string, budgetMs = DIFF_BUDGET_MS): Comparison {
  if (from === to) return { parts: from ? [{ value: from }] : [], coarse: false };
  const whole = { parts: [...removed(from), ...added(to)], coarse: true };
  if (from.length + to.length > MAX_COMPARED_CHARS) return whole;

  const deadline = Date.now() + budgetMs;
  const lines = diffLines(from, to, { timeout: budgetMs });
  if (!lines) return whole;

  const parts: Part[] = [];
  let coarse = false;
  let gone = '';
  let come = '';
  const flushHunk = () => {
    if (gone && come) {
      const remaining = deadline - Date.now();
      const chars =
        remaining > 0 && gone.length <= MAX_REFINED_CHARS && come.length <= MAX_REFINED_CHARS
          ? diffChars(gone, come, { timeout: remaining, maxEditLength: MAX_CHAR_EDITS })
          : undefined;
      if (chars) {
        for (const c of chars)
          parts.push(
            c.added
              ? { value: c.value, added: true }
              : c.removed
                ? { value: c.value, removed: true }
                : { value: c.value },
          );
      } else {
        coarse = true;
        parts.push(...removed(gone), ...added(come));
      }
    } else {
      parts.push(...removed(gone), ...added(come));
    }
    gone = '';
    come = '';
  };
  for (const l of lines) {
    if (l.removed) gone += l.value;
    else if (l.added) come += l.value;
    else {
      flushHunk();
      parts.push({ value: l.value });
    }
  }
  flushHunk();
  return { parts: merged(parts), coarse };
}

/** Neighbouring parts of the same kind joined, as one run reads better than two. */
function merged(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    if (!p.value) continue;
    const last = out.at(-1);
    if (last && !!last.added === !!p.added && !!last.removed === !!p.removed) last.value += p.value;
    else out.push({ ...p });
  }
  return out;
}

/**
 * Frozen versions never change, so a comparison, once made, is kept: when a whole meeting opens
 * the same comparison at once, it is computed once. Bounded by the characters it holds.
 */
export class DiffCache {
  private readonly entries = new Map<string, { value: Comparison; size: number }>();
  private size = 0;

  constructor(private readonly maxChars = 2_000_000) {}

  get(key: string, compute: () => Comparison): Comparison {
    const hit = this.entries.get(key);
    if (hit) {
      // Map order is insertion order: re-inserting makes it the most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = compute();
    const size = value.parts.reduce((n, p) => n + p.value.length, 0);
    if (size > this.maxChars / 4) return value;
    this.entries.set(key, { value, size });
    this.size += size;
    for (const [k, e] of this.entries) {
      if (this.size <= this.maxChars) break;
      this.entries.delete(k);
      this.size -= e.size;
    }
    return value;
  }
}
