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
});
export type Notification = z.infer<typeof NotificationSchema>;

/** The catalogue key of a kind's words: `notifications.kinds.<kind with _>.title` / `.body`. */
export function notificationTextKey(kind: NotificationKind, part: 'title' | 'body'): string {
  return `notifications.kinds.${kind.replace('.', '_')}.${part}`;
}
