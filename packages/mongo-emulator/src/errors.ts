import type { Doc } from './types.js';

/**
 * A command failure that becomes `{ok: 0, errmsg, code, codeName}` on the wire.
 * Codes and names follow https://www.mongodb.com/docs/manual/reference/error-codes/
 */
export class CommandError extends Error {
  constructor(
    readonly code: number,
    readonly codeName: string,
    message: string,
    readonly extra: Doc = {},
    readonly errorLabels: string[] = [],
  ) {
    super(message);
  }

  toReply(): Doc {
    const reply: Doc = { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
    if (this.errorLabels.length > 0) reply['errorLabels'] = this.errorLabels;
    return reply;
  }
}

export const badValue = (msg: string): CommandError => new CommandError(2, 'BadValue', msg);
export const failedToParse = (msg: string): CommandError => new CommandError(9, 'FailedToParse', msg);
export const typeMismatch = (msg: string): CommandError => new CommandError(14, 'TypeMismatch', msg);
export const invalidNamespace = (msg: string): CommandError => new CommandError(73, 'InvalidNamespace', msg);

export const writeConflict = (): CommandError =>
  new CommandError(
    112,
    'WriteConflict',
    'Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.',
    {},
    ['TransientTransactionError'],
  );

export const noSuchTransaction = (txnNumber: number, reason = 'has been aborted'): CommandError =>
  new CommandError(251, 'NoSuchTransaction', `Transaction with { txnNumber: ${txnNumber} } ${reason}.`, {}, [
    'TransientTransactionError',
  ]);

/** Raised by the store; commands turn it into a writeError or a whole-command error. */
export class DuplicateKeyError extends CommandError {
  constructor(message: string, keyPattern: Doc, keyValue: Doc) {
    super(11000, 'DuplicateKey', message, { keyPattern, keyValue });
  }
  get keyPattern(): Doc {
    return this.extra['keyPattern'] as Doc;
  }
  get keyValue(): Doc {
    return this.extra['keyValue'] as Doc;
  }
}
