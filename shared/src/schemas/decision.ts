import { z } from 'zod';
import { IdSchema, nameSchema, RefSchema } from './common.js';

/** A decision (决议) is drafted together, put to a vote on a frozen version, then settled. */
export const DecisionStatusSchema = z.enum(['drafting', 'voting', 'adopted', 'rejected', 'withdrawn']);
export type DecisionStatus = z.infer<typeof DecisionStatusSchema>;

export const DecisionCreateSchema = z.object({
  title: nameSchema(200),
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
  frozenBy: RefSchema.nullable(),
  frozenAt: z.string(),
});
export type DecisionVersion = z.infer<typeof DecisionVersionSchema>;

/** One run of a comparison: text both versions share, or text only the older (`removed`) or newer (`added`) has. */
export const DiffPartSchema = z.object({
  value: z.string(),
  added: z.boolean().optional(),
  removed: z.boolean().optional(),
});

/**
 * `GET /api/decisions/:id/diff?from=&to=`. The parts always rebuild both texts exactly. Changed
 * paragraphs are compared character by character (Chinese has no spaces to split words on) within
 * a bounded effort; where that bound was hit the paragraphs are shown whole as removed and added,
 * and `coarse` is true so the reader is told the versions were too different to compare in detail.
 */
export const VersionDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  parts: z.array(DiffPartSchema),
  coarse: z.boolean(),
});
export type VersionDiff = z.infer<typeof VersionDiffSchema>;
