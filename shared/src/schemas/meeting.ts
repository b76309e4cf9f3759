import { z } from 'zod';
import { IdSchema, WebLinkSchema, lineSchema, multilineSchema, nameSchema, RefSchema } from './common.js';
import { MEETING_STATUSES } from '../domain/meetingStatus.js';
import { PageQuerySchema } from './pagination.js';

export const MeetingStatusSchema = z.enum(MEETING_STATUSES);

const meetingFields = {
  title: nameSchema(200),
  scheduledAt: z.coerce.date(),
  durationMinutes: z.number().int().min(5).max(24 * 60),
  place: lineSchema(200),
  /** The video-conference link: http(s) only, see WebLinkSchema. */
  onlineLink: WebLinkSchema,
  convenerUnit: IdSchema,
  observers: z.array(IdSchema).max(100),
};

export const MeetingCreateSchema = z
  .object({
    ...meetingFields,
    durationMinutes: meetingFields.durationMinutes.default(90),
    place: meetingFields.place.default(''),
    onlineLink: meetingFields.onlineLink.optional(),
    // Defaults to the next unit in the alliance's convening rotation.
    convenerUnit: meetingFields.convenerUnit.optional(),
    observers: meetingFields.observers.default([]),
  })
  .refine((m) => m.place !== '' || m.onlineLink !== undefined, {
    message: 'a meeting needs a place or an online link',
    path: ['place'],
  });
export type MeetingCreate = z.infer<typeof MeetingCreateSchema>;

export const MeetingPatchSchema = z
  .object(meetingFields)
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' });
export type MeetingPatch = z.infer<typeof MeetingPatchSchema>;

/**
 * 改期: a scheduled meeting moves to another time, and perhaps another place. The units are told on
 * the alliance channel; the audit keeps the old and the new time and the reason, if one was given.
 */
export const MeetingRescheduleSchema = z.object({
  scheduledAt: meetingFields.scheduledAt,
  durationMinutes: meetingFields.durationMinutes.optional(),
  /** A new place; the old one stays when omitted. */
  place: meetingFields.place.optional(),
  reason: multilineSchema(500).optional(),
});
export type MeetingReschedule = z.infer<typeof MeetingRescheduleSchema>;

/** What the alliance channel hears when a meeting is rescheduled. */
export const MeetingRescheduledSchema = z.object({
  meetingId: IdSchema,
  allianceId: IdSchema,
  title: z.string(),
  /** The new time (ISO). */
  scheduledAt: z.string(),
  /** The time it had before (ISO). */
  previousAt: z.string(),
  place: z.string(),
});
export type MeetingRescheduled = z.infer<typeof MeetingRescheduledSchema>;

export const MeetingListQuerySchema = PageQuerySchema.extend({
  when: z.enum(['upcoming', 'past', 'all']).default('all'),
});

export const MeetingSchema = z.object({
  id: IdSchema,
  alliance: IdSchema,
  /** 第 N 次联席会议 */
  seq: z.number().int(),
  title: z.string(),
  scheduledAt: z.string(),
  durationMinutes: z.number().int(),
  place: z.string(),
  onlineLink: z.string().optional(),
  convenerUnit: RefSchema,
  status: MeetingStatusSchema,
  observers: z.array(IdSchema),
});
export type Meeting = z.infer<typeof MeetingSchema>;

/**
 * What the viewer may do with a meeting, decided by the server's policies (as Outline's
 * `presentPolicies`): the screens show what is allowed instead of re-deriving the rules.
 */
export const MeetingAbilitiesSchema = z.object({
  /** Meeting transitions open over REST to this viewer now (schedule, cancel). */
  transitions: z.array(z.enum(['schedule', 'cancel'])),
  /** Co-edit the agenda and start or edit decision drafts (until the meeting ends). */
  draft: z.boolean(),
  /** Chair the live room (主持): start, take up items, open and close votes, adjourn. */
  chair: z.boolean(),
  /** Take the floor and check in for one's own unit (not an observer unit). */
  speak: z.boolean(),
  /** Move the meeting to another time or place (改期): while it is scheduled, by those who schedule. */
  reschedule: z.boolean(),
});
export type MeetingAbilities = z.infer<typeof MeetingAbilitiesSchema>;

/** One meeting as its own screen reads it: the meeting and what the viewer may do with it. */
export const MeetingDetailSchema = MeetingSchema.extend({ can: MeetingAbilitiesSchema });
export type MeetingDetail = z.infer<typeof MeetingDetailSchema>;
