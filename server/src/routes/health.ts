import { Router } from 'express';
import type { Health } from '@tongxin/shared';
import type { AppContext } from '../context.js';

export function healthRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const [dbOk, redisOk] = await Promise.all([ctx.db.ping(), ctx.redis ? ctx.redis.ping() : Promise.resolve(false)]);
    const redisConfigured = ctx.redis !== null;
    const body: Health = {
      status: dbOk && (!redisConfigured || redisOk) ? 'ok' : 'degraded',
      version: ctx.version,
      uptimeSeconds: Math.round(process.uptime()),
      db: { mode: ctx.db.mode, ok: dbOk },
      redis: { configured: redisConfigured, ok: redisOk },
    };
    res.status(body.status === 'ok' ? 200 : 503).json(body);
  });
  return router;
}
