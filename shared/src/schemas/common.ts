import { z } from 'zod';
import { nameSchema } from './text.js';

export * from './text.js';

/** A MongoDB ObjectId as it travels in JSON: 24 hex digits. */
export const IdSchema = z.string().regex(/^[0-9a-f]{24}$/i, 'must be a 24-hex-digit id');
export type Id = z.infer<typeof IdSchema>;

/** A record named by id and display name — a unit, a person — as every answer refers to one. */
export const RefSchema = z.object({ id: IdSchema, name: z.string() });
export type Ref = z.infer<typeof RefSchema>;

/**
 * A person-facing name (unit, user, alliance, responsible person): cleaned and compared as
 * `nameSchema` says, never empty, at most 100 characters. Titles take `nameSchema(200)`.
 */
export const NameSchema = nameSchema(100);
