// find, getMore, killCursors, count, distinct, aggregate.
import { keyString } from '../bson-order.js';
import { badValue, CommandError } from '../errors.js';
import { aggregate as runPipeline, getPath, project } from '../query.js';
import { deepClone, isPlainObject, type Doc } from '../types.js';
import type { CommandContext } from './context.js';
import { queryStats } from '../stats.js';
import { candidateDocs, matchDocs, optionalDoc, optionalNumber } from './util.js';

export function find(ctx: CommandContext): Doc {
  const cmd = ctx.cmd;
  const view = ctx.view(ctx.collectionName());
  let limit = optionalNumber(cmd['limit'], 'limit') ?? 0;
  let singleBatch = cmd['singleBatch'] === true;
  // A negative limit is the legacy spelling of "limit + single batch".
  if (limit < 0) {
    limit = -limit;
    singleBatch = true;
  }
  const batchSize = optionalNumber(cmd['batchSize'], 'batchSize');
  if (batchSize !== undefined && batchSize < 0) throw badValue('batchSize must be non-negative');
  let docs = matchDocs(view, optionalDoc(cmd['filter'], 'filter'), {
    sort: optionalDoc(cmd['sort'], 'sort'),
    skip: optionalNumber(cmd['skip'], 'skip'),
    limit,
  });
  docs = project(docs, cmd['projection']);
  return { cursor: ctx.cursors.open(view.ns, docs, batchSize, singleBatch), ok: 1 };
}

export function getMore(ctx: CommandContext): Doc {
  const batchSize = optionalNumber(ctx.cmd['batchSize'], 'batchSize');
  return {
    cursor: ctx.cursors.getMore(ctx.cmd['getMore'], ctx.cmd['collection'], ctx.db, batchSize || undefined),
    ok: 1,
  };
}

export function killCursors(ctx: CommandContext): Doc {
  const ids = ctx.cmd['cursors'];
  if (!Array.isArray(ids)) throw badValue("BSON field 'killCursors.cursors' is missing but a required field");
  return ctx.cursors.kill(ids);
}

export function count(ctx: CommandContext): Doc {
  const view = ctx.view(ctx.collectionName());
  const docs = matchDocs(view, optionalDoc(ctx.cmd['query'], 'query'), {
    skip: optionalNumber(ctx.cmd['skip'], 'skip'),
    limit: Math.abs(optionalNumber(ctx.cmd['limit'], 'limit') ?? 0),
  });
  return { n: docs.length, ok: 1 };
}

export function distinct(ctx: CommandContext): Doc {
  const key = ctx.cmd['key'];
  if (typeof key !== 'string') throw badValue("BSON field 'distinct.key' is missing but a required field");
  const view = ctx.view(ctx.collectionName());
  const seen = new Set<string>();
  const values: unknown[] = [];
  for (const doc of matchDocs(view, optionalDoc(ctx.cmd['query'], 'query'))) {
    const v = getPath(doc, key);
    // Array values contribute their elements: https://www.mongodb.com/docs/manual/reference/command/distinct/#array-fields
    for (const x of Array.isArray(v) ? v : [v]) {
      if (x === undefined) continue;
      const k = keyString(x);
      if (!seen.has(k)) {
        seen.add(k);
        values.push(x);
      }
    }
  }
  return { values, ok: 1 };
}

/**
 * The pipeline the driver sends for countDocuments: $match, optional $skip and $limit, then
 * {$group: {_id: 1, n: {$sum: 1}}}. https://www.mongodb.com/docs/manual/reference/method/db.collection.countDocuments/#mechanics
 */
function countShape(pipeline: Doc[]): { filter: Doc; skip?: number; limit?: number } | undefined {
  const [match, ...rest] = pipeline;
  const group = rest.pop();
  if (!isPlainObject(match) || Object.keys(match).length !== 1 || !isPlainObject(match['$match'])) return undefined;
  if (!isPlainObject(group) || Object.keys(group).length !== 1 || !isPlainObject(group['$group'])) return undefined;
  const g = group['$group'];
  const sum = g['n'];
  if (Object.keys(g).length !== 2 || g['_id'] !== 1 || !isPlainObject(sum) || Object.keys(sum).length !== 1 || sum['$sum'] !== 1) return undefined;
  const out: { filter: Doc; skip?: number; limit?: number } = { filter: match['$match'] };
  for (const stage of rest) {
    const [name, ...more] = Object.keys(stage);
    const v = stage[name ?? ''];
    if (more.length > 0 || typeof v !== 'number' || !Number.isInteger(v)) return undefined;
    if (name === '$skip' && out.skip === undefined && out.limit === undefined && v >= 0) out.skip = v;
    else if (name === '$limit' && out.limit === undefined && v > 0) out.limit = v;
    else return undefined;
  }
  return out;
}

/** Stages that build their output without changing the documents they read. */
const READ_ONLY_STAGES = new Set(['$match', '$group', '$sort', '$skip', '$limit', '$count']);

const UNSUPPORTED_STAGES = new Set(['$out', '$merge', '$changeStream', '$currentOp', '$collStats', '$indexStats']);

export function aggregate(ctx: CommandContext): Doc {
  const pipeline = ctx.cmd['pipeline'];
  if (!Array.isArray(pipeline)) throw badValue("'pipeline' option must be specified as an array");
  for (const stage of pipeline) {
    if (!isPlainObject(stage)) throw badValue('Each element of the pipeline must be an object');
    const name = Object.keys(stage)[0] ?? '';
    if (UNSUPPORTED_STAGES.has(name)) throw new CommandError(40324, 'Location40324', `Unsupported stage in this emulator: ${name}`);
  }
  if (ctx.cmd['explain'] === true) throw new CommandError(115, 'CommandNotSupported', 'explain is not supported by this emulator');
  const cursorOpt = ctx.cmd['cursor'];
  if (!isPlainObject(cursorOpt)) throw new CommandError(9, 'FailedToParse', "The 'cursor' option is required, except for aggregate with the explain argument");
  // `aggregate: 1` runs a collection-less pipeline (e.g. starting with $documents).
  const collName = typeof ctx.cmd['aggregate'] === 'string' ? ctx.cmd['aggregate'] : undefined;
  const counted = collName ? countShape(pipeline as Doc[]) : undefined;
  if (collName && counted) {
    // countDocuments: answered from the matches without copying documents through the pipeline.
    const n = matchDocs(ctx.view(collName), counted.filter, counted).length;
    const docs = n > 0 ? [{ _id: 1, n }] : [];
    return { cursor: ctx.cursors.open(`${ctx.db}.${collName}`, docs, optionalNumber(cursorOpt['batchSize'], 'batchSize'), false), ok: 1 };
  }
  // A leading $match narrows the input through an index; the stage itself still filters.
  const first = (pipeline as Doc[])[0]?.['$match'];
  const source = collName ? candidateDocs(ctx.view(collName), isPlainObject(first) ? first : undefined) : [];
  queryStats.docsExamined += source.length;
  // Copies, because pipeline stages may modify the documents they are given — except when every
  // stage only reads them (a tally: $match then $group), where copying each stored document was
  // most of the cost.
  const readOnly = (pipeline as Doc[]).every((stage) => READ_ONLY_STAGES.has(Object.keys(stage)[0] ?? ''));
  const input = readOnly ? source : source.map(deepClone);
  const resolver = (name: string): Doc[] => ctx.view(name).scan().map(deepClone);
  const docs = runPipeline(input, pipeline as Doc[], resolver);
  const ns = `${ctx.db}.${collName ?? '$cmd.aggregate'}`;
  return { cursor: ctx.cursors.open(ns, docs, optionalNumber(cursorOpt['batchSize'], 'batchSize'), false), ok: 1 };
}
