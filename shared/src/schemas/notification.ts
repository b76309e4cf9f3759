import { z } from 'zod';
import { IdSchema } from './common.js';

/**
 * What a notification (消息) is about. Reminders (提醒) are scheduled from the records (a meeting
 * tomorrow, a deadline in three working days); the others follow a domain event at once. The
 * words are in the `notifications` i18n catalogue, shared by the bell and the group robots.
 */
export const REMINDER_KINDS = [
  'meeting.in24h',
  'meeting.in1h',
  'vote.closingSoon',
  'item.ackOverdue',
  'item.dueSoon',
  'item.dueToday',
  'item.overdue',
  'minutes.awaitingConfirmation',
  'extension.awaitingDecision',
  'project.milestoneDueSoon',
  'project.milestoneDueToday',
  'project.milestoneOverdue',
  'whistle.ackOverdue',
  'whistle.contactOverdue',
  'whistle.reportOverdue',
] as const;

export const EVENT_NOTIFICATION_KINDS = [
  'item.assigned',
  'item.nudged',
  'item.extensionRequested',
  'item.extensionDecided',
  'item.progressReported',
  'item.submitted',
  'item.verified',
  'item.reopened',
  'minutes.generated',
  'minutes.published',
  'whistle.summoned',
  'whistle.closed',
  /** 双报到: an activity a member signed up for was changed (time, place …) or cancelled. */
  'service.activityChanged',
  'service.activityCancelled',
] as const;

export const NOTIFICATION_KINDS = [...REMINDER_KINDS, ...EVENT_NOTIFICATION_KINDS, 'digest.daily'] as const;
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Values the message's words take (a title, a date, a unit's name), by placeholder name. */
export const NotificationParamsSchema = z.record(z.string().max(40), z.union([z.string().max(2_000), z.number()]));

export const NotificationSchema = z.object({
  id: IdSchema,
  kind: NotificationKindSchema,
  allianceId: IdSchema.nullable(),
  params: NotificationParamsSchema,
  /** Where the notification leads in the web app (a path such as `/action-items/…`). */
  link: z.string().max(500).nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  /** Arrived in the person's quiet hours (免打扰): listed and counted, but no pop-up or sound. */
  quiet: z.boolean(),
  /** Held for the daily summary (每日汇总): listed, never counted unread nor announced. */
  digest: z.boolean(),
});
export type Notification = z.infer<typeof NotificationSchema>;

/** The catalogue key of a kind's words: `notifications.kinds.<kind with _>.title` / `.body`. */
export function notificationTextKey(kind: NotificationKind, part: 'title' | 'body'): string {
  return `notifications.kinds.${kind.replace('.', '_')}.${part}`;
}

/** Kinds a person may switch off (the daily summary follows `dailyDigest` instead). */
export const CONFIGURABLE_NOTIFICATION_KINDS = [...REMINDER_KINDS, ...EVENT_NOTIFICATION_KINDS] as const;
export const ConfigurableNotificationKindSchema = z.enum(CONFIGURABLE_NOTIFICATION_KINDS);

/** How the preferences screen groups the kinds: 会议 / 表决 / 督办 / 纪要. */
export const NOTIFICATION_KIND_GROUPS = {
  meeting: ['meeting.in24h', 'meeting.in1h'],
  vote: ['vote.closingSoon'],
  actionItem: [
    'item.assigned',
    'item.ackOverdue',
    'item.dueSoon',
    'item.dueToday',
    'item.overdue',
    'item.nudged',
    'item.extensionRequested',
    'extension.awaitingDecision',
    'item.extensionDecided',
    'item.progressReported',
    'item.submitted',
    'item.verified',
    'item.reopened',
  ],
  minutes: ['minutes.generated', 'minutes.awaitingConfirmation', 'minutes.published'],
  project: ['project.milestoneDueSoon', 'project.milestoneDueToday', 'project.milestoneOverdue'],
  whistle: ['whistle.summoned', 'whistle.ackOverdue', 'whistle.contactOverdue', 'whistle.reportOverdue', 'whistle.closed'],
  service: ['service.activityChanged', 'service.activityCancelled'],
} as const satisfies Record<string, readonly (typeof CONFIGURABLE_NOTIFICATION_KINDS)[number][]>;
export type NotificationKindGroup = keyof typeof NOTIFICATION_KIND_GROUPS;

/**
 * Reminders a person who chose the daily summary (每日汇总) gets folded into one message at 08:30
 * instead of one by one: all but the urgent ones (a meeting within the hour, a vote about to close).
 */
export const DIGESTIBLE_KINDS: readonly NotificationKind[] = REMINDER_KINDS.filter(
  (k) => k !== 'meeting.in1h' && k !== 'vote.closingSoon',
);

/** A wall-clock time of day in Beijing time, `HH:mm`. */
export const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm');

/** 免打扰: messages still arrive in the list, without a pop-up or sound, between `from` and `to` (may span midnight). */
export const QuietHoursSchema = z
  .object({ from: TimeOfDaySchema, to: TimeOfDaySchema })
  .refine((q) => q.from !== q.to, { message: 'the quiet hours must not start and end at the same time', path: ['to'] });
export type QuietHours = z.infer<typeof QuietHoursSchema>;

/** A person's notification settings (消息设置). */
export const NotificationPreferencesSchema = z.object({
  disabledKinds: z
    .array(ConfigurableNotificationKindSchema)
    .max(CONFIGURABLE_NOTIFICATION_KINDS.length)
    .refine((kinds) => new Set(kinds).size === kinds.length, { message: 'each kind at most once' }),
  quietHours: QuietHoursSchema.nullable(),
  dailyDigest: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>;
export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  disabledKinds: [],
  quietHours: null,
  dailyDigest: false,
};

/** `GET /api/notifications`: newest first; `cursor` is the id of the last one of the previous page. */
export const NotificationListQuerySchema = z.object({
  cursor: IdSchema.optional(),
  unread: z
    .enum(['1', '0', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type NotificationListQuery = z.input<typeof NotificationListQuerySchema>;

/** One page of a person's notifications; `nextCursor` is null on the last page. */
export const NotificationPageSchema = z.object({
  items: z.array(NotificationSchema),
  nextCursor: IdSchema.nullable(),
});
export type NotificationPage = z.infer<typeof NotificationPageSchema>;

export const UnreadCountSchema = z.object({ count: z.number().int().min(0) });
export type UnreadCount = z.infer<typeof UnreadCountSchema>;
