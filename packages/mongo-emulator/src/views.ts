// What a command reads and writes through: the committed store directly, or a transaction's
// private overlay on top of it.
import { DuplicateKeyError } from './errors.js';
import type { Index } from './indexes.js';
import type { Plan } from './planner.js';
import { idKeyOf, type Collection, type Store } from './store.js';
import type { Txn } from './transactions.js';
import type { Doc } from './types.js';

export interface CollectionView {
  readonly db: string;
  readonly name: string;
  readonly ns: string;
  exists(): boolean;
  /** Current documents in natural (insertion) order. */
  scan(): Doc[];
  /** Indexes the planner may choose from. */
  indexes(): readonly Index[];
  /** The documents a plan selects (a superset of the matches), in the order scan() gives them. */
  fetch(plan: Plan): Doc[];
  get(idKey: string): Doc | undefined;
  /** Inserts a new document; throws DuplicateKey (also for _id). */
  insert(doc: Doc): void;
  /** Replaces a document found through this view (same _id). */
  replace(oldDoc: Doc, newDoc: Doc): void;
  remove(doc: Doc): void;
}

/** What both views share: a collection named by database and name, in the store. */
abstract class NamedView {
  constructor(
    protected readonly store: Store,
    readonly db: string,
    readonly name: string,
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  protected coll(): Collection | undefined {
    return this.store.get(this.db, this.name);
  }
}

export class DirectView extends NamedView implements CollectionView {

  exists(): boolean {
    return this.coll() !== undefined;
  }

  scan(): Doc[] {
    return [...(this.coll()?.docs.values() ?? [])];
  }

  indexes(): readonly Index[] {
    return this.coll()?.indexes ?? [];
  }

  fetch(plan: Plan): Doc[] {
    return this.coll()?.lookup(plan) ?? [];
  }

  get(idKey: string): Doc | undefined {
    return this.coll()?.docs.get(idKey);
  }

  insert(doc: Doc): void {
    const [c] = this.store.ensure(this.db, this.name);
    if (c.docs.has(idKeyOf(doc))) throw c.idIndex.duplicate(c.ns, { _id: doc['_id'] });
    this.store.put(c, doc);
  }

  replace(_oldDoc: Doc, newDoc: Doc): void {
    const [c] = this.store.ensure(this.db, this.name);
    this.store.put(c, newDoc);
  }

  remove(doc: Doc): void {
    const c = this.coll();
    if (c) this.store.remove(c, idKeyOf(doc));
  }
}

export class TxnView extends NamedView implements CollectionView {
  constructor(
    store: Store,
    private readonly txn: Txn,
    db: string,
    name: string,
  ) {
    super(store, db, name);
  }

  exists(): boolean {
    return this.coll() !== undefined || this.txn.overlay(this.ns).size > 0;
  }

  scan(): Doc[] {
    const overlay = this.txn.overlay(this.ns);
    const out: Doc[] = [];
    const seen = new Set<string>();
    for (const [idKey, doc] of this.coll()?.docs ?? []) {
      const w = overlay.get(idKey);
      seen.add(idKey);
      if (!w) out.push(doc);
      else if (w.doc) out.push(w.doc);
    }
    for (const [idKey, w] of overlay) if (!seen.has(idKey) && w.doc) out.push(w.doc);
    return out;
  }

  indexes(): readonly Index[] {
    return this.coll()?.indexes ?? [];
  }

  /**
   * The index knows committed documents only: its picks are read through the overlay, and every
   * document this transaction wrote is a candidate too (the matcher sorts them out).
   */
  fetch(plan: Plan): Doc[] {
    const c = this.coll();
    const overlay = this.txn.overlay(this.ns);
    const picked = c ? c.planIds(plan) : new Set<string>();
    // [tier, position, doc]: committed positions first, then new documents in write order.
    const found: Array<[number, number, Doc]> = [];
    if (c) {
      for (const id of picked) {
        const committed = c.docs.get(id);
        if (!committed) continue;
        const w = overlay.get(id);
        const doc = w ? w.doc : committed;
        if (doc) found.push([0, c.ords.get(id) ?? 0, doc]);
      }
    }
    let i = 0;
    for (const [id, w] of overlay) {
      i++;
      if (!w.doc) continue;
      const ord = c?.docs.has(id) ? c.ords.get(id) : undefined;
      if (ord === undefined) found.push([1, i, w.doc]);
      else if (!picked.has(id)) found.push([0, ord, w.doc]);
    }
    found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return found.map((x) => x[2]);
  }

  get(idKey: string): Doc | undefined {
    const w = this.txn.overlay(this.ns).get(idKey);
    if (w) return w.doc ?? undefined;
    return this.coll()?.docs.get(idKey);
  }

  insert(doc: Doc): void {
    // Collections are created eagerly even inside a transaction; an empty collection left
    // behind by an aborted transaction is harmless.
    const [c] = this.store.ensure(this.db, this.name);
    const idKey = idKeyOf(doc);
    if (this.get(idKey)) throw c.idIndex.duplicate(c.ns, { _id: doc['_id'] });
    this.checkUnique(c, doc, idKey);
    this.txn.write(this.store, c, idKey, doc);
  }

  replace(_oldDoc: Doc, newDoc: Doc): void {
    const [c] = this.store.ensure(this.db, this.name);
    const idKey = idKeyOf(newDoc);
    this.checkUnique(c, newDoc, idKey);
    this.txn.write(this.store, c, idKey, newDoc);
  }

  remove(doc: Doc): void {
    const c = this.coll();
    if (c) this.txn.write(this.store, c, idKeyOf(doc), null);
  }

  /** Unique check against what this transaction sees: committed data plus its own writes. */
  private checkUnique(c: Collection, doc: Doc, idKey: string): void {
    const overlay = this.txn.overlay(this.ns);
    // Committed owners this transaction has since changed are re-checked through the overlay.
    c.checkUnique(doc, idKey, (owner) => overlay.has(owner));
    const indexes: Index[] = c.uniqueIndexes();
    if (indexes.length === 0) return;
    for (const index of indexes) {
      for (const k of index.keysOf(doc)) {
        const owners = this.txn.ownersOf(this.ns, index, k.key);
        if (owners && [...owners].some((other) => other !== idKey)) throw index.duplicate(c.ns, k.keyValue) as DuplicateKeyError;
      }
    }
  }
}
