// A plain (non-transactional) write to a document that an open transaction has written waits
// until that transaction commits or aborts, as on a real server, instead of failing.
// https://www.mongodb.com/docs/manual/core/transactions-production-consideration/#in-progress-transactions-and-write-conflicts
// The check runs before the command changes anything, so a blocked command can simply be run
// again later.
import { keyString } from './bson-order.js';
import { matchDocs } from './commands/util.js';
import { idKeyOf, type Store } from './store.js';
import { LockTable } from './transactions.js';
import { isPlainObject, type Doc } from './types.js';
import { DirectView } from './views.js';

const WRITE_COMMANDS = new Set(['insert', 'update', 'delete', 'findAndModify', 'findandmodify']);

export function blockedByTransaction(store: Store, locks: LockTable, name: string, cmd: Doc, db: string): boolean {
  if (locks.holders.size === 0 || !WRITE_COMMANDS.has(name)) return false;
  const collName = cmd[name];
  if (typeof collName !== 'string') return false;
  const coll = store.get(db, collName);
  if (!coll) return false;
  const ns = coll.ns;
  const view = new DirectView(store, db, collName);
  const docLocked = (doc: Doc) => locks.isLocked(LockTable.docKey(ns, idKeyOf(doc)));
  const anyLocked = (q: unknown, limit: number, sort?: unknown) => {
    try {
      return matchDocs(view, isPlainObject(q) ? q : {}, { limit, sort: isPlainObject(sort) ? sort : undefined }).some(docLocked);
    } catch {
      return false; // let the command itself report the bad query
    }
  };
  const list = (field: string): Doc[] => (Array.isArray(cmd[field]) ? (cmd[field] as Doc[]) : []);

  switch (name) {
    case 'insert':
      return list('documents').some((doc) => {
        if (!isPlainObject(doc)) return false;
        if ('_id' in doc && locks.isLocked(LockTable.docKey(ns, keyString(doc['_id'])))) return true;
        return coll.uniqueIndexes().some((index) => index.keysOf(doc).some((k) => locks.isLocked(LockTable.uniqueKey(ns, index.name, k.key))));
      });
    case 'update':
      return list('updates').some((u) => isPlainObject(u) && anyLocked(u['q'], u['multi'] === true ? 0 : 1));
    case 'delete':
      return list('deletes').some((d) => isPlainObject(d) && anyLocked(d['q'], d['limit'] === 1 ? 1 : 0));
    default:
      return anyLocked(cmd['query'], 1, cmd['sort']);
  }
}
