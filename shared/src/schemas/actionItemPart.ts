import { z } from 'zod';
import { IdSchema, NameSchema, RefSchema } from './common.js';
import { EvidenceSchema } from './evidence.js';

/** One progress report as the timeline shows it: the lead unit's, or a cooperating unit's on its part. */
export const ProgressEntrySchema = z.object({
  text: z.string(),
  percent: z.number().int(),
  author: RefSchema,
  unit: RefSchema.nullable(),
  at: z.string(),
  /** 佐证材料 carried by the report. */
  attachments: z.array(EvidenceSchema).default([]),
});
export type ProgressEntry = z.infer<typeof ProgressEntrySchema>;

/**
 * 配合单位的分工: each cooperating unit's own part of an item — its responsible person, how far
 * its part is, its reports. The lead unit's reports stay the item's summary.
 */
export const ActionItemPartSchema = z.object({
  unit: RefSchema,
  /** 责任人 of this unit's part; null until the unit (or a supervisor) names one. */
  responsiblePerson: z.string().nullable(),
  /** Percent of this unit's part (not of the whole item). */
  percent: z.number().int(),
  lastReportAt: z.string().nullable(),
  /** Oldest first, as the item's own progress. */
  entries: z.array(ProgressEntrySchema),
});
export type ActionItemPart = z.infer<typeof ActionItemPartSchema>;

/** PATCH /action-items/:id/parts/:unitId — naming the part's responsible person. */
export const PartResponsibleSchema = z.object({ responsiblePerson: NameSchema });
export type PartResponsible = z.infer<typeof PartResponsibleSchema>;

/** What the viewer may do with the parts of an item (sent in the item page's `can`). */
export const PartAbilitiesSchema = z.object({
  /** Cooperating units whose part this viewer reports on (their representatives), while the work is open. */
  reportParts: z.array(IdSchema).default([]),
  /** Parts whose responsible person this viewer names: the unit's representatives, or a supervisor. */
  partResponsible: z.array(IdSchema).default([]),
});
export type PartAbilities = z.infer<typeof PartAbilitiesSchema>;
