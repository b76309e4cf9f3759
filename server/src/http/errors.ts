import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiError, ErrorCode } from '@tongxin/shared';
import { ZodError } from 'zod';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  UNPROCESSABLE: 422,
  ALREADY_VOTED: 409,
  LINK_USED: 409,
  LINK_GONE: 410,
  RATE_LIMITED: 429,
  PASSWORD_CHANGE_REQUIRED: 403,
  ACCOUNT_DEACTIVATED: 403,
  INTERNAL: 500,
};

export function toApiError(err: unknown): { status: number; body: ApiError } {
  if (err instanceof AppError) {
    return { status: STATUS[err.code], body: { error: { code: err.code, message: err.message, details: err.details } } };
  }
  if (err instanceof ZodError) {
    return { status: 400, body: { error: { code: 'VALIDATION', message: 'invalid input', details: err.issues } } };
  }
  if (isBodyParserError(err)) {
    return { status: 400, body: { error: { code: 'VALIDATION', message: err.message } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal error' } } };
}

function isBodyParserError(err: unknown): err is { type: string; message: string } {
  return typeof err === 'object' && err !== null && 'type' in err && typeof (err as { type: unknown }).type === 'string';
}

export const apiNotFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'NOT_FOUND', message: `no such endpoint: ${req.method} ${req.path}` } });
};

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, body } = toApiError(err);
    if (status >= 500) log.error({ err, path: req.path }, 'request failed');
    res.status(status).json(body);
  };
}
