import * as admin from './admin.js';
import type { CommandHandler } from './context.js';
import { findAndModify } from './findAndModify.js';
import * as hs from './handshake.js';
import * as read from './read.js';
import * as txn from './txn.js';
import * as write from './write.js';

export const COMMANDS: ReadonlyMap<string, CommandHandler> = new Map<string, CommandHandler>([
  ['hello', hs.hello],
  ['isMaster', hs.hello],
  ['ismaster', hs.hello],
  ['ping', hs.ping],
  ['buildInfo', hs.buildInfo],
  ['buildinfo', hs.buildInfo],
  ['serverStatus', hs.serverStatus],
  ['getParameter', hs.getParameter],
  ['whatsmyuri', hs.whatsmyuri],
  ['connectionStatus', hs.connectionStatus],
  ['hostInfo', hs.hostInfo],
  ['insert', write.insert],
  ['update', write.update],
  ['delete', write.remove],
  ['findAndModify', findAndModify],
  ['findandmodify', findAndModify],
  ['find', read.find],
  ['getMore', read.getMore],
  ['killCursors', read.killCursors],
  ['count', read.count],
  ['distinct', read.distinct],
  ['aggregate', read.aggregate],
  ['create', admin.create],
  ['drop', admin.drop],
  ['dropDatabase', admin.dropDatabase],
  ['createIndexes', admin.createIndexes],
  ['dropIndexes', admin.dropIndexes],
  ['deleteIndexes', admin.dropIndexes],
  ['listIndexes', admin.listIndexes],
  ['listCollections', admin.listCollections],
  ['listDatabases', admin.listDatabases],
  ['dbStats', admin.dbStats],
  ['commitTransaction', txn.commitTransaction],
  ['abortTransaction', txn.abortTransaction],
  ['endSessions', txn.endSessions],
]);

/** Commands that must not run inside a transaction's overlay even if they carry txn fields. */
export const HANDSHAKE_COMMANDS = new Set(['hello', 'isMaster', 'ismaster']);
