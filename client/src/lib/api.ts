import { ApiErrorSchema } from '@tongxin/shared';
import type { z } from 'zod';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** GET a JSON endpoint and parse it with its shared schema, so a contract drift fails loudly. */
export async function getJson<S extends z.ZodType>(url: string, schema: S): Promise<z.infer<S>> {
  const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const body: unknown = await res.json().catch(() => null);
  // /api/health answers 503 with a full body when degraded; that is still a valid answer.
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const err = ApiErrorSchema.safeParse(body);
  if (err.success) throw new ApiRequestError(res.status, err.data.error.code, err.data.error.message);
  throw new ApiRequestError(res.status, 'INTERNAL', `HTTP ${res.status}`);
}
