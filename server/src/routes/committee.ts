import { Router } from 'express';
import { committeeSetter } from '../commands/committeeSetter.js';
import { readableAlliance } from '../commands/loaders.js';
import type { AppContext } from '../context.js';
import { actorOf, perform } from '../http/auth.js';
import { committeeView } from '../views/committee.js';

/** 委员名单 of an alliance (大工委: 书记, 副书记, 委员, 兼职委员). */
export function committeeRouter(ctx: AppContext): Router {
  const router = Router();
  const { models } = ctx.db;

  router.get('/alliances/:id/committee', async (req, res) => {
    const alliance = await readableAlliance({ models, actor: actorOf(res) }, req.params.id);
    res.json(await committeeView(models, alliance, actorOf(res)));
  });
  router.put('/alliances/:id/committee', async (req, res) => {
    const alliance = await perform(ctx, req, res, (c) => committeeSetter(c, req.params.id, req.body));
    res.json(await committeeView(models, alliance, actorOf(res)));
  });
  return router;
}
