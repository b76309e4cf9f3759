// insert / update / delete: per-statement errors go to `writeErrors` with ok: 1; ordered
// batches stop at the first error. https://www.mongodb.com/docs/manual/reference/command/insert/
import { badValue, CommandError, failedToParse } from '../errors.js';
import { seedFromQuery } from '../query.js';
import { isPlainObject, type Doc } from '../types.js';
import { compileUpdate, type CompiledUpdate } from '../update/index.js';
import type { CollectionView } from '../views.js';
import type { CommandContext } from './context.js';
import { isFatalForBatch, matchDocs, optionalDoc, withId, writeErrorOf } from './util.js';

function statements(ctx: CommandContext, field: string): Doc[] {
  const v = ctx.cmd[field];
  if (!Array.isArray(v)) throw failedToParse(`BSON field '${ctx.name}.${field}' is missing but a required field`);
  return v as Doc[];
}

function runBatch(ctx: CommandContext, items: Doc[], fn: (item: Doc, index: number) => void): Doc[] {
  const ordered = ctx.cmd['ordered'] !== false;
  const writeErrors: Doc[] = [];
  items.forEach((item, index) => {
    if (ordered && writeErrors.length > 0) return;
    try {
      fn(item, index);
    } catch (err) {
      if (isFatalForBatch(err)) throw err;
      writeErrors.push(writeErrorOf(index, err));
    }
  });
  return writeErrors;
}

export function insert(ctx: CommandContext): Doc {
  const view = ctx.view(ctx.collectionName());
  let n = 0;
  const writeErrors = runBatch(ctx, statements(ctx, 'documents'), (doc) => {
    if (!isPlainObject(doc)) throw badValue('document to insert must be an object');
    view.insert(withId(doc));
    n++;
  });
  return writeErrors.length > 0 ? { n, writeErrors, ok: 1 } : { n, ok: 1 };
}

/** Builds the document an upsert inserts: equality fields of the query, then the update. */
export function upsertDocument(q: Doc, update: CompiledUpdate): Doc {
  const seed = seedFromQuery(q);
  // A replacement keeps only the query's _id; operators start from all equality fields.
  const start = update.replacement ? ('_id' in seed ? { _id: seed['_id'] } : {}) : seed;
  return withId(update.apply(start, { query: q, inserting: true }).doc);
}

export function updateOne(
  view: CollectionView,
  stmt: Doc,
): { n: number; nModified: number; upsertedId?: unknown } {
  const q = optionalDoc(stmt['q'], 'q') ?? {};
  const u = stmt['u'];
  const multi = stmt['multi'] === true;
  if (u === undefined) throw failedToParse("BSON field 'update.updates.u' is missing but a required field");
  // Parsed before matching: a malformed update fails even when no document matches.
  const update = compileUpdate(u, stmt['arrayFilters']);
  if (multi && update.replacement) {
    throw new CommandError(72, 'InvalidOptions', 'multi update is not supported for replacement-style update');
  }
  const matches = matchDocs(view, q, { limit: multi ? 0 : 1 });
  if (matches.length === 0) {
    if (stmt['upsert'] !== true) return { n: 0, nModified: 0 };
    const doc = upsertDocument(q, update);
    view.insert(doc);
    return { n: 1, nModified: 0, upsertedId: doc['_id'] };
  }
  let nModified = 0;
  for (const old of matches) {
    const { doc, changed } = update.apply(old, { query: q });
    if (changed) {
      view.replace(old, doc);
      nModified++;
    }
  }
  return { n: matches.length, nModified };
}

export function update(ctx: CommandContext): Doc {
  const view = ctx.view(ctx.collectionName());
  let n = 0;
  let nModified = 0;
  const upserted: Doc[] = [];
  const writeErrors = runBatch(ctx, statements(ctx, 'updates'), (stmt, index) => {
    const r = updateOne(view, stmt);
    n += r.n;
    nModified += r.nModified;
    if (r.upsertedId !== undefined) upserted.push({ index, _id: r.upsertedId });
  });
  const reply: Doc = { n, nModified };
  if (upserted.length > 0) reply['upserted'] = upserted;
  if (writeErrors.length > 0) reply['writeErrors'] = writeErrors;
  reply['ok'] = 1;
  return reply;
}

export function remove(ctx: CommandContext): Doc {
  const view = ctx.view(ctx.collectionName());
  let n = 0;
  const writeErrors = runBatch(ctx, statements(ctx, 'deletes'), (stmt) => {
    const q = optionalDoc(stmt['q'], 'q') ?? {};
    const limit = stmt['limit'];
    if (limit !== 0 && limit !== 1) throw failedToParse('The limit field in delete objects must be 0 or 1');
    for (const doc of matchDocs(view, q, { limit })) {
      view.remove(doc);
      n++;
    }
  });
  return writeErrors.length > 0 ? { n, writeErrors, ok: 1 } : { n, ok: 1 };
}
