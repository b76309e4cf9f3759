import { z } from 'zod';
import { EVIDENCE_KINDS, EVIDENCE_MAX_PER_REPORT } from '../domain/evidenceTypes.js';
import { IdSchema } from './common.js';

export const EvidenceKindSchema = z.enum(EVIDENCE_KINDS);

/** 佐证材料: one stored file as reports show it. */
export const EvidenceSchema = z.object({
  id: IdSchema,
  name: z.string(),
  /** Bytes. */
  size: z.number().int(),
  contentType: z.string(),
  kind: EvidenceKindSchema,
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** The answer to an upload: the stored files, to be named in the report that carries them. */
export const EvidenceUploadSchema = z.object({ files: z.array(EvidenceSchema) });
export type EvidenceUpload = z.infer<typeof EvidenceUploadSchema>;

/** 需求附件 / 吹哨佐证: the files attached to a demand or a whistle, and whether the viewer may add more. */
/** `canRemove`: the files this reader may take off the record (their own uploads; a secretary's, any). */
export const RecordEvidenceSchema = z.object({ files: z.array(EvidenceSchema), canAdd: z.boolean(), canRemove: z.array(IdSchema) });
export type RecordEvidence = z.infer<typeof RecordEvidenceSchema>;

/** The uploads a progress report carries, by id: at most six, each once. */
export const AttachmentIdsSchema = z
  .array(IdSchema)
  .max(EVIDENCE_MAX_PER_REPORT)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'a file is attached twice' });

/**
 * Why an upload was refused, in the error's `details` (`{ file, reason }`), for the screen to
 * say under that file: not an allowed type by its bytes, over 10 MB, more than six, empty.
 */
export const EVIDENCE_REFUSALS = ['type', 'tooLarge', 'tooMany', 'empty'] as const;
export const EvidenceRefusalSchema = z.object({ file: z.string(), reason: z.enum(EVIDENCE_REFUSALS) });
export type EvidenceRefusal = z.infer<typeof EvidenceRefusalSchema>;
