import { z } from 'zod';

/** A MongoDB ObjectId as it travels in JSON: 24 hex digits. */
export const IdSchema = z.string().regex(/^[0-9a-f]{24}$/i, 'must be a 24-hex-digit id');
export type Id = z.infer<typeof IdSchema>;

/** A person-facing name: trimmed, never empty, bounded so a paste accident cannot bloat a list. */
export const NameSchema = z.string().trim().min(1).max(100);
