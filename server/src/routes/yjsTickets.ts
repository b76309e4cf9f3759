import { Router } from 'express';
import { issueYjsTicket } from '../auth/yjsTickets.js';
import type { AppContext } from '../context.js';
import { actorOf, sessionHashOf } from '../http/auth.js';

/**
 * `POST /api/yjs-ticket`: what a client without the session cookie puts in `/yjs/<doc>?ticket=`
 * instead of its 30-day token. Browsers on our origin need none: the cookie goes along.
 */
export function yjsTicketsRouter(ctx: AppContext): Router {
  const router = Router();
  router.post('/yjs-ticket', (_req, res) => {
    const { ticket, expiresAt } = issueYjsTicket(ctx.config.SESSION_SECRET, sessionHashOf(res), actorOf(res));
    res.status(201).json({ ticket, expiresAt: expiresAt.toISOString() });
  });
  return router;
}
