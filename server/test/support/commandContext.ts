import type { DomainEvent, ErrorCode } from '@tongxin/shared';
import type { Actor } from '../../src/auth/actor.js';
import { systemClock } from '../../src/clock.js';
import type { CommandContext } from '../../src/commands/context.js';
import type { Database } from '../../src/db/database.js';
import { AppError } from '../../src/errors.js';
import type { DocRegistry } from '../../src/yjs/registry.js';

/** What a command test runs against: the models and connection of a real (emulated) MongoDB. */
export type CommandDb = Pick<Database, 'models' | 'connection'>;

/** A command's context, with the events it emitted kept for the test to read. */
export type TestContext = CommandContext & { events: DomainEvent[] };

/**
 * The context a command runs in, built the way REST (`http/auth.ts`) and Socket.IO build theirs.
 * The one place tests build it: a field added to `CommandContext` is added here and nowhere else.
 */
export function contextFor(db: CommandDb, actor: Actor): TestContext {
  return {
    models: db.models,
    connection: db.connection,
    actor,
    ip: '127.0.0.1',
    // Each call gets its own list, so a test reads only the events of the command it ran.
    events: [],
    clock: systemClock,
  };
}

/** For the commands that also read or write a live Yjs document (freezing a version, minutes). */
export function withYjs(ctx: TestContext, yjs: DocRegistry): TestContext & { yjs: DocRegistry } {
  return { ...ctx, yjs };
}

/** The actor a signed-in user acts as (see `auth/sessions.ts`). */
export function actorOf(user: { _id: unknown; name: string; unit?: unknown; isAdmin?: boolean | null }): Actor {
  return {
    id: String(user._id),
    name: user.name,
    unit: user.unit ? String(user.unit) : null,
    isAdmin: user.isAdmin === true,
  };
}

/**
 * What a command answered: `'ok'`, or the code of the refusal it threw on purpose (FORBIDDEN,
 * ALREADY_VOTED …). Anything else — a crash — still fails the test.
 */
export async function codeOf(run: Promise<unknown>): Promise<'ok' | ErrorCode> {
  try {
    await run;
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}
