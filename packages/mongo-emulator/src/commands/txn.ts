// commitTransaction / abortTransaction / endSessions.
// https://www.mongodb.com/docs/manual/reference/command/commitTransaction/
import { noSuchTransaction } from '../errors.js';
import type { Doc } from '../types.js';
import type { CommandContext } from './context.js';

function txnOf(ctx: CommandContext) {
  if (!ctx.txn) throw noSuchTransaction(Number(ctx.cmd['txnNumber'] ?? -1), 'is not in progress');
  return ctx.txn;
}

export function commitTransaction(ctx: CommandContext): Doc {
  const txn = txnOf(ctx);
  // Committing again after a successful commit is allowed (the driver retries commits).
  if (txn.state === 'open') txn.commit(ctx.store);
  return { ok: 1 };
}

export function abortTransaction(ctx: CommandContext): Doc {
  txnOf(ctx).abort();
  return { ok: 1 };
}

export function endSessions(ctx: CommandContext): Doc {
  ctx.txns.endSessions(ctx.cmd['endSessions']);
  return { ok: 1 };
}
