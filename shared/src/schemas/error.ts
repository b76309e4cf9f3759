import { z } from 'zod';

/** Error codes shared by REST responses and Socket.IO acks. */
export const ErrorCodeSchema = z.enum([
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_STATE',
  /** Well-formed but refers to something that does not fit (e.g. a home unit that is not a member): HTTP 422. */
  'UNPROCESSABLE',
  'ALREADY_VOTED',
  /** A single-use link (述职评议 群众代表) that has been used already: HTTP 409. */
  'LINK_USED',
  /** A link that expired or was revoked: HTTP 410. */
  'LINK_GONE',
  'RATE_LIMITED',
  /** The account has a one-time password: only changing it (or logging out) is allowed. */
  'PASSWORD_CHANGE_REQUIRED',
  /** The account was deactivated (停用): it cannot log in. */
  'ACCOUNT_DEACTIVATED',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** Every REST error body: `{ error: { code, message, details? } }`. */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
