import { Router } from 'express';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth.js';
import { workbenchView } from '../views/workbench.js';

/** 工作台: what is waiting for the signed-in person (minutes to confirm, minutes to publish). */
export function workbenchRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/workbench', async (_req, res) => {
    res.json(await workbenchView(ctx.db.models, actorOf(res)));
  });
  return router;
}
