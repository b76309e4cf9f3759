// Sessions and multi-document transactions.
// https://www.mongodb.com/docs/manual/core/transactions/
// A transaction buffers its writes in a private overlay and takes a write lock on every document
// (and unique key) it touches. A second transaction touching the same document gets
// WriteConflict (TransientTransactionError), as on a real server. Commit re-validates that no
// plain write changed a touched document meanwhile and applies the overlay in one step, journaled
// as one record.
import { Binary } from 'bson';
import { toNumber } from './bson-order.js';
import { CommandError, noSuchTransaction, writeConflict } from './errors.js';
import type { Index } from './indexes.js';
import type { Collection, Store } from './store.js';
import type { Doc } from './types.js';

interface Write {
  coll: Collection;
  idKey: string;
  /** Committed document when the transaction first touched it (identity is compared at commit). */
  base: Doc | undefined;
  doc: Doc | null;
}

/** transactionLifetimeLimitSeconds default: https://www.mongodb.com/docs/manual/reference/parameters/#mongodb-parameter-param.transactionLifetimeLimitSeconds */
const TXN_LIFETIME_MS = 60_000;
const EMPTY = new Map<string, Write>();

/** Document and unique-key locks held by open transactions. */
export class LockTable {
  readonly holders = new Map<string, Txn>();
  /** Called whenever locks are released, so blocked plain writes can retry. */
  onRelease: (() => void) | undefined;

  static docKey(ns: string, idKey: string): string {
    return `${ns}\0${idKey}`;
  }

  static uniqueKey(ns: string, indexName: string, key: string): string {
    return `${ns}\0${indexName}\0${key}`;
  }

  isLocked(key: string): boolean {
    return this.holders.get(key)?.state === 'open';
  }
}

export class Txn {
  state: 'open' | 'committed' | 'aborted' = 'open';
  readonly started = Date.now();
  private readonly writes = new Map<string, Map<string, Write>>();
  private readonly held: string[] = [];
  /**
   * Per collection and unique index, which of this transaction's own documents hold each key,
   * kept up to date as it writes: a transaction inserting hundreds of documents checks each
   * against its earlier ones by lookup, not by going through them all again.
   */
  private readonly ownKeys = new Map<string, { index: Index; owners: Map<string, Set<string>> }[]>();

  constructor(
    private readonly locks: LockTable,
    readonly txnNumber: number,
    /** Store write sequence when the transaction started. */
    private readonly startSeq: number,
  ) {}

  overlay(ns: string): Map<string, Write> {
    return this.writes.get(ns) ?? EMPTY;
  }

  /** The ids of this transaction's own documents in `ns` that hold `key` in the unique `index`. */
  ownersOf(ns: string, index: Index, key: string): Set<string> | undefined {
    let list = this.ownKeys.get(ns);
    if (!list) this.ownKeys.set(ns, (list = []));
    let entry = list.find((e) => e.index === index);
    if (!entry) {
      entry = { index, owners: new Map() };
      for (const w of this.overlay(ns).values()) if (w.doc) addOwner(entry, w.idKey, w.doc);
      list.push(entry);
    }
    return entry.owners.get(key);
  }

  private lock(key: string): void {
    const holder = this.locks.holders.get(key);
    if (holder === this) return;
    if (holder) throw writeConflict();
    this.locks.holders.set(key, this);
    this.held.push(key);
  }

  write(store: Store, coll: Collection, idKey: string, doc: Doc | null): void {
    const committed = coll.docs.get(idKey);
    // Someone else wrote this document after the transaction began: its snapshot is stale.
    if (committed && !this.overlay(coll.ns).has(idKey) && store.writtenSeq(committed) > this.startSeq) throw writeConflict();
    this.lock(LockTable.docKey(coll.ns, idKey));
    if (doc) {
      for (const index of coll.uniqueIndexes()) {
        for (const k of index.keysOf(doc)) this.lock(LockTable.uniqueKey(coll.ns, index.name, k.key));
      }
    }
    let overlay = this.writes.get(coll.ns);
    if (!overlay) {
      overlay = new Map();
      this.writes.set(coll.ns, overlay);
    }
    const existing = overlay.get(idKey);
    for (const entry of this.ownKeys.get(coll.ns) ?? []) {
      if (existing?.doc) for (const k of entry.index.keysOf(existing.doc)) entry.owners.get(k.key)?.delete(idKey);
      if (doc) addOwner(entry, idKey, doc);
    }
    if (existing) existing.doc = doc;
    else overlay.set(idKey, { coll, idKey, base: committed, doc });
  }

  /** Applies every write to the store at once, or nothing. */
  commit(store: Store): void {
    const all = [...this.writes.values()].flatMap((m) => [...m.values()]);
    for (const w of all) {
      const live = store.get(w.coll.db, w.coll.name);
      // A plain write (or drop) changed the document after this transaction touched it.
      if (live !== w.coll || w.coll.docs.get(w.idKey) !== w.base) {
        this.abort();
        throw writeConflict();
      }
    }
    const pendingBefore = store.pending.length;
    const undo: (() => void)[] = [];
    try {
      for (const w of all) {
        if (w.doc) {
          const prev = store.put(w.coll, w.doc);
          undo.push(() => (prev ? w.coll.put(prev, false) : w.coll.remove(w.idKey)));
        } else {
          const prev = store.remove(w.coll, w.idKey);
          if (prev) undo.push(() => w.coll.put(prev, false));
        }
      }
    } catch (err) {
      for (const u of undo.reverse()) u();
      store.pending.length = pendingBefore;
      this.abort();
      throw err;
    }
    this.state = 'committed';
    this.release();
  }

  abort(): void {
    if (this.state === 'open') this.state = 'aborted';
    this.writes.clear();
    this.ownKeys.clear();
    this.release();
  }

  private release(): void {
    if (this.held.length === 0) return;
    for (const key of this.held) if (this.locks.holders.get(key) === this) this.locks.holders.delete(key);
    this.held.length = 0;
    this.locks.onRelease?.();
  }
}

function addOwner(entry: { index: Index; owners: Map<string, Set<string>> }, idKey: string, doc: Doc): void {
  for (const k of entry.index.keysOf(doc)) {
    let ids = entry.owners.get(k.key);
    if (!ids) entry.owners.set(k.key, (ids = new Set()));
    ids.add(idKey);
  }
}

interface Session {
  txnNumber: number;
  txn: Txn | undefined;
}

const sessionKey = (lsid: unknown): string | undefined => {
  const id = (lsid as Doc | undefined)?.['id'];
  return id instanceof Binary ? Buffer.from(id.value()).toString('hex') : undefined;
};

export class TransactionManager {
  private readonly sessions = new Map<string, Session>();
  readonly locks = new LockTable();

  /**
   * The transaction a command runs in, or undefined for ordinary commands (retryable writes
   * with a txnNumber but no `autocommit: false` run as plain writes).
   */
  constructor(private readonly store: Store) {}

  resolve(cmd: Doc, commandName: string): Txn | undefined {
    this.reap();
    const key = sessionKey(cmd['lsid']);
    if (key === undefined || cmd['txnNumber'] === undefined) return undefined;
    const txnNumber = toNumber(cmd['txnNumber']);
    let session = this.sessions.get(key);
    if (!session) {
      session = { txnNumber: -1, txn: undefined };
      this.sessions.set(key, session);
    }
    if (txnNumber < session.txnNumber) {
      throw new CommandError(225, 'TransactionTooOld', `txnNumber ${txnNumber} is less than last txnNumber ${session.txnNumber} seen in this session`);
    }
    if (txnNumber > session.txnNumber) {
      // A newer transaction or retryable write implicitly aborts the previous transaction.
      session.txn?.abort();
      session.txn = undefined;
      session.txnNumber = txnNumber;
    }
    if (cmd['autocommit'] !== false) return undefined;
    if (cmd['startTransaction'] === true) {
      if (session.txn) {
        throw new CommandError(251, 'NoSuchTransaction', `Given transaction number ${txnNumber} does not match any in-progress transactions.`, {}, [
          'TransientTransactionError',
        ]);
      }
      session.txn = new Txn(this.locks, txnNumber, this.store.writeSeq);
      return session.txn;
    }
    const txn = session.txn;
    if (!txn || txn.state === 'aborted') throw noSuchTransaction(txnNumber);
    if (txn.state === 'committed' && commandName !== 'commitTransaction') {
      throw new CommandError(256, 'TransactionCommitted', `Transaction with { txnNumber: ${txnNumber} } has been committed.`);
    }
    return txn;
  }

  endSessions(ids: unknown): void {
    if (!Array.isArray(ids)) return;
    for (const lsid of ids) {
      const key = sessionKey(lsid);
      if (key === undefined) continue;
      this.sessions.get(key)?.txn?.abort();
      this.sessions.delete(key);
    }
  }

  /** Transactions left open past the lifetime limit are aborted, releasing their locks. */
  reap(): void {
    if (this.locks.holders.size === 0) return;
    const cutoff = Date.now() - TXN_LIFETIME_MS;
    for (const s of this.sessions.values()) if (s.txn?.state === 'open' && s.txn.started < cutoff) s.txn.abort();
  }

  clear(): void {
    for (const s of this.sessions.values()) s.txn?.abort();
    this.sessions.clear();
  }
}
