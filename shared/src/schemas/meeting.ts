import { z } from 'zod';
import { IdSchema, NameSchema } from './common.js';
import { MEETING_STATUSES } from '../domain/meetingStatus.js';

export const MeetingStatusSchema = z.enum(MEETING_STATUSES);

export const MeetingInputSchema = z
  .object({
    title: NameSchema.max(200),
    scheduledAt: z.coerce.date(),
    durationMinutes: z.number().int().min(5).max(24 * 60).default(90),
    place: z.string().trim().max(200).default(''),
    onlineLink: z.url().max(500).optional(),
    convenerUnit: IdSchema.optional(),
    observers: z.array(IdSchema).default([]),
  })
  .refine((m) => m.place !== '' || m.onlineLink !== undefined, {
    message: 'a meeting needs a place or an online link',
    path: ['place'],
  });
export type MeetingInput = z.infer<typeof MeetingInputSchema>;
