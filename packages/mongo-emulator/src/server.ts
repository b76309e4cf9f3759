// TCP server: one FrameReader per connection, every command executed synchronously from
// decode to journal write to reply, so no other command can interleave with a write.
import net from 'node:net';
import { blockedByTransaction } from './blocking.js';
import { COMMANDS } from './commands/index.js';
import { CommandContext, type ConnectionInfo, type ServerInfo } from './commands/context.js';
import { CursorManager } from './cursors.js';
import { CommandError } from './errors.js';
import type { Journal } from './journal.js';
import type { Store } from './store.js';
import { TransactionManager } from './transactions.js';
import { isPlainObject, type Doc } from './types.js';
import {
  encodeOpMsg,
  encodeOpReply,
  FrameReader,
  MSG_MORE_TO_COME,
  OP_MSG,
  OP_QUERY,
  parseOpMsg,
  parseOpQuery,
  ProtocolError,
  type RawMessage,
} from './wire.js';

/** Returned by execute() when a plain write must wait for a transaction to finish. */
export const BLOCKED = Symbol('blocked');
/** Safety net for waiters: re-check even without a lock release (e.g. transaction expiry). */
const WAIT_POLL_MS = 50;

export interface ServerDeps {
  store: Store;
  journal: Journal | undefined;
  replSetName: string;
  logger: (msg: string) => void;
}

export class WireServer {
  readonly cursors = new CursorManager();
  readonly txns: TransactionManager;
  private readonly sockets = new Set<net.Socket>();
  private readonly server: net.Server;
  private info: ServerInfo | undefined;
  private nextConnId = 1;
  private readonly waiters = new Set<() => void>();
  private pollTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: ServerDeps) {
    this.txns = new TransactionManager(deps.store);
    this.txns.locks.onRelease = () => {
      if (this.waiters.size > 0) setImmediate(() => this.wakeWaiters());
    };
    this.server = net.createServer((socket) => this.onConnection(socket));
  }

  private wakeWaiters(): void {
    this.txns.reap();
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const w of waiting) w();
    if (this.waiters.size === 0 && this.pollTimer) {
      clearInterval(this.pollTimer);
      this.pollTimer = undefined;
    }
  }

  private wait(resume: () => void): void {
    this.waiters.add(resume);
    this.pollTimer ??= setInterval(() => this.wakeWaiters(), WAIT_POLL_MS).unref();
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const addr = this.server.address() as net.AddressInfo;
        const advertised = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
        this.info = { address: `${advertised}:${addr.port}`, replSetName: this.deps.replSetName, startedAt: new Date() };
        resolve(addr.port);
      });
    });
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.waiters.clear();
    this.cursors.clear();
    this.txns.clear();
  }

  private onConnection(socket: net.Socket): void {
    const conn: ConnectionInfo = { id: this.nextConnId++, remote: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}` };
    const reader = new FrameReader();
    this.sockets.add(socket);
    socket.setNoDelay(true);
    // Messages of one connection are answered strictly in order; a blocked write holds the queue.
    const queue: { msg: RawMessage; since: number }[] = [];
    let waiting = false;
    const pump = (): void => {
      waiting = false;
      try {
        while (queue.length > 0 && !socket.destroyed) {
          const item = queue[0] as { msg: RawMessage; since: number };
          const reply = this.handleMessage(item.msg, conn, item.since);
          if (reply === BLOCKED) {
            waiting = true;
            this.wait(pump);
            return;
          }
          queue.shift();
          if (reply) socket.write(reply);
        }
      } catch (err) {
        // A broken byte stream cannot be resynchronised; drop this connection only.
        this.deps.logger(`connection ${conn.id}: ${(err as Error).message}; closing`);
        socket.destroy();
      }
    };
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const msg of reader.push(chunk)) queue.push({ msg, since: Date.now() });
      } catch (err) {
        this.deps.logger(`connection ${conn.id}: ${(err as Error).message}; closing`);
        socket.destroy();
        return;
      }
      if (!waiting) pump();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  private handleMessage(msg: RawMessage, conn: ConnectionInfo, since: number): Buffer | undefined | typeof BLOCKED {
    if (msg.opCode === OP_MSG) {
      const { flagBits, command } = parseOpMsg(msg.body);
      const reply = this.execute(command, conn, since);
      if (reply === BLOCKED) return BLOCKED;
      // moreToCome: the client expects no answer (w:0 writes, endSessions).
      return flagBits & MSG_MORE_TO_COME ? undefined : encodeOpMsg(msg.requestId, reply);
    }
    if (msg.opCode === OP_QUERY) {
      // Drivers open every connection with a legacy OP_QUERY hello and expect OP_REPLY.
      const { fullCollectionName, query } = parseOpQuery(msg.body);
      const inner = isPlainObject(query['$query']) ? query['$query'] : query;
      const db = fullCollectionName.endsWith('.$cmd') ? fullCollectionName.slice(0, -5) : 'admin';
      const reply = this.execute({ ...inner, $db: db }, conn, since);
      return reply === BLOCKED ? BLOCKED : encodeOpReply(msg.requestId, reply);
    }
    throw new ProtocolError(`unsupported opCode ${msg.opCode}`);
  }

  execute(cmd: Doc, conn: ConnectionInfo, since = Date.now()): Doc | typeof BLOCKED {
    const name = Object.keys(cmd)[0] ?? '';
    const handler = COMMANDS.get(name);
    if (!handler) {
      this.deps.logger(`unknown command '${name}'`);
      return { ok: 0, errmsg: `no such command: '${name}'`, code: 59, codeName: 'CommandNotFound' };
    }
    const db = typeof cmd['$db'] === 'string' ? cmd['$db'] : 'admin';
    const { store } = this.deps;

    let reply: Doc;
    let txn;
    try {
      txn = this.txns.resolve(cmd, name);
      // Resolving first lets a newer txnNumber abort this session's own open transaction.
      if (!txn && blockedByTransaction(store, this.txns.locks, name, cmd, db)) {
        const maxTimeMS = typeof cmd['maxTimeMS'] === 'number' && cmd['maxTimeMS'] > 0 ? cmd['maxTimeMS'] : undefined;
        if (maxTimeMS === undefined || Date.now() - since < maxTimeMS) return BLOCKED;
        throw new CommandError(50, 'MaxTimeMSExpired', 'operation exceeded time limit');
      }
      const ctx = new CommandContext(store, this.cursors, this.txns, this.serverInfo(), conn, name, cmd, db, txn);
      reply = handler(ctx);
      // Any failed statement aborts the surrounding transaction, as on a real server.
      if (txn?.state === 'open' && reply['writeErrors'] !== undefined) txn.abort();
    } catch (err) {
      if (txn?.state === 'open') txn.abort();
      if (err instanceof CommandError) reply = err.toReply();
      else {
        this.deps.logger(`internal error in ${name}: ${(err as Error).stack ?? String(err)}`);
        reply = { ok: 0, errmsg: `internal error: ${(err as Error).message}`, code: 1, codeName: 'InternalError' };
      }
    }
    // The journal record must be on disk before the reply acknowledges the write.
    const ops = store.takePending();
    if (ops.length > 0 && this.deps.journal) {
      try {
        this.deps.journal.append(ops);
      } catch (err) {
        this.deps.logger(`journal write failed: ${(err as Error).message}`);
        return { ok: 0, errmsg: `journal write failed: ${(err as Error).message}`, code: 1, codeName: 'InternalError' };
      }
    }
    return reply;
  }

  private serverInfo(): ServerInfo {
    if (!this.info) throw new Error('server not listening');
    return this.info;
  }

  get address(): string {
    return this.serverInfo().address;
  }
}
