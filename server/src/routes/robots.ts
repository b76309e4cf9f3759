import { Router } from 'express';
import { RobotDeliveryQuerySchema, type RobotPlatform } from '@tongxin/shared';
import { notFound } from '../commands/errors.js';
import { readableAlliance } from '../commands/loaders.js';
import { robotCreator } from '../commands/robotCreator.js';
import { robotDeleter } from '../commands/robotDeleter.js';
import { manageableRobot } from '../commands/robotRules.js';
import { robotUpdater } from '../commands/robotUpdater.js';
import type { AppContext } from '../context.js';
import { actorOf, perform } from '../http/auth.js';
import { postToRobot } from '../notify/robotPlatforms.js';
import { renderTestMessage } from '../notify/robots.js';
import { robotDeliveriesView, robotsView, robotView } from '../views/robots.js';

/** 群机器人 (企业微信 / 钉钉 / 飞书) of an alliance and its units, and their 推送记录. */
export function robotsRouter(ctx: AppContext): Router {
  const router = Router();
  const models = ctx.db.models;
  // Fake platforms in tests listen on http://127.0.0.1; everywhere else a webhook is https.
  const allowLoopbackHttp = ctx.config.NODE_ENV === 'test';

  const respondWithRobot = async (res: import('express').Response, id: import('mongoose').Types.ObjectId, status = 200) => {
    const view = await robotView(models, id);
    if (!view) throw notFound('robot');
    res.status(status).json(view);
  };

  router.get('/alliances/:id/robots', async (req, res) => {
    const actor = actorOf(res);
    const alliance = await readableAlliance({ models, actor }, req.params.id);
    res.json(await robotsView(models, alliance, actor));
  });

  router.post('/alliances/:id/robots', async (req, res) => {
    const robot = await perform(ctx, req, res, (c) =>
      robotCreator(c, { allianceId: req.params.id, input: req.body ?? {}, allowLoopbackHttp }),
    );
    await respondWithRobot(res, robot._id, 201);
  });

  router.patch('/robots/:id', async (req, res) => {
    const robot = await perform(ctx, req, res, (c) =>
      robotUpdater(c, { robotId: req.params.id, patch: req.body ?? {}, allowLoopbackHttp }),
    );
    await respondWithRobot(res, robot._id);
  });

  router.delete('/robots/:id', async (req, res) => {
    await perform(ctx, req, res, (c) => robotDeleter(c, req.params.id));
    res.status(204).end();
  });

  /** Posts a test message now, outside the outbox, and answers with what the platform said. */
  router.post('/robots/:id/test', async (req, res) => {
    const { robot, alliance } = await manageableRobot({ models, actor: actorOf(res) }, req.params.id, { withSecret: true });
    const msg = renderTestMessage(ctx, alliance.name, robot.name, String(alliance._id));
    res.json(await postToRobot(robot.platform as RobotPlatform, robot.webhookUrl, robot.secret ?? null, msg, ctx.clock.now()));
  });

  router.get('/alliances/:id/robot-deliveries', async (req, res) => {
    const actor = actorOf(res);
    const q = RobotDeliveryQuerySchema.parse(req.query);
    const alliance = await readableAlliance({ models, actor }, req.params.id);
    res.json(await robotDeliveriesView(models, alliance, actor, q));
  });

  return router;
}
