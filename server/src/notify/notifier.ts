import type { NotificationKind } from '@tongxin/shared';
import type { AppContext } from '../context.js';
import { deliverNotification } from './notifications.js';

/**
 * One thing to tell people: the one entry point for reminders (scheduler), event notifications
 * (domain-event consumer) and nudges. Idempotent by `key`: the same occurrence notifies each
 * person once and posts to each robot once, however many processes or retries ask.
 */
export interface NotifyRequest {
  /** Unique per occurrence, e.g. `item:<id>:dueSoon:2026-12-10` or `event:<…>`. */
  key: string;
  kind: NotificationKind;
  allianceId: string | null;
  /** Who: people by id; every active person of these units who represents them in the alliance; its secretaries. */
  to: { userIds?: string[]; unitIds?: string[]; secretaries?: boolean };
  /** The message's values by placeholder (see the `notifications` i18n catalogue). */
  params: Record<string, string | number>;
  /** Where it leads in the web app. */
  link: string | null;
  /**
   * Offered to the group robots (企业微信 / 钉钉 / 飞书) of the alliance and of the `to.unitIds`
   * unless false; each robot posts only the kinds it chose (a robot's default kinds are
   * DEFAULT_ROBOT_KINDS), so every kind a secretary ticks is honoured.
   */
  robots?: boolean;
}

/** Implemented in the notification centre (see notifications.ts). */
export async function notify(app: AppContext, req: NotifyRequest): Promise<void> {
  await deliverNotification(app, req);
}
