import { ApiErrorSchema } from '@tongxin/shared';
import type { z } from 'zod';

/** An error answer from the API, with its code for the UI to translate. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

async function call(method: string, url: string, body?: unknown): Promise<{ res: Response; json: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiRequestError(0, 'NETWORK', 'network error');
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { res, json };
}

function toError(res: Response, json: unknown): ApiRequestError {
  const err = ApiErrorSchema.safeParse(json);
  if (err.success)
    return new ApiRequestError(res.status, err.data.error.code, err.data.error.message, err.data.error.details);
  return new ApiRequestError(res.status, 'INTERNAL', `HTTP ${res.status}`);
}

/** GET a JSON endpoint and parse it with its shared schema, so a contract drift fails loudly. */
export async function getJson<S extends z.ZodType>(url: string, schema: S): Promise<z.infer<S>> {
  const { res, json } = await call('GET', url);
  // /api/health answers 503 with a full body when the database is down; that is still a valid answer.
  const parsed = schema.safeParse(json);
  if (parsed.success && (res.ok || res.status === 503)) return parsed.data;
  throw toError(res, json);
}

/** POST/PATCH/PUT/DELETE; returns the parsed body (or undefined for 204). */
export async function send<S extends z.ZodType>(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
  schema?: S,
): Promise<z.infer<S> | undefined> {
  const { res, json } = await call(method, url, body);
  if (!res.ok) throw toError(res, json);
  return schema ? schema.parse(json) : undefined;
}
