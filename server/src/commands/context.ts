import type { ClientSession, Connection } from 'mongoose';
import type { Actor } from '../auth/actor.js';
import type { Models } from '../db/models/index.js';

/** What a command needs to run on behalf of someone; REST and Socket.IO build the same one. */
export interface CommandContext {
  models: Models;
  connection: Connection;
  actor: Actor;
  /** Where the request came from, for the audit trail. */
  ip?: string | undefined;
}

/**
 * Runs `fn` in a MongoDB transaction, so that a change and its audit event land together or not
 * at all. Needs a replica set (production, the local mongod and the emulator all are one).
 */
export function inTransaction<T>(ctx: CommandContext, fn: (session: ClientSession) => Promise<T>): Promise<T> {
  return ctx.connection.transaction(fn);
}
