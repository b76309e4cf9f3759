import { Router } from 'express';
import type { Health } from '@tongxin/shared';
import type { AppContext } from '../context.js';

/**
 * For load balancers and monitoring. Without its database the server cannot serve (503, `down`);
 * without Redis it still serves, each process on its own (200, `degraded`).
 */
export function healthRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const [dbOk, redisOk] = await Promise.all([ctx.db.ping(), ctx.redis ? ctx.redis.ping() : Promise.resolve(false)]);
    const redisConfigured = ctx.redis !== null;
    const body: Health = {
      status: !dbOk ? 'down' : redisConfigured && !redisOk ? 'degraded' : 'ok',
      version: ctx.version,
      uptimeSeconds: Math.round(process.uptime()),
      db: { mode: ctx.db.mode, ok: dbOk, ...(ctx.db.fallback ? { fallback: ctx.db.fallback } : {}) },
      redis: { configured: redisConfigured, ok: redisOk },
    };
    res.status(dbOk ? 200 : 503).json(body);
  });
  return router;
}
