import type { NotificationPage } from '@tongxin/shared';
import type { Models } from '../db/models/index.js';
import { presentNotification } from '../presenters/notification.js';
import { notificationPage } from '../queries/notifications.js';

/** One page of a person's notifications, as the bell and the list show them. */
export async function notificationPageView(
  models: Models,
  userId: string,
  q: { cursor?: string | undefined; unread: boolean; limit: number },
): Promise<NotificationPage> {
  const { items, nextCursor } = await notificationPage(models, userId, q);
  return { items: items.map(presentNotification), nextCursor };
}
