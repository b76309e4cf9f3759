import type { ErrorCode } from '@tongxin/shared';

/**
 * An error a command throws on purpose. It names a shared error code and knows nothing of the
 * transport: REST (`http/errors.ts`) and socket acks turn it into `{ code, message }`.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
