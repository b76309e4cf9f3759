import type { CursorManager } from '../cursors.js';
import { typeMismatch } from '../errors.js';
import type { Store } from '../store.js';
import type { TransactionManager, Txn } from '../transactions.js';
import type { Doc } from '../types.js';
import { DirectView, TxnView, type CollectionView } from '../views.js';

export interface ServerInfo {
  /** host:port advertised in hello (hosts, me, primary). */
  readonly address: string;
  readonly replSetName: string;
  readonly startedAt: Date;
}

export interface ConnectionInfo {
  readonly id: number;
  readonly remote: string;
}

export class CommandContext {
  constructor(
    readonly store: Store,
    readonly cursors: CursorManager,
    readonly txns: TransactionManager,
    readonly server: ServerInfo,
    readonly conn: ConnectionInfo,
    readonly name: string,
    readonly cmd: Doc,
    readonly db: string,
    readonly txn: Txn | undefined,
  ) {}

  view(coll: string): CollectionView {
    return this.txn ? new TxnView(this.store, this.txn, this.db, coll) : new DirectView(this.store, this.db, coll);
  }

  /** The collection named by the command's first field (e.g. `{find: "users"}`). */
  collectionName(): string {
    const v = this.cmd[this.name];
    if (typeof v !== 'string') throw typeMismatch(`collection name has invalid type ${typeof v}`);
    return v;
  }

  get ns(): string {
    return `${this.db}.${this.collectionName()}`;
  }
}

export type CommandHandler = (ctx: CommandContext) => Doc;
