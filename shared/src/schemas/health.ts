import { z } from 'zod';

/** Where the server's MongoDB comes from (see DESIGN.md, "Persistence"). */
export const DbModeSchema = z.enum(['uri', 'mongod', 'emulator']);
export type DbMode = z.infer<typeof DbModeSchema>;

/**
 * `GET /api/health`. `degraded`: Redis is configured but unreachable, each process serves on its
 * own (HTTP 200); `down`: the database is unreachable (HTTP 503).
 */
export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
  db: z.object({
    mode: DbModeSchema,
    ok: z.boolean(),
    /** Why the bundled emulator stands in for a local mongod (no MONGODB_URI, no mongod to run). */
    fallback: z.string().optional(),
  }),
  redis: z.object({ configured: z.boolean(), ok: z.boolean() }),
});
export type Health = z.infer<typeof HealthSchema>;
