import { Router } from 'express';
import { NotificationListQuerySchema, NotificationPreferencesSchema } from '@tongxin/shared';
import { allNotificationsReader, notificationReader } from '../commands/notificationReader.js';
import { notificationPreferencesSetter } from '../commands/notificationPreferencesSetter.js';
import type { AppContext } from '../context.js';
import { actorOf, perform } from '../http/auth.js';
import { preferencesOf } from '../notify/notifications.js';
import { presentNotification } from '../presenters/notification.js';
import { unreadCount } from '../queries/notifications.js';
import { notificationPageView } from '../views/notifications.js';

/** 消息中心: each person reads and settles their own notifications, and nobody else's. */
export function notificationsRouter(ctx: AppContext): Router {
  const router = Router();
  const { models } = ctx.db;

  router.get('/notifications', async (req, res) => {
    const q = NotificationListQuerySchema.parse(req.query);
    res.json(await notificationPageView(models, actorOf(res).id, q));
  });

  router.get('/notifications/unread-count', async (_req, res) => {
    res.json({ count: await unreadCount(models, actorOf(res).id) });
  });

  router.get('/notifications/preferences', async (_req, res) => {
    res.json(await preferencesOf(models, actorOf(res).id));
  });

  router.put('/notifications/preferences', async (req, res) => {
    const prefs = NotificationPreferencesSchema.parse(req.body);
    res.json(await perform(ctx, req, res, (c) => notificationPreferencesSetter(c, prefs)));
  });

  router.post('/notifications/read-all', async (req, res) => {
    res.json(await perform(ctx, req, res, (c) => allNotificationsReader(c)));
  });

  router.post('/notifications/:id/read', async (req, res) => {
    res.json(presentNotification(await perform(ctx, req, res, (c) => notificationReader(c, req.params.id))));
  });

  return router;
}
