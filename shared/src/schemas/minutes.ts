import { z } from 'zod';
import { IdSchema, multilineSchema, RefSchema } from './common.js';

// 会议纪要: generated from the meeting when it is adjourned, co-edited by the secretaries as a Yjs
// document (`meeting:<id>:minutes`, rich text in the same XmlFragment Tiptap's Collaboration uses
// for decisions), confirmed (确认) or commented on by each member unit, then published, which
// locks the document and moves the meeting to `minutes_published`.

export const MinutesStatusSchema = z.enum(['draft', 'published']);
export type MinutesStatus = z.infer<typeof MinutesStatusSchema>;

/** A member unit's answer to the draft. */
export const ConfirmationStateSchema = z.enum(['pending', 'confirmed', 'commented']);
export type ConfirmationState = z.infer<typeof ConfirmationStateSchema>;

export const MinutesConfirmSchema = z
  .object({
    /** The unit answering; a representative of exactly one unit may omit it. */
    unitId: IdSchema.optional(),
    state: z.enum(['confirmed', 'commented']),
    /** Required with `commented`; optional with `confirmed`. */
    comment: multilineSchema(2000).optional(),
  })
  .refine((v) => v.state !== 'commented' || (v.comment !== undefined && v.comment.length > 0), {
    message: 'a comment needs its text',
    path: ['comment'],
  });
export type MinutesConfirm = z.infer<typeof MinutesConfirmSchema>;


export const MinutesConfirmationSchema = z.object({
  unit: RefSchema,
  state: ConfirmationStateSchema,
  user: RefSchema.nullable(),
  comment: z.string().nullable(),
  at: z.string().nullable(),
});
export type MinutesConfirmation = z.infer<typeof MinutesConfirmationSchema>;

export const EXPORT_FORMATS = ['md', 'docx', 'pdf'] as const;
export const ExportFormatSchema = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

/**
 * 发文字号 as GB/T 9704 writes it: the year in 六角括号 and the sequence number with 号, no
 * leading zeros (〔2026〕3号). Numbered per alliance and year, assigned when the minutes are published.
 */
export function formatDocNumber(year: number, seq: number): string {
  return `〔${year}〕${seq}号`;
}

/** `GET /api/meetings/:id/minutes` (404 until the meeting is adjourned). */
export const MinutesSchema = z.object({
  meeting: IdSchema,
  alliance: IdSchema,
  status: MinutesStatusSchema,
  /** The Yjs document to open at `/yjs/<docName>`. */
  docName: z.string(),
  generatedAt: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: RefSchema.nullable(),
  /** SHA-256 (hex) of the published plain text; null while a draft. */
  publishedSha256: z.string().nullable(),
  /** 发文字号 (〔2026〕3号), assigned at publication; null while a draft. */
  docNumber: z.string().nullable(),
  /** The 版头 as printed: the issuing body and whether red; fixed at publication. */
  letterhead: z.object({ issuer: z.string(), red: z.boolean() }),
  /** 分送: the member units the minutes go to (版记); fixed at publication. */
  distribution: z.array(z.string()),
  /** One row per voting member unit (observers are not asked). */
  confirmations: z.array(MinutesConfirmationSchema),
  /** What the viewer may do, so the UI can hide what the server would refuse. */
  can: z.object({
    edit: z.boolean(),
    publish: z.boolean(),
    /** Units the viewer may confirm or comment for. */
    confirmFor: z.array(IdSchema),
  }),
});
export type Minutes = z.infer<typeof MinutesSchema>;
