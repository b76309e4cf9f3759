// A small query planner: picks the index whose leading fields the filter constrains best and
// turns those constraints into key intervals. The index only narrows the candidates; the full
// matcher still decides, so a plan may be loose but must never miss a matching document.
// https://www.mongodb.com/docs/manual/core/multikey-index-bounds/
import { BSONRegExp } from 'bson';
import { keyString, typeRank } from './bson-order.js';
import type { Index } from './indexes.js';
import { TypeEdge, type Bound } from './orderedKeys.js';
import { isPlainObject, type Doc } from './types.js';

/** One necessary condition on one field: a set of values, or one range. */
type Cond =
  | { kind: 'points'; values: unknown[] }
  | { kind: 'range'; lower?: { v: unknown; incl: boolean }; upper?: { v: unknown; incl: boolean } };

type RangeCond = Extract<Cond, { kind: 'range' }>;

export type Plan =
  | { kind: 'ids'; idKeys: string[] }
  | { kind: 'index'; index: Index; intervals: Array<[Bound, Bound]> };

/** More key intervals than this (a wide $in × $in) falls back to fewer index fields. */
const MAX_INTERVALS = 1000;

const isRegex = (v: unknown): boolean => v instanceof RegExp || v instanceof BSONRegExp;

function fieldConds(v: unknown): Cond[] {
  if (isRegex(v)) return [];
  if (!isPlainObject(v) || !Object.keys(v).some((k) => k.startsWith('$'))) return [{ kind: 'points', values: [v] }];
  const out: Cond[] = [];
  for (const [op, arg] of Object.entries(v)) {
    if (isRegex(arg)) continue;
    switch (op) {
      case '$eq':
        out.push({ kind: 'points', values: [arg] });
        break;
      // Inside $in a regular expression is a pattern, which intervals cannot express.
      case '$in':
        if (Array.isArray(arg) && !arg.some(isRegex)) out.push({ kind: 'points', values: arg });
        break;
      case '$gt':
      case '$gte':
        out.push({ kind: 'range', lower: { v: arg, incl: op === '$gte' } });
        break;
      case '$lt':
      case '$lte':
        out.push({ kind: 'range', upper: { v: arg, incl: op === '$lte' } });
        break;
      default:
    }
  }
  return out;
}

/** Conditions every matching document satisfies: top-level fields and $and branches. */
function collect(filter: Doc, out: Map<string, Cond[]>): void {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and') {
      if (Array.isArray(v)) for (const branch of v) if (isPlainObject(branch)) collect(branch, out);
    } else if (!k.startsWith('$')) {
      const conds = fieldConds(v);
      if (conds.length > 0) out.set(k, [...(out.get(k) ?? []), ...conds]);
    }
  }
}

/**
 * The condition used for one index field. Two range conditions may be intersected only when no
 * document holds an array there: on a multikey field `{$gt: 5, $lt: 3}` matches `[1, 10]`.
 */
function chooseCond(conds: Cond[] | undefined, multikey: boolean): Cond | undefined {
  if (!conds) return undefined;
  const points = conds.find((c) => c.kind === 'points');
  if (points) return points;
  const ranges = conds.filter((c): c is RangeCond => c.kind === 'range');
  if (multikey || ranges.length <= 1) return ranges[0];
  const lower = ranges.find((c) => c.lower)?.lower;
  const upper = ranges.find((c) => c.upper)?.upper;
  return { kind: 'range', ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) };
}

interface Candidate {
  index: Index;
  conds: Cond[];
  score: number;
}

function rangeParts(c: RangeCond): [unknown, -1 | 1, unknown, -1 | 1] | undefined {
  const rank = typeRank((c.lower ?? c.upper)?.v);
  // Range operators compare within one type bracket only.
  if (c.lower && c.upper && typeRank(c.upper.v) !== rank) return undefined;
  const lo: [unknown, -1 | 1] = c.lower ? [c.lower.v, c.lower.incl ? -1 : 1] : [new TypeEdge(rank, -1), -1];
  const hi: [unknown, -1 | 1] = c.upper ? [c.upper.v, c.upper.incl ? 1 : -1] : [new TypeEdge(rank, 1), 1];
  return [lo[0], lo[1], hi[0], hi[1]];
}

function intervalsOf(conds: Cond[]): Array<[Bound, Bound]> {
  // Drop trailing fields until the product of the point lists is small enough.
  let used = conds;
  const count = (cs: Cond[]): number => cs.reduce((n, c) => n * (c.kind === 'points' ? new Set(c.values.map(keyString)).size : 1), 1);
  while (used.length > 1 && count(used) > MAX_INTERVALS) used = used.slice(0, -1);
  let prefixes: unknown[][] = [[]];
  const out: Array<[Bound, Bound]> = [];
  for (const c of used) {
    if (c.kind === 'points') {
      const seen = new Set<string>();
      const values = c.values.filter((v) => !seen.has(keyString(v)) && seen.add(keyString(v)));
      prefixes = prefixes.flatMap((p) => values.map((v) => [...p, v]));
    } else {
      const parts = rangeParts(c);
      if (!parts) return [];
      for (const p of prefixes) out.push([{ parts: [...p, parts[0]], tail: parts[1] }, { parts: [...p, parts[2]], tail: parts[3] }]);
      return out;
    }
  }
  for (const p of prefixes) out.push([{ parts: p, tail: -1 }, { parts: p, tail: 1 }]);
  return out;
}

/** An _id given as values the primary key can answer directly. */
function idPoints(conds: Cond[] | undefined): string[] | undefined {
  const points = conds?.find((c) => c.kind === 'points');
  if (!points || points.kind !== 'points') return undefined;
  if (points.values.some((v) => Array.isArray(v) || (isPlainObject(v) && Object.keys(v).some((k) => k.startsWith('$'))))) return undefined;
  return [...new Set(points.values.map(keyString))];
}

/** The plan for `filter` over `indexes`, or undefined for a collection scan. */
export function planQuery(filter: Doc | undefined, indexes: readonly Index[]): Plan | undefined {
  if (!filter) return undefined;
  const conds = new Map<string, Cond[]>();
  collect(filter, conds);
  if (conds.size === 0) return undefined;
  const ids = idPoints(conds.get('_id'));
  if (ids) return { kind: 'ids', idKeys: ids };
  let best: Candidate | undefined;
  for (const index of indexes) {
    if (!index.lookup) continue;
    const used: Cond[] = [];
    let score = 0;
    for (let i = 0; i < index.fields.length; i++) {
      const c = chooseCond(conds.get(index.fields[i] as string), index.multikey[i] === true);
      if (!c) break;
      used.push(c);
      score += c.kind === 'points' ? 2 : 1;
      if (c.kind === 'range') break;
    }
    if (used.length === 0) continue;
    // Ties go to the index with fewer fields (fewer entries per document), then to unique ones.
    if (
      !best ||
      score > best.score ||
      (score === best.score && (index.fields.length < best.index.fields.length || (index.fields.length === best.index.fields.length && index.unique && !best.index.unique)))
    ) {
      best = { index, conds: used, score };
    }
  }
  if (!best) return undefined;
  return { kind: 'index', index: best.index, intervals: intervalsOf(best.conds) };
}
