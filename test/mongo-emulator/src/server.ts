// TCP server: one FrameReader per connection, every command executed synchronously from
// decode to journal write to reply, so no other command can interleave with a write.
import net from 'node:net';
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

  constructor(private readonly deps: ServerDeps) {
    this.txns = new TransactionManager(deps.store);
    this.server = net.createServer((socket) => this.onConnection(socket));
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
    this.cursors.clear();
    this.txns.clear();
  }

  private onConnection(socket: net.Socket): void {
    const conn: ConnectionInfo = { id: this.nextConnId++, remote: `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}` };
    const reader = new FrameReader();
    this.sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const msg of reader.push(chunk)) {
          const reply = this.handleMessage(msg, conn);
          if (reply) socket.write(reply);
        }
      } catch (err) {
        // A broken byte stream cannot be resynchronised; drop this connection only.
        this.deps.logger(`connection ${conn.id}: ${(err as Error).message}; closing`);
        socket.destroy();
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  private handleMessage(msg: RawMessage, conn: ConnectionInfo): Buffer | undefined {
    if (msg.opCode === OP_MSG) {
      const { flagBits, command } = parseOpMsg(msg.body);
      const reply = this.execute(command, conn);
      // moreToCome: the client expects no answer (w:0 writes, endSessions).
      return flagBits & MSG_MORE_TO_COME ? undefined : encodeOpMsg(msg.requestId, reply);
    }
    if (msg.opCode === OP_QUERY) {
      // Drivers open every connection with a legacy OP_QUERY hello and expect OP_REPLY.
      const { fullCollectionName, query } = parseOpQuery(msg.body);
      const inner = isPlainObject(query['$query']) ? query['$query'] : query;
      const db = fullCollectionName.endsWith('.$cmd') ? fullCollectionName.slice(0, -5) : 'admin';
      return encodeOpReply(msg.requestId, this.execute({ ...inner, $db: db }, conn));
    }
    throw new ProtocolError(`unsupported opCode ${msg.opCode}`);
  }

  execute(cmd: Doc, conn: ConnectionInfo): Doc {
    const name = Object.keys(cmd)[0] ?? '';
    const handler = COMMANDS.get(name);
    if (!handler) {
      return { ok: 0, errmsg: `no such command: '${name}'`, code: 59, codeName: 'CommandNotFound' };
    }
    const db = typeof cmd['$db'] === 'string' ? cmd['$db'] : 'admin';
    const { store } = this.deps;
    let reply: Doc;
    let txn;
    try {
      txn = this.txns.resolve(cmd, name);
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
