import { ObjectId } from 'bson';
import { keyString, toNumber } from '../bson-order.js';
import { CommandError, badValue } from '../errors.js';
import { planQuery } from '../planner.js';
import { compileFilter, sortDocs } from '../query.js';
import { queryStats } from '../stats.js';
import { isPlainObject, type Doc } from '../types.js';
import type { CollectionView } from '../views.js';

export function optionalNumber(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = toNumber(v);
  if (Number.isNaN(n)) throw new CommandError(14, 'TypeMismatch', `'${name}' must be a number`);
  return n;
}

export function optionalDoc(v: unknown, name: string): Doc | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isPlainObject(v)) throw new CommandError(14, 'TypeMismatch', `'${name}' must be an object`);
  return v;
}

/** Equality on _id with a plain value: answer from the primary key instead of a scan. */
function idLookup(filter: Doc | undefined): string | undefined {
  if (!filter) return undefined;
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== '_id') return undefined;
  const v = filter['_id'];
  if (v instanceof RegExp || Array.isArray(v) || (isPlainObject(v) && Object.keys(v).some((k) => k.startsWith('$')))) return undefined;
  return keyString(v);
}

/**
 * The documents that may match `filter`, in natural order: through the best index when the
 * filter constrains an index's leading fields, else every document.
 */
export function candidateDocs(view: CollectionView, filter: Doc | undefined): Doc[] {
  const plan = planQuery(filter, view.indexes());
  queryStats.lastPlan = !plan ? 'COLLSCAN' : plan.kind === 'ids' ? 'IDHACK' : `IXSCAN ${plan.index.name}`;
  if (!plan) return view.scan();
  const docs = view.fetch(plan);
  if (VERIFY_PLANS) verifyPlan(view, filter, docs);
  return docs;
}

/**
 * MONGO_EMULATOR_VERIFY_PLANS=1 checks every index lookup against a scan (slow): run an
 * application's test suite with it to prove the planner right on that application's queries.
 */
const VERIFY_PLANS = process.env['MONGO_EMULATOR_VERIFY_PLANS'] === '1';

function verifyPlan(view: CollectionView, filter: Doc | undefined, fetched: Doc[]): void {
  const pred = compileFilter(filter);
  const got = fetched.filter(pred);
  const want = view.scan().filter(pred);
  if (got.length !== want.length || got.some((d, i) => d !== want[i])) {
    const msg = `index lookup (${queryStats.lastPlan}) disagrees with a scan on ${view.ns} for ${JSON.stringify(filter)}: ${got.length} vs ${want.length} documents`;
    process.stderr.write(`mongo-emulator: ${msg}\n`);
    throw new Error(msg);
  }
}

export interface MatchOptions {
  sort?: Doc | undefined;
  skip?: number | undefined;
  limit?: number | undefined;
}

/** Matching documents in natural order (or sorted), after skip and limit (0 = no limit). */
export function matchDocs(view: CollectionView, filter: Doc | undefined, opts: MatchOptions = {}): Doc[] {
  const byId = idLookup(filter);
  // keyString equality is BSON equality, so a primary-key hit needs no further matching.
  if (byId !== undefined) {
    const d = view.get(byId);
    queryStats.lastPlan = 'IDHACK';
    if (d) queryStats.docsExamined++;
    return d && !opts.skip ? [d] : [];
  }
  // Compiled before planning, so a malformed filter fails the same way with or without an index.
  const pred = compileFilter(filter);
  const source = candidateDocs(view, filter);
  const examine = (d: Doc): boolean => {
    queryStats.docsExamined++;
    return pred(d);
  };
  let docs: Doc[];
  if (!opts.sort && opts.limit && !opts.skip) {
    // Stop scanning as soon as enough documents matched.
    docs = [];
    for (const d of source) {
      if (examine(d)) docs.push(d);
      if (docs.length >= opts.limit) break;
    }
    return docs;
  } else {
    docs = source.filter(examine);
  }
  if (opts.sort) docs = sortDocs(docs, opts.sort);
  const skip = opts.skip ?? 0;
  if (skip < 0) throw badValue('skip value must be non-negative');
  const limit = opts.limit ?? 0;
  if (skip > 0 || limit > 0) docs = docs.slice(skip, limit > 0 ? skip + limit : undefined);
  return docs;
}

/** _id goes first; a missing _id gets a fresh ObjectId, as the server does on insert. An array _id is refused. */
export function withId(doc: Doc): Doc {
  // https://www.mongodb.com/docs/manual/core/document/#the-_id-field
  if (Array.isArray(doc['_id'])) throw new CommandError(53, 'InvalidIdField', "The '_id' value cannot be of type array");
  if ('_id' in doc) {
    if (Object.keys(doc)[0] === '_id') return doc;
    const { _id, ...rest } = doc;
    return { _id, ...rest };
  }
  return { _id: new ObjectId(), ...doc };
}

/** A write error entry as it appears in `writeErrors`. */
export function writeErrorOf(index: number, err: unknown): Doc {
  if (err instanceof CommandError) {
    return { index, code: err.code, errmsg: err.message, ...err.extra };
  }
  return { index, code: 1, errmsg: String((err as Error)?.message ?? err) };
}

/** Errors that must fail the whole command instead of becoming a write error. */
export const isFatalForBatch = (err: unknown): boolean =>
  err instanceof CommandError && (err.code === 112 || err.code === 251 || err.errorLabels.length > 0);
