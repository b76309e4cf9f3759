import type { DomainEvent } from '@tongxin/shared';
import type { ClientSession, Connection } from 'mongoose';
import type { Actor } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import type { Models } from '../db/models/index.js';

/** What a command needs to run on behalf of someone; REST and Socket.IO build the same one. */
export interface CommandContext {
  models: Models;
  connection: Connection;
  actor: Actor;
  /** The time (the app's clock; tests set it). */
  clock: Clock;
  /** Where the request came from, for the audit trail. */
  ip?: string | undefined;
  /**
   * What the command did, as domain events, for whoever runs it to publish once it has returned
   * (after commit). Commands only add to it (see `emit` and `recordAudit`).
   */
  events: DomainEvent[];
}

/** Records that something happened; published by the runner after the command returns. */
export function emit(ctx: Pick<CommandContext, 'events'>, ...events: DomainEvent[]): void {
  ctx.events.push(...events);
}

/**
 * Runs `fn` in a MongoDB transaction, so that a change and its audit event land together or not
 * at all. Needs a replica set (production, the local mongod and the emulator all are one). The
 * driver may run `fn` again on a transient error: events emitted by an attempt that did not commit
 * are dropped before the next one.
 */
export function inTransaction<T>(ctx: CommandContext, fn: (session: ClientSession) => Promise<T>): Promise<T> {
  const mark = ctx.events.length;
  return ctx.connection.transaction((session) => {
    ctx.events.length = mark;
    return fn(session);
  });
}
