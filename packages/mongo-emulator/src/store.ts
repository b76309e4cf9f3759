// Committed state: databases → collections → documents plus unique-index entries.
// Every mutation is synchronous; the server runs each command to completion before reading the
// next one, which makes every single-document write atomic.
import { UUID } from 'bson';
import { keyString } from './bson-order.js';
import { CommandError, invalidNamespace } from './errors.js';
import { Index } from './indexes.js';
import type { Plan } from './planner.js';
import { deepClone, type Doc } from './types.js';

/** State-based journal operations: replaying them in order rebuilds the store. */
export type JournalOp =
  | { op: 'put'; db: string; coll: string; doc: Doc }
  | { op: 'del'; db: string; coll: string; id: unknown }
  | { op: 'createColl'; db: string; coll: string; options: Doc }
  | { op: 'createIndex'; db: string; coll: string; spec: Doc }
  | { op: 'dropIndex'; db: string; coll: string; name: string }
  | { op: 'dropColl'; db: string; coll: string }
  | { op: 'dropDb'; db: string };

export const idKeyOf = (doc: Doc): string => keyString(doc['_id']);

export class Collection {
  readonly docs = new Map<string, Doc>();
  /**
   * Natural-order position of each document (follows the Map's insertion order: a replaced
   * document keeps its place), so index lookups return documents in the order a scan would.
   */
  readonly ords = new Map<string, number>();
  private nextOrd = 0;
  readonly indexes: Index[] = [new Index({ v: 2, key: { _id: 1 }, name: '_id_' })];
  readonly uuid = new UUID();

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Doc,
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get idIndex(): Index {
    return this.indexes[0] as Index;
  }

  uniqueIndexes(): Index[] {
    return this.indexes.filter((i) => i.unique && !i.isIdIndex);
  }

  /** Throws DuplicateKey if `doc` (stored under idKey) would collide with another document. */
  checkUnique(doc: Doc, idKey: string, ignore?: (otherIdKey: string) => boolean): void {
    for (const index of this.uniqueIndexes()) {
      for (const k of index.keysOf(doc)) {
        const owner = index.entries.get(k.key);
        if (owner !== undefined && owner !== idKey && !(ignore?.(owner) ?? false)) throw index.duplicate(this.ns, k.keyValue);
      }
    }
  }

  /** Stores `doc` (insert or replace) after checking unique indexes. Returns the previous doc. */
  put(doc: Doc, check = true): Doc | undefined {
    const idKey = idKeyOf(doc);
    if (check) this.checkUnique(doc, idKey);
    const prev = this.docs.get(idKey);
    if (prev) this.unindex(prev, idKey);
    else this.ords.set(idKey, this.nextOrd++);
    this.docs.set(idKey, doc);
    this.index(doc, idKey);
    return prev;
  }

  remove(idKey: string): Doc | undefined {
    const prev = this.docs.get(idKey);
    if (!prev) return undefined;
    this.unindex(prev, idKey);
    this.docs.delete(idKey);
    this.ords.delete(idKey);
    return prev;
  }

  private index(doc: Doc, idKey: string): void {
    for (const index of this.indexes) {
      if (index.unique && !index.isIdIndex) for (const k of index.keysOf(doc)) index.entries.set(k.key, idKey);
      index.addLookup(doc, idKey);
    }
  }

  private unindex(doc: Doc, idKey: string): void {
    for (const index of this.indexes) {
      if (index.unique && !index.isIdIndex) {
        for (const k of index.keysOf(doc)) if (index.entries.get(k.key) === idKey) index.entries.delete(k.key);
      }
      index.removeLookup(doc, idKey);
    }
  }

  /** Committed documents a plan selects (a superset of the matches), in natural order. */
  lookup(plan: Plan): Doc[] {
    const ids = this.planIds(plan);
    const found: Array<[number, Doc]> = [];
    for (const id of ids) {
      const doc = this.docs.get(id);
      if (doc) found.push([this.ords.get(id) ?? 0, doc]);
    }
    return found.sort((a, b) => a[0] - b[0]).map((x) => x[1]);
  }

  /** idKeys of the committed documents a plan selects. */
  planIds(plan: Plan): Set<string> {
    if (plan.kind === 'ids') return new Set(plan.idKeys);
    const { index, intervals } = plan;
    const ids = new Set(index.overflow);
    const add = (id: string): void => void ids.add(id);
    if (index.lookup) for (const [lo, hi] of intervals) index.lookup.range(lo, hi, add);
    return ids;
  }

  /** Builds a new index over existing data; fails with DuplicateKey without changing anything. */
  addIndex(index: Index, check = true): void {
    this.fillUniqueEntries(index, check);
    for (const [idKey, doc] of this.docs) index.addLookup(doc, idKey);
    this.indexes.push(index);
  }

  private fillUniqueEntries(index: Index, check: boolean): void {
    if (index.unique && !index.isIdIndex) {
      for (const [idKey, doc] of this.docs) {
        for (const k of index.keysOf(doc)) {
          const owner = index.entries.get(k.key);
          if (check && owner !== undefined && owner !== idKey) {
            index.entries.clear();
            throw index.duplicate(this.ns, k.keyValue);
          }
          index.entries.set(k.key, idKey);
        }
      }
    }
  }
}

const INVALID_DB_CHARS = /[/\\. "$\0]/;

export function validateNames(db: string, coll?: string): void {
  if (!db || INVALID_DB_CHARS.test(db)) throw invalidNamespace(`Invalid database name: '${db}'`);
  if (coll !== undefined && (!coll || coll.includes('\0') || coll.startsWith('$') || coll.startsWith('.'))) {
    throw invalidNamespace(`Invalid collection name: ${coll}`);
  }
}

export class Store {
  private readonly dbs = new Map<string, Map<string, Collection>>();
  /** Write sequence: lets a transaction tell whether a document changed after it started. */
  private seq = 0;
  private readonly writtenAt = new WeakMap<Doc, number>();
  /** Operations of the command being executed; the server journals them before replying. */
  pending: JournalOp[] = [];
  /** False while replaying the journal, so replay does not log again. */
  logging = true;

  private log(op: JournalOp): void {
    if (this.logging) this.pending.push(op);
  }

  takePending(): JournalOp[] {
    const ops = this.pending;
    this.pending = [];
    return ops;
  }

  databases(): string[] {
    return [...this.dbs.keys()];
  }

  collections(db: string): Collection[] {
    return [...(this.dbs.get(db)?.values() ?? [])];
  }

  get(db: string, coll: string): Collection | undefined {
    return this.dbs.get(db)?.get(coll);
  }

  /** Creates the collection if needed; returns it and whether it was created. */
  ensure(db: string, coll: string, options: Doc = {}): [Collection, boolean] {
    const existing = this.get(db, coll);
    if (existing) return [existing, false];
    validateNames(db, coll);
    let colls = this.dbs.get(db);
    if (!colls) {
      colls = new Map();
      this.dbs.set(db, colls);
    }
    const c = new Collection(db, coll, options);
    colls.set(coll, c);
    this.log({ op: 'createColl', db, coll, options });
    return [c, true];
  }

  get writeSeq(): number {
    return this.seq;
  }

  /** Sequence number of the write that stored `doc` (0 for data recovered at start). */
  writtenSeq(doc: Doc): number {
    return this.writtenAt.get(doc) ?? 0;
  }

  put(c: Collection, doc: Doc, check = true): Doc | undefined {
    const prev = c.put(doc, check);
    this.writtenAt.set(doc, ++this.seq);
    this.log({ op: 'put', db: c.db, coll: c.name, doc });
    return prev;
  }

  remove(c: Collection, idKey: string): Doc | undefined {
    const prev = c.remove(idKey);
    this.seq++;
    if (prev) this.log({ op: 'del', db: c.db, coll: c.name, id: prev['_id'] });
    return prev;
  }

  createIndex(c: Collection, spec: Doc, check = true): void {
    c.addIndex(new Index(spec), check);
    this.log({ op: 'createIndex', db: c.db, coll: c.name, spec });
  }

  dropIndex(c: Collection, name: string): void {
    const i = c.indexes.findIndex((x) => x.name === name);
    if (i <= 0) throw new CommandError(27, 'IndexNotFound', `index not found with name [${name}]`);
    c.indexes.splice(i, 1);
    this.log({ op: 'dropIndex', db: c.db, coll: c.name, name });
  }

  dropCollection(db: string, coll: string): Collection | undefined {
    const c = this.get(db, coll);
    if (!c) return undefined;
    this.dbs.get(db)?.delete(coll);
    if (this.dbs.get(db)?.size === 0) this.dbs.delete(db);
    this.log({ op: 'dropColl', db, coll });
    return c;
  }

  dropDatabase(db: string): void {
    if (!this.dbs.has(db)) return;
    this.dbs.delete(db);
    this.log({ op: 'dropDb', db });
  }

  /** Applies a journaled operation during recovery; uniqueness was checked when it was logged. */
  apply(op: JournalOp): void {
    switch (op.op) {
      case 'put':
        this.ensure(op.db, op.coll)[0].put(op.doc, false);
        break;
      case 'del': {
        this.get(op.db, op.coll)?.remove(keyString(op.id));
        break;
      }
      case 'createColl':
        this.ensure(op.db, op.coll, op.options);
        break;
      case 'createIndex': {
        const [c] = this.ensure(op.db, op.coll);
        const name = new Index(op.spec).name;
        if (!c.indexes.some((i) => i.name === name)) c.addIndex(new Index(op.spec), false);
        break;
      }
      case 'dropIndex': {
        const c = this.get(op.db, op.coll);
        const i = c ? c.indexes.findIndex((x) => x.name === op.name) : -1;
        if (c && i > 0) c.indexes.splice(i, 1);
        break;
      }
      case 'dropColl':
        this.dbs.get(op.db)?.delete(op.coll);
        break;
      case 'dropDb':
        this.dbs.delete(op.db);
        break;
    }
  }

  /** The operations that recreate the current state, used to write a compacted snapshot. */
  *snapshotOps(): Generator<JournalOp> {
    for (const [db, colls] of this.dbs) {
      for (const c of colls.values()) {
        yield { op: 'createColl', db, coll: c.name, options: c.options };
        for (const index of c.indexes) if (!index.isIdIndex) yield { op: 'createIndex', db, coll: c.name, spec: index.spec };
        for (const doc of c.docs.values()) yield { op: 'put', db, coll: c.name, doc };
      }
    }
  }
}

export const cloneDoc = deepClone;
