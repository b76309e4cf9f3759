// Query, projection and aggregation semantics come from mingo (update operators are our own, in
// src/update/). Its generic comparison does not know BSON types (Decimal128 compares as text,
// Long vs number never matches), so the equality and range operators are replaced with ones
// built on the BSON order in bson-order.ts.
import { Aggregator } from 'mingo/aggregator';
import { Context } from 'mingo/core';
import { Lazy, type Iterator } from 'mingo/lazy';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { resolve } from 'mingo/util';
import { compareValues, toNumber, typeRank } from './bson-order.js';
import { CommandError, badValue } from './errors.js';
import { deepClone, isPlainObject, type Doc } from './types.js';

type Predicate = (v: unknown) => boolean;

/** All values a dotted path reaches, descending into arrays like MongoDB does. */
export function candidates(doc: unknown, path: string): unknown[] {
  const v = resolve(doc as Doc, path, { unwrapArray: true }) as unknown;
  if (!Array.isArray(v)) return [v];
  // An array field matches if the array itself or any of its elements matches (one level only);
  // a dotted path through an array of subdocuments yields one value per subdocument, and those
  // values may be arrays in turn.
  const out: unknown[] = [v];
  const dotted = path.includes('.');
  for (const x of v) {
    out.push(x);
    if (dotted && Array.isArray(x)) out.push(...(x as unknown[]));
  }
  return out;
}

function fieldOp(test: (value: unknown, arg: unknown) => boolean) {
  return (selector: string, arg: unknown) =>
    (doc: unknown): boolean =>
      candidates(doc, selector).some((v) => test(v, arg));
}

function rangeTest(cmp: (c: number) => boolean) {
  return (v: unknown, arg: unknown): boolean => {
    // Range operators only compare within one type bracket.
    if (v === undefined && arg !== null) return false;
    return typeRank(v) === typeRank(arg) && cmp(compareValues(v, arg));
  };
}

const eqTest = (v: unknown, arg: unknown): boolean => typeRank(v) === typeRank(arg) && compareValues(v, arg) === 0;

// Unlike $eq, a regular expression inside $in is a pattern.
const inTest = (v: unknown, arg: unknown): boolean => {
  if (!Array.isArray(arg)) throw badValue('$in needs an array');
  return arg.some((a) => (a instanceof RegExp && typeof v === 'string' ? a.test(v) : eqTest(v, a)));
};

/** A malformed $in / $nin fails when the query is parsed, whether or not any document is tested. */
const needsArray = (op: string, test: (selector: string, arg: unknown) => (doc: unknown) => boolean) => (selector: string, arg: unknown) => {
  if (!Array.isArray(arg)) throw badValue(`${op} needs an array`);
  return test(selector, arg);
};

const $eq = fieldOp(eqTest);
const $in = needsArray('$in', fieldOp(inTest));
const $gt = fieldOp(rangeTest((c) => c > 0));
const $gte = fieldOp(rangeTest((c) => c >= 0));
const $lt = fieldOp(rangeTest((c) => c < 0));
const $lte = fieldOp(rangeTest((c) => c <= 0));
const $ne = (selector: string, arg: unknown) => {
  const p = $eq(selector, arg);
  return (doc: unknown) => !p(doc);
};
const $nin = needsArray('$nin', (selector: string, arg: unknown) => {
  const p = $in(selector, arg);
  return (doc: unknown) => !p(doc);
});

// $sort in pipelines follows the same BSON order as find (mingo's own order differs for mixed
// types); with a collation mingo's collation-aware sort is kept.
const $sort = (coll: Iterator, sortKeys: Doc, options: Options): Iterator => {
  if (options.collation) return pipelineOperators.$sort(coll, sortKeys as never, options);
  if (!isPlainObject(sortKeys) || Object.keys(sortKeys).length === 0) throw badValue('$sort stage must have at least one sort key');
  return coll.transform((docs) => Lazy(sortDocs(docs as Doc[], sortKeys)));
};

const context = Context.init({
  accumulator: accumulatorOperators,
  expression: expressionOperators,
  pipeline: { ...pipelineOperators, $sort } as typeof pipelineOperators,
  projection: projectionOperators,
  query: { ...queryOperators, $eq, $ne, $in, $nin, $gt, $gte, $lt, $lte } as typeof queryOperators,
  window: windowOperators,
});

export function mingoOptions(extra: Partial<Options> = {}): Partial<Options> {
  return { context, ...extra };
}

/** mingo signals bad queries with plain Errors; MongoDB answers BadValue. */
function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CommandError) throw err;
    const msg = (err as Error).message;
    if (msg.includes('immutable field')) throw new CommandError(66, 'ImmutableField', msg);
    throw badValue(msg);
  }
}

export function compileFilter(filter: unknown): Predicate {
  if (filter === undefined || filter === null) return () => true;
  if (!isPlainObject(filter)) throw badValue('filter must be an object');
  if (Object.keys(filter).length === 0) return () => true;
  const q = wrap(() => new Query(filter, mingoOptions()));
  return (doc) => wrap(() => q.test(doc as Doc));
}

export function project(docs: Doc[], projection: unknown): Doc[] {
  if (!isPlainObject(projection) || Object.keys(projection).length === 0) return docs;
  const plain = plainProjection(projection);
  if (plain) return docs.map(plain);
  return wrap(() => new Query({}, mingoOptions()).find(docs, projection).all() as Doc[]);
}

/**
 * The projections applications send most — top-level fields, each 1/true or 0/false, like
 * mongoose's `findById(id, { name: 1 })` — applied directly: building a mingo query for each
 * find was most of the cost of a small read. Fields keep the document's order, as MongoDB
 * returns them. Anything else (dotted paths, operators, mixed modes, `_id: 1` in an exclusion)
 * is left to mingo, errors included.
 */
function plainProjection(projection: Doc): ((doc: Doc) => Doc) | undefined {
  let include: boolean | undefined;
  let keepId = true;
  const fields = new Set<string>();
  for (const [k, v] of Object.entries(projection)) {
    if (k.includes('.') || k.startsWith('$')) return undefined;
    if (typeof v !== 'boolean' && typeof v !== 'number') return undefined;
    const on = typeof v === 'boolean' ? v : v !== 0;
    if (k === '_id') {
      keepId = on;
      continue;
    }
    if (include !== undefined && include !== on) return undefined;
    include = on;
    fields.add(k);
  }
  // Only `_id` named: `{_id: 1}` keeps just the id, `{_id: 0}` everything else.
  if (include === undefined) include = keepId;
  if (!include && keepId && projection['_id'] !== undefined) return undefined;
  if (include) {
    return (doc) => {
      const out: Doc = {};
      for (const k of Object.keys(doc)) if (k === '_id' ? keepId : fields.has(k)) out[k] = doc[k];
      return out;
    };
  }
  return (doc) => {
    const out: Doc = {};
    for (const k of Object.keys(doc)) if (k === '_id' ? keepId : !fields.has(k)) out[k] = doc[k];
    return out;
  };
}

function sortKey(doc: Doc, path: string, dir: number): unknown {
  const v = resolve(doc, path, { unwrapArray: true }) as unknown;
  if (!Array.isArray(v)) return v;
  // An array sorts by its smallest element ascending and its largest descending.
  if (v.length === 0) return undefined;
  return v.reduce((best: unknown, x: unknown) => (compareValues(x, best) * dir < 0 ? x : best), v[0]);
}

/** Sort following MongoDB's BSON order, with missing fields equal to null (first ascending). */
export function sortDocs(docs: Doc[], sort: unknown): Doc[] {
  if (!isPlainObject(sort)) return docs;
  // {$natural: -1} is reverse insertion order: https://www.mongodb.com/docs/manual/reference/operator/meta/natural/
  if ('$natural' in sort) return toNumber(sort['$natural']) < 0 ? [...docs].reverse() : docs;
  const keys = Object.entries(sort).map(([k, d]) => [k, typeof d === 'number' && d < 0 ? -1 : 1] as const);
  if (keys.length === 0) return docs;
  // Decorate first so each key is resolved once per document.
  const decorated = docs.map((doc, i) => ({ doc, i, keys: keys.map(([p, d]) => sortKey(doc, p, d)) }));
  decorated.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const c = compareValues(a.keys[k], b.keys[k]) * (keys[k]?.[1] ?? 1);
      if (c !== 0) return c;
    }
    return a.i - b.i;
  });
  return decorated.map((d) => d.doc);
}

/** Runs an update pipeline on a copy of one document (undefined if a stage dropped it). */
export function pipelineUpdate(doc: Doc, stages: Doc[]): Doc | undefined {
  return wrap(() => new Aggregator(stages, mingoOptions()).run([deepClone(doc)]))[0] as Doc | undefined;
}

/**
 * Seeds an upserted document from the equality conditions of the query.
 * https://www.mongodb.com/docs/manual/reference/method/db.collection.update/#upsert-behavior
 */
export function seedFromQuery(q: Doc): Doc {
  const out: Doc = {};
  const visit = (cond: Doc): void => {
    for (const [k, v] of Object.entries(cond)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const c of v) if (isPlainObject(c)) visit(c);
      } else if (k.startsWith('$')) {
        continue;
      } else if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
        if ('$eq' in v) setPath(out, k, deepClone(v['$eq']));
      } else if (!(v instanceof RegExp)) {
        setPath(out, k, deepClone(v));
      }
    }
  };
  visit(q);
  return out;
}

export function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Doc = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i] as string;
    const next = cur[p];
    if (!isPlainObject(next)) cur[p] = {};
    cur = cur[p] as Doc;
  }
  cur[parts[parts.length - 1] as string] = value;
}

/** Value at a dotted path without array traversal (missing → undefined). */
export function getPath(doc: unknown, path: string): unknown {
  return resolve(doc as Doc, path, { unwrapArray: true }) as unknown;
}

export function aggregate(docs: Doc[], pipeline: Doc[], resolver: (name: string) => Doc[]): Doc[] {
  return wrap(
    () => new Aggregator(pipeline, mingoOptions({ collectionResolver: resolver })).run(docs) as Doc[],
  );
}
