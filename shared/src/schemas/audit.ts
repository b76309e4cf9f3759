import { z } from 'zod';
import { IdSchema } from './common.js';

export const AuditEventSchema = z.object({
  id: IdSchema,
  actor: z.object({ id: IdSchema, name: z.string() }).nullable(),
  actorUnit: z.object({ id: IdSchema, name: z.string() }).nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: IdSchema,
  before: z.string().optional(),
  after: z.string().optional(),
  ip: z.string().optional(),
  at: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;
