import { z } from 'zod';
import { IdSchema, NameSchema, lineSchema } from './common.js';

/** 成员单位 kinds, as alliances in the practice list them. */
export const UnitKindSchema = z.enum([
  'street', // 街道
  'community', // 社区
  'agency', // 机关
  'public_institution', // 事业单位
  'state_enterprise', // 国有企业
  'private_enterprise', // 非公企业
  'social_organization', // 社会组织
  'school', // 学校
  'other', // 其他
]);
export type UnitKind = z.infer<typeof UnitKindSchema>;

/** Administrative level of a unit: 市, 区县, 街道乡镇, 社区村. */
export const UnitLevelSchema = z.enum(['city', 'district', 'subdistrict', 'community']);
export type UnitLevel = z.infer<typeof UnitLevelSchema>;

export const UnitInputSchema = z.object({
  name: NameSchema,
  kind: UnitKindSchema,
  level: UnitLevelSchema,
  region: lineSchema(100).default(''),
});
export type UnitInput = z.infer<typeof UnitInputSchema>;

/** `active: false` once deactivated (停用): kept in history and in existing memberships, not offered for new ones. */
export const UnitSchema = UnitInputSchema.extend({ id: IdSchema, active: z.boolean().default(true) });
export type Unit = z.infer<typeof UnitSchema>;

/** Which records a setup list shows: the active ones (the default, what pickers offer), the deactivated, or all. */
export const ActiveFilterSchema = z.enum(['active', 'inactive', 'all']).default('active');
export type ActiveFilter = z.infer<typeof ActiveFilterSchema>;

/**
 * `GET /api/units?q=&status=&scope=`: a name search and which units, active by default.
 * `scope=people`: only the units whose people the viewer may see and add (all for admins, their
 * alliances' units for secretaries) — what the people screen offers.
 */
export const UnitListQuerySchema = z.object({
  q: lineSchema(100).optional(),
  status: ActiveFilterSchema,
  scope: z.enum(['all', 'people']).default('all'),
});

// Spelled out rather than UnitInputSchema.partial(): a default would fill fields the patch omits.
export const UnitPatchSchema = z
  .object({ name: NameSchema, kind: UnitKindSchema, level: UnitLevelSchema, region: lineSchema(100) })
  .partial()
  .refine((p) => Object.keys(p).length > 0, {
  message: 'nothing to change',
});
export type UnitPatch = z.infer<typeof UnitPatchSchema>;
