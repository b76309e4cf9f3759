import { z } from 'zod';
import { IdSchema, NameSchema } from './common.js';

/** A decision (决议) is drafted together, put to a vote on a frozen version, then settled. */
export const DecisionStatusSchema = z.enum(['drafting', 'voting', 'adopted', 'rejected', 'withdrawn']);
export type DecisionStatus = z.infer<typeof DecisionStatusSchema>;

export const DecisionCreateSchema = z.object({
  title: NameSchema.max(200),
  /** The agenda item (its id in the agenda document) the decision belongs to, if any. */
  agendaItem: z.string().trim().max(64).optional(),
});
export type DecisionCreate = z.infer<typeof DecisionCreateSchema>;

export const DecisionSchema = z.object({
  id: IdSchema,
  meeting: IdSchema,
  alliance: IdSchema,
  agendaItem: z.string().optional(),
  title: z.string(),
  status: DecisionStatusSchema,
  /** The Yjs document to open at `/yjs/<docName>`. */
  docName: z.string(),
  versionCount: z.number().int(),
  createdAt: z.string(),
});
export type Decision = z.infer<typeof DecisionSchema>;

/** An immutable version of a decision's text: what a vote is about. */
export const DecisionVersionSchema = z.object({
  id: IdSchema,
  decision: IdSchema,
  number: z.number().int().min(1),
  text: z.string(),
  /** ProseMirror JSON of the rich text at freezing time. */
  doc: z.unknown(),
  /** SHA-256 (hex) of `text`: the fingerprint shown next to every ballot. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  frozenBy: z.object({ id: IdSchema, name: z.string() }).nullable(),
  frozenAt: z.string(),
});
export type DecisionVersion = z.infer<typeof DecisionVersionSchema>;
