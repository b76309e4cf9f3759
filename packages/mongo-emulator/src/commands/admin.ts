// Collection and index management.
import { Long } from 'bson';
import { badValue, CommandError } from '../errors.js';
import { defaultIndexName } from '../indexes.js';
import { compileFilter } from '../query.js';
import { validateNames, type Collection } from '../store.js';
import { isPlainObject, type Doc } from '../types.js';
import type { CommandContext } from './context.js';

const namespaceNotFound = (ns: string): CommandError => new CommandError(26, 'NamespaceNotFound', `ns does not exist: ${ns}`);

function requireCollection(ctx: CommandContext): Collection {
  const c = ctx.store.get(ctx.db, ctx.collectionName());
  if (!c) throw namespaceNotFound(ctx.ns);
  return c;
}

const COMMAND_META = new Set(['lsid', '$db', '$clusterTime', '$readPreference', 'txnNumber', 'autocommit', 'startTransaction', 'writeConcern', 'readConcern', 'comment', 'maxTimeMS', 'apiVersion', 'apiStrict', 'apiDeprecationErrors']);

export function create(ctx: CommandContext): Doc {
  const name = ctx.collectionName();
  validateNames(ctx.db, name);
  if (ctx.store.get(ctx.db, name)) {
    throw new CommandError(48, 'NamespaceExists', `Collection ${ctx.db}.${name} already exists.`);
  }
  const options: Doc = {};
  for (const [k, v] of Object.entries(ctx.cmd)) if (k !== 'create' && !COMMAND_META.has(k)) options[k] = v;
  ctx.store.ensure(ctx.db, name, options);
  return { ok: 1 };
}

export function drop(ctx: CommandContext): Doc {
  const c = ctx.store.dropCollection(ctx.db, ctx.collectionName());
  // Since 7.0 dropping a missing collection succeeds.
  return c ? { nIndexesWas: c.indexes.length, ns: c.ns, ok: 1 } : { ok: 1 };
}

export function dropDatabase(ctx: CommandContext): Doc {
  ctx.store.dropDatabase(ctx.db);
  return { dropped: ctx.db, ok: 1 };
}

const INDEX_OPTIONS = ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'hidden', 'collation', 'weights', 'default_language', 'language_override', 'textIndexVersion', '2dsphereIndexVersion', 'bits', 'min', 'max', 'wildcardProjection', 'background'];

export function createIndexes(ctx: CommandContext): Doc {
  const specs = ctx.cmd['indexes'];
  if (!Array.isArray(specs) || specs.length === 0) throw badValue('Must specify at least one index to create');
  const [c, created] = ctx.store.ensure(ctx.db, ctx.collectionName());
  const before = c.indexes.length;
  let fresh = 0;
  for (const raw of specs) {
    if (!isPlainObject(raw) || !isPlainObject(raw['key'])) throw badValue("The 'key' field of an index specification must be an object");
    const key = raw['key'];
    const name = typeof raw['name'] === 'string' ? raw['name'] : defaultIndexName(key);
    const spec: Doc = { v: 2, key, name };
    for (const opt of INDEX_OPTIONS) if (raw[opt] !== undefined && opt !== 'background') spec[opt] = raw[opt];
    const sameName = c.indexes.find((i) => i.name === name);
    if (sameName) {
      if (sameName.sameAs(spec)) continue;
      throw new CommandError(86, 'IndexKeySpecsConflict', `An existing index has the same name as the requested index. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName.spec)}`);
    }
    const sameKey = c.indexes.find((i) => JSON.stringify(i.key) === JSON.stringify(key));
    if (sameKey) {
      if (sameKey.sameAs(spec)) continue;
      throw new CommandError(85, 'IndexOptionsConflict', `Index already exists with a different name: ${sameKey.name}`);
    }
    ctx.store.createIndex(c, spec);
    fresh++;
  }
  const reply: Doc = { numIndexesBefore: before, numIndexesAfter: c.indexes.length, createdCollectionAutomatically: created };
  if (fresh === 0) reply['note'] = 'all indexes already exist';
  reply['ok'] = 1;
  return reply;
}

export function dropIndexes(ctx: CommandContext): Doc {
  const c = requireCollection(ctx);
  const was = c.indexes.length;
  const target = ctx.cmd['index'];
  const names: string[] = [];
  if (target === '*') names.push(...c.indexes.filter((i) => !i.isIdIndex).map((i) => i.name));
  else if (typeof target === 'string') names.push(target);
  else if (Array.isArray(target)) names.push(...target.map(String));
  else if (isPlainObject(target)) {
    const found = c.indexes.find((i) => JSON.stringify(i.key) === JSON.stringify(target));
    if (!found) throw new CommandError(27, 'IndexNotFound', `can't find index with key: ${JSON.stringify(target)}`);
    names.push(found.name);
  } else throw badValue("BSON field 'dropIndexes.index' is missing but a required field");
  for (const name of names) {
    if (name === '_id_') throw new CommandError(72, 'InvalidOptions', 'cannot drop _id index');
    if (!c.indexes.some((i) => i.name === name)) throw new CommandError(27, 'IndexNotFound', `index not found with name [${name}]`);
  }
  for (const name of names) ctx.store.dropIndex(c, name);
  return { nIndexesWas: was, ok: 1 };
}

export function listIndexes(ctx: CommandContext): Doc {
  const c = requireCollection(ctx);
  const docs = c.indexes.map((i) => ({ ...i.spec }));
  return { cursor: ctx.cursors.open(c.ns, docs, undefined, false), ok: 1 };
}

export function listCollections(ctx: CommandContext): Doc {
  const filter = isPlainObject(ctx.cmd['filter']) ? ctx.cmd['filter'] : undefined;
  const pred = compileFilter(filter);
  const nameOnly = ctx.cmd['nameOnly'] === true;
  const docs = ctx.store
    .collections(ctx.db)
    .map((c): Doc => ({
      name: c.name,
      type: 'collection',
      options: c.options,
      info: { readOnly: false, uuid: c.uuid },
      idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
    }))
    .filter(pred)
    .map((d) => (nameOnly ? { name: d['name'], type: d['type'] } : d));
  return { cursor: ctx.cursors.open(`${ctx.db}.$cmd.listCollections`, docs, undefined, false), ok: 1 };
}

export function listDatabases(ctx: CommandContext): Doc {
  const databases = ctx.store.databases().map((name) => ({ name, sizeOnDisk: 0, empty: false }));
  return ctx.cmd['nameOnly'] === true
    ? { databases: databases.map((d) => ({ name: d.name })), ok: 1 }
    : { databases, totalSize: 0, totalSizeMb: Long.fromNumber(0), ok: 1 };
}

export function dbStats(ctx: CommandContext): Doc {
  const colls = ctx.store.collections(ctx.db);
  const objects = colls.reduce((n, c) => n + c.docs.size, 0);
  return { db: ctx.db, collections: colls.length, views: 0, objects, indexes: colls.reduce((n, c) => n + c.indexes.length, 0), ok: 1 };
}
