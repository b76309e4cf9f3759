import { Router } from 'express';
import { AuditQuerySchema } from '@tongxin/shared';
import { forbidden } from '../commands/errors.js';
import type { AppContext } from '../context.js';
import { actorOf } from '../http/auth.js';
import { auditLogView } from '../views/auditLog.js';

/**
 * The installation's own log: what happened outside any alliance — units and people administered,
 * refused logins, the first administrator. Each alliance's log is under /alliances/:id/audit.
 */
export function auditRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/audit', async (req, res) => {
    const actor = actorOf(res);
    if (!actor.isAdmin) throw forbidden('only administrators read the system audit log');
    const q = AuditQuerySchema.parse(req.query);
    res.json(await auditLogView(ctx.db.models, { alliance: null }, q, { withIp: true }));
  });

  return router;
}
