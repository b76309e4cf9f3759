import { z } from 'zod';
import { IdSchema, multilineSchema, nameSchema, RefSchema } from './common.js';

/** A decision (决议) is drafted together, put to a vote on a frozen version, then settled. */
export const DecisionStatusSchema = z.enum(['drafting', 'voting', 'adopted', 'rejected', 'withdrawn']);
export type DecisionStatus = z.infer<typeof DecisionStatusSchema>;

export const DecisionCreateSchema = z.object({
  title: nameSchema(200),
  /** The agenda item (its id in the agenda document) the decision belongs to, if any. */
  agendaItem: z.string().trim().max(64).optional(),
});
export type DecisionCreate = z.infer<typeof DecisionCreateSchema>;

/** 撤回: a secretary withdraws a draft that will not be put to the vote; the reason is recorded. */
export const DecisionWithdrawSchema = z.object({
  reason: multilineSchema(500).min(2),
});
export type DecisionWithdraw = z.infer<typeof DecisionWithdrawSchema>;

/**
 * 修改后重新表决: a rejected or withdrawn decision becomes a new draft carrying its text (the last
 * frozen version for a rejected one, the draft as it stood for a withdrawn one), linked both ways.
 */
export const DecisionReviseSchema = z.object({
  /** The new draft's title; the earlier decision's title when omitted. */
  title: nameSchema(200).optional(),
});
export type DecisionRevise = z.infer<typeof DecisionReviseSchema>;

/** The decisions a revision links: 修改自 … / 已修改为 …. */
export const DecisionLinkSchema = z.object({ id: IdSchema, title: z.string() });

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
  /** The rejected or withdrawn decision this draft revises (修改自). */
  revises: DecisionLinkSchema.nullable(),
  /** The new draft this decision was revised into (已修改为). */
  revisedBy: DecisionLinkSchema.nullable(),
  /** Set once withdrawn: why, by whom, when. */
  withdrawal: z.object({ reason: z.string(), by: RefSchema.nullable(), at: z.string() }).nullable(),
});
export type Decision = z.infer<typeof DecisionSchema>;

/** What the viewer may do with a decision, as the server's policies decide. */
export const DecisionAbilitiesSchema = z.object({
  /** Co-edit the live draft. */
  edit: z.boolean(),
  /** Freeze the draft into a version (secretaries). */
  freeze: z.boolean(),
  /** Withdraw the draft (撤回, secretaries). */
  withdraw: z.boolean(),
  /** Turn a rejected or withdrawn decision into a new draft (修改后重新表决). */
  revise: z.boolean(),
});
export type DecisionAbilities = z.infer<typeof DecisionAbilitiesSchema>;

/** One decision as its own screen reads it: the decision and what the viewer may do with it. */
export const DecisionDetailSchema = DecisionSchema.extend({ can: DecisionAbilitiesSchema });
export type DecisionDetail = z.infer<typeof DecisionDetailSchema>;

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
