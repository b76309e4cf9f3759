import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Types } from 'mongoose';
import * as Y from 'yjs';
import type { RowWrite, YjsStore } from './store.js';
import type { WriteBehind, WriteSource } from './writeBehind.js';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;

/** Who is behind a connection, from the server's session: what others see in presence. */
export interface DocIdentity {
  userId: string;
  name: string;
  /** The person's unit name, '' when they have none. */
  unit: string;
}

/**
 * A message on its way to several connections. A transport that wraps each message (a WebSocket
 * frame) keeps the wrapped form here, built once per message rather than once per connection.
 */
export class SharedMessage {
  wrapped: Buffer | undefined = undefined;
  constructor(readonly bytes: Uint8Array) {}
}

/** One connected client, as the document sees it. */
export interface DocConnection {
  send(message: Uint8Array): void;
  /** Sends a message that goes to other connections of the document too. */
  sendShared(message: SharedMessage): void;
  close(code: number, reason: string): void;
  /** Read-only connections receive everything and change nothing. */
  readOnly: boolean;
  identity: DocIdentity;
}

/** An edit that would take the document past its size quota; the connection is closed. */
export class DocTooLargeError extends Error {}

/** A presence state larger than this is not a caret and a name: it is dropped. */
const MAX_AWARENESS_STATE_CHARS = 4_096;

/** Origin of updates that came from the store or another process: not to be stored again. */
export const FROM_STORE = Symbol('from-store');
/** Origin of a loaded snapshot applied after clients were answered from its bytes (see `load`). */
const FROM_SNAPSHOT = Symbol('from-snapshot');
export const FROM_RELAY = Symbol('from-relay');

export interface PersistTiming {
  /** Quiet time after the last update before a batch is written. */
  debounceMs: number;
  /** A batch is written at the latest this long after its first update, even while typing goes on. */
  maxDelayMs: number;
  /**
   * The most one document may hold, encoded (bytes). A decision of 20 000 characters with its
   * whole editing history is well under 1 MB; past the quota an edit is refused, so that no one
   * can make a document that takes every later reader seconds to load.
   */
  maxDocBytes: number;
}

/** Tail bytes below which a document is not compacted for size alone. */
const COMPACT_MIN_TAIL_BYTES = 64 * 1024;

/**
 * One in-memory Y.Doc per document per process, with its awareness and connections, relaying
 * updates to every client and handing them to the process's write-behind queue, which stores
 * them in batches (debounced, with a maximum delay) across documents.
 *
 * The document knows its stored rows (those it loaded and those it wrote, all contained in
 * `ydoc`), so it decides when to compact without asking MongoDB, and a compaction removes only
 * rows it knows it contains — never a row another process wrote that has not reached it yet.
 */
export class SharedDoc implements WriteSource {
  private readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /**
   * A snapshot loaded and not yet applied to `doc`: the first clients are answered from its bytes,
   * and it is applied once they have them, or at once when anything needs the document itself.
   */
  private unapplied: Uint8Array | null = null;
  private applyLater: NodeJS.Immediate | null = null;
  readonly conns = new Map<DocConnection, Set<number>>();
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private firstPendingAt = 0;
  private lastPendingAt = 0;
  /** Stored rows this process knows `ydoc` contains, and their sizes. */
  private rows: Types.ObjectId[] = [];
  private snapshotBytes = 0;
  private tailBytes = 0;
  /** Set when the document leaves memory: its rows become one snapshot even with nothing pending. */
  private compactNext = false;
  /** Encoded size, exact after load and compaction, an upper bound in between (updates added up). */
  private sizeBound = 0;
  /** The whole document encoded and its state vector, kept until the next change. */
  private encodedState: Uint8Array | null = null;
  private stateVector: Uint8Array | null = null;
  /** The update being applied, as it arrived, and from whom (see the afterTransaction handler). */
  private incoming: { origin: unknown; update: Uint8Array } | null = null;
  /** Called with each locally produced update (for the Redis relay). */
  onLocalUpdate: ((update: Uint8Array) => void) | null = null;

  constructor(
    readonly name: string,
    private readonly store: YjsStore,
    private readonly writer: WriteBehind,
    private readonly timing: PersistTiming,
  ) {
    // No server-side awareness state of its own: only clients are present.
    this.awareness.setLocalState(null);
    // Not Yjs's 'update' event: with a listener on it, Yjs encodes every transaction's changes
    // again, though a client's edit arrived as exactly those bytes. A transaction that applied
    // one incoming update (a client's edit, a relayed one) passes those bytes on as they came;
    // any other (the server's own edits, loading) is encoded here, only when someone needs it.
    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      // The loaded snapshot, already sent as it is to whoever asked: nothing to tell or store.
      if (tr.origin === FROM_SNAPSHOT || !changedIn(tr)) return;
      const origin: unknown = tr.origin;
      this.encodedState = this.stateVector = null;
      const fromConn = this.conns.has(origin as DocConnection);
      // Loading, with nobody to tell: nothing to encode.
      if (origin === FROM_STORE && this.conns.size === 0) return;
      const incoming = this.incoming && this.incoming.origin === origin ? this.incoming.update : null;
      const update = incoming ?? Y.encodeStateAsUpdate(this.ydoc, Y.encodeStateVector(tr.beforeState));
      // The sender has its own edit already; everyone else gets it.
      this.broadcast(syncMessage((e) => syncProtocol.writeUpdate(e, update)), fromConn ? (origin as DocConnection) : null);
      // Clients' updates were counted when admitted; the server's own and relayed ones count here.
      if (origin !== FROM_STORE && !fromConn) this.sizeBound += update.byteLength;
      if (origin === FROM_STORE || origin === FROM_RELAY) return;
      this.onLocalUpdate?.(update);
      this.queue(update);
    });
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const changed = [...added, ...updated, ...removed];
        const ids = this.conns.get(origin as DocConnection);
        if (ids) {
          // The connection that last announced a client owns it, so that a client which
          // reconnected before its old connection was noticed closing is removed with the new one.
          for (const id of [...added, ...updated]) {
            for (const other of this.conns.values()) other.delete(id);
            ids.add(id);
          }
          for (const id of removed) ids.delete(id);
        }
        this.broadcast(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)));
      },
    );
  }

  /** The document itself, the loaded snapshot applied first if it is not yet. */
  get ydoc(): Y.Doc {
    this.applySnapshot();
    return this.doc;
  }

  /**
   * Loads the stored rows (a snapshot and a short tail, compaction sees to that). A document
   * stored as one snapshot keeps it as its encoded state, and is not applied yet: the first
   * client's sync sends those bytes as they are, and the connection's checks, which run side by
   * side with the load, do not wait behind the milliseconds applying a long document takes.
   */
  async load(): Promise<void> {
    const stored = await this.store.load(this.name);
    this.rows = stored.rows;
    this.snapshotBytes = stored.snapshotBytes;
    this.tailBytes = stored.tailBytes;
    // Rows added up bound the encoded size from above; `admit` computes it exactly if it matters.
    this.sizeBound = stored.snapshotBytes + stored.tailBytes;
    if (stored.updates.length === 1 && stored.snapshotBytes > 0) {
      this.encodedState = this.unapplied = stored.updates[0]!;
      this.stateVector = stored.vector;
      return;
    }
    Y.transact(this.doc, () => stored.updates.forEach((u) => Y.applyUpdate(this.doc, u)), FROM_STORE);
  }

  private applySnapshot(): void {
    const update = this.unapplied;
    if (!update) return;
    this.unapplied = null;
    if (this.applyLater) clearImmediate(this.applyLater);
    this.applyLater = null;
    Y.applyUpdate(this.doc, update, FROM_SNAPSHOT);
  }

  /** Applies the loaded snapshot once what is being answered now has gone out. */
  private applySnapshotSoon(): void {
    if (this.unapplied && !this.applyLater) this.applyLater = setImmediate(() => this.applySnapshot());
  }

  /** The document as one update, encoded once per change however many clients ask. */
  private encoded(): Uint8Array {
    return (this.encodedState ??= Y.encodeStateAsUpdate(this.ydoc));
  }

  /** The document's state vector, read from the loaded snapshot while it is not applied. */
  vector(): Uint8Array {
    return (this.stateVector ??= this.unapplied ? Y.encodeStateVectorFromUpdate(this.unapplied) : Y.encodeStateVector(this.doc));
  }

  /**
   * Answers a client's sync step 1 with what it lacks. A new client (empty state vector) gets
   * the cached encoding; one that has part of the document gets the difference.
   */
  private answerSyncStep1(decoder: decoding.Decoder, encoder: encoding.Encoder): void {
    const clientVector = decoding.readVarUint8Array(decoder);
    const isEmpty = clientVector.byteLength === 1 && clientVector[0] === 0;
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(encoder, isEmpty ? this.encoded() : Y.encodeStateAsUpdate(this.ydoc, clientVector));
  }

  /**
   * Refuses an update that would take the document past its quota. The running bound adds up
   * update sizes (cheap); only when it crosses the quota is the exact size computed once.
   */
  private admit(update: Uint8Array): void {
    if (this.sizeBound + update.byteLength > this.timing.maxDocBytes) {
      this.sizeBound = this.encoded().byteLength;
      if (this.sizeBound + update.byteLength > this.timing.maxDocBytes) {
        throw new DocTooLargeError(`document ${this.name} would exceed ${this.timing.maxDocBytes} bytes`);
      }
    }
    this.sizeBound += update.byteLength;
  }

  join(conn: DocConnection): void {
    this.conns.set(conn, new Set());
    // Start the sync: our state vector, then everyone's presence.
    conn.send(this.syncStep1());
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) conn.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
  }

  /** Asks a connection for what it has and the document lacks (sync step 1). */
  resync(conn: DocConnection): void {
    conn.send(this.syncStep1());
  }

  private syncStep1(): Uint8Array {
    return syncMessage((e) => {
      encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
      encoding.writeVarUint8Array(e, this.vector());
    });
  }

  leave(conn: DocConnection): void {
    const ids = this.conns.get(conn);
    this.conns.delete(conn);
    if (ids && ids.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], null);
  }

  /**
   * Handles one binary message from a client. Throws on malformed input; the caller closes that
   * connection only. A read-only client may ask for the document (sync step 1) but its own
   * changes (sync step 2, updates) are dropped.
   */
  receive(conn: DocConnection, message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      if (conn.readOnly) {
        const step = decoding.readVarUint(decoder);
        if (step === syncProtocol.messageYjsSyncStep1) this.answerSyncStep1(decoder, encoder);
        else decoding.readVarUint8Array(decoder); // read to validate, then drop
      } else {
        const step = decoding.readVarUint(decoder);
        if (step === syncProtocol.messageYjsSyncStep1) this.answerSyncStep1(decoder, encoder);
        else if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
          const update = decoding.readVarUint8Array(decoder);
          this.admit(update);
          // A broken update throws here; the caller closes that connection only. An edit passes
          // on as it came; a sync step 2 (a client's whole state on joining) is mostly known
          // already, so only what it added is encoded and passed on.
          this.applyFrom(conn, update, step === syncProtocol.messageYjsUpdate);
        } else throw new Error(`unknown sync step ${step}`);
      }
      if (encoding.length(encoder) > 1) conn.send(encoding.toUint8Array(encoder));
      this.applySnapshotSoon();
    } else if (type === MESSAGE_AWARENESS) {
      const update = this.ownAwareness(conn, decoding.readVarUint8Array(decoder));
      if (update) awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
    } else {
      throw new Error(`unknown message type ${type}`);
    }
  }

  /**
   * Keeps of an awareness update only what this connection may say: presence for client ids it
   * owns or that nobody else holds (a reconnecting person may take over their own), with the
   * name and unit from the server's session — never someone else's caret or a made-up name.
   */
  private ownAwareness(conn: DocConnection, update: Uint8Array): Uint8Array | null {
    const decoder = decoding.createDecoder(update);
    const owned = this.conns.get(conn);
    const kept: [number, number, string][] = [];
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      const current = this.awareness.getStates().get(clientId) as { user?: { id?: unknown } } | undefined;
      if (!owned?.has(clientId) && current && current.user?.id !== conn.identity.userId) continue;
      if (json.length > MAX_AWARENESS_STATE_CHARS) continue;
      const state = JSON.parse(json) as unknown;
      kept.push([clientId, clock, JSON.stringify(stamp(state, conn.identity))]);
    }
    if (kept.length === 0) return null;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kept.length);
    for (const [clientId, clock, json] of kept) {
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, json);
    }
    return encoding.toUint8Array(encoder);
  }

  /** Applies an update produced by another process (Redis relay). */
  applyRelayed(update: Uint8Array): void {
    this.applyFrom(FROM_RELAY, update, true);
  }

  private applyFrom(origin: unknown, update: Uint8Array, passOn: boolean): void {
    this.incoming = passOn ? { origin, update } : null;
    try {
      Y.applyUpdate(this.ydoc, update, origin);
    } finally {
      this.incoming = null;
    }
  }

  private broadcast(message: Uint8Array, except: DocConnection | null = null): void {
    const shared = new SharedMessage(message);
    for (const conn of this.conns.keys()) if (conn !== except) conn.sendShared(shared);
  }

  private queue(update: Uint8Array): void {
    const now = performance.now();
    if (this.pending.length === 0) this.firstPendingAt = now;
    this.lastPendingAt = now;
    this.pending.push(update);
    this.pendingBytes += update.byteLength;
    this.writer.mark(this);
  }

  /** Stores what is pending now (with other documents' pending rows); resolves once stored. */
  flush(): Promise<void> {
    return this.writer.flush([this]);
  }

  /**
   * Stores what is pending before the document leaves memory, as one snapshot replacing every
   * row it knows when it has more than one: the next cold load then reads a single row and
   * sends it to the first client as it is.
   */
  flushForRelease(): Promise<void> {
    this.compactNext = this.rows.length > 1;
    return this.writer.flush([this]);
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  pendingSince(): { first: number; last: number } | null {
    return this.pending.length > 0 ? { first: this.firstPendingAt, last: this.lastPendingAt } : null;
  }

  /**
   * Everything pending as one row: the updates merged, or — once the known rows are many, or
   * their tail outweighs the snapshot — a snapshot of the whole document that replaces them.
   */
  take(mayCompact = true): PendingWrite | null {
    if (this.pending.length === 0 && !(this.compactNext && mayCompact)) return null;
    const batch = this.pending;
    const tail = this.tailBytes + this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    const compact =
      mayCompact &&
      (this.compactNext ||
        this.rows.length + 1 > this.store.compactAfter ||
        tail > Math.max(this.snapshotBytes, COMPACT_MIN_TAIL_BYTES));
    this.compactNext = false;
    if (!compact) {
      const data = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
      return { doc: this.name, data, snapshot: false, replaces: [], batch };
    }
    const data = this.encoded();
    // Exact now; updates from here on add up from it.
    this.sizeBound = data.byteLength;
    return { doc: this.name, data, snapshot: true, vector: this.vector(), replaces: [...this.rows], batch };
  }

  stored(write: RowWrite, id: Types.ObjectId, replacedGone: boolean): void {
    if (write.snapshot) {
      this.rows = replacedGone ? [id] : [...this.rows, id];
      if (replacedGone) this.tailBytes = 0;
      this.snapshotBytes = write.data.byteLength;
    } else {
      this.rows.push(id);
      this.tailBytes += write.data.byteLength;
    }
  }

  failed(write: RowWrite): void {
    const { batch } = write as PendingWrite;
    this.pending = [...batch, ...this.pending];
    this.pendingBytes = this.pending.reduce((n, u) => n + u.byteLength, 0);
    this.firstPendingAt = this.lastPendingAt = performance.now();
  }

  destroy(): void {
    if (this.applyLater) clearImmediate(this.applyLater);
    this.unapplied = this.applyLater = null;
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** A row being written, with the updates it came from (pending again if the write fails). */
interface PendingWrite extends RowWrite {
  batch: Uint8Array[];
}

/** A presence state with the session's identity in `user` (null: the client left). */
function stamp(state: unknown, who: DocIdentity): unknown {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return state === null ? null : { user: who };
  const user = (state as { user?: unknown }).user;
  const extra = user !== null && typeof user === 'object' && !Array.isArray(user) ? user : {};
  return { ...state, user: { ...extra, id: who.userId, name: who.name, unit: who.unit } };
}

/** Whether a transaction changed the document: what Yjs checks before its 'update' event. */
function changedIn(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) return true;
  return false;
}

function syncMessage(write: (e: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
