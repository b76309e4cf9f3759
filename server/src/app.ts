import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import type { AppContext } from './context.js';
import { identify, refuseUntilPasswordChanged, requireActor, sameOriginForCookies } from './http/auth.js';
import { apiNotFound, errorHandler } from './http/errors.js';
import { noStore, securityHeaders } from './http/securityHeaders.js';
import { actionItemsRouter } from './routes/actionItems.js';
import { evidenceRouter } from './routes/evidence.js';
import { alliancesRouter } from './routes/alliances.js';
import { auditRouter } from './routes/audit.js';
import { authRouter } from './routes/auth.js';
import { decisionsRouter } from './routes/decisions.js';
import { testClockRouter } from './routes/testClock.js';
import { healthRouter } from './routes/health.js';
import { meetingsRouter } from './routes/meetings.js';
import { minutesRouter } from './routes/minutes.js';
import { listsRouter } from './routes/lists.js';
import { whistlesRouter } from './routes/whistles.js';
import { ratingsRouter } from './routes/ratings.js';
import { notificationsRouter } from './routes/notifications.js';
import { unitsRouter } from './routes/units.js';
import { usersRouter } from './routes/users.js';
import { votesRouter } from './routes/votes.js';
import { workbenchRouter } from './routes/workbench.js';
import { yjsTicketsRouter } from './routes/yjsTickets.js';
import { robotsRouter } from './routes/robots.js';
import { appraisalsRouter, publicAppraisalsRouter } from './routes/appraisals.js';
import { pointsRouter } from './routes/points.js';
import { committeeRouter } from './routes/committee.js';
import { serviceRouter } from './routes/service.js';

/**
 * The built single-page app; `pnpm build` writes it. `TONGXIN_CLIENT_DIST` points elsewhere (a
 * build made with `vite build --outDir …`, so parallel test runs do not overwrite each other's).
 */
export const CLIENT_DIST = process.env.TONGXIN_CLIENT_DIST
  ? path.resolve(process.env.TONGXIN_CLIENT_DIST)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');

export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders());
  // Every API answer, health included (a monitor must not read a cached one), and the exports.
  app.use('/api', noStore);
  // 述职评议 public links: no sign-in, their own (smaller) body limit, rate-limited per link and address.
  app.use('/api/public', publicAppraisalsRouter(ctx));
  app.use('/api', express.json({ limit: '1mb' }));
  app.use('/api', healthRouter(ctx));
  const testClock = testClockRouter(ctx);
  if (testClock) app.use('/api', testClock);
  app.use('/api', sameOriginForCookies, identify(ctx));
  app.use('/api', authRouter(ctx));
  // Everything below needs a signed-in user, and one whose one-time password has been changed to write.
  app.use('/api', requireActor, refuseUntilPasswordChanged);
  app.use('/api', unitsRouter(ctx), usersRouter(ctx), alliancesRouter(ctx), meetingsRouter(ctx), minutesRouter(ctx), decisionsRouter(ctx), votesRouter(ctx), actionItemsRouter(ctx), yjsTicketsRouter(ctx), auditRouter(ctx), workbenchRouter(ctx), robotsRouter(ctx), notificationsRouter(ctx));
  app.use('/api', listsRouter(ctx));
  app.use('/api', whistlesRouter(ctx));
  app.use('/api', appraisalsRouter(ctx));
  app.use('/api', pointsRouter(ctx));
  app.use('/api', ratingsRouter(ctx));
  app.use('/api', committeeRouter(ctx), serviceRouter(ctx));
  // 佐证材料 (GridFS uploads and downloads) and the cooperating units' parts of action items.
  app.use('/api', evidenceRouter(ctx));
  app.use('/api', apiNotFound);

  if (ctx.config.NODE_ENV === 'production' || fs.existsSync(path.join(CLIENT_DIST, 'index.html'))) {
    serveClient(app, ctx);
  }
  app.use(errorHandler(ctx.log));
  return app;
}

function serveClient(app: Express, ctx: AppContext): void {
  const index = path.join(CLIENT_DIST, 'index.html');
  if (!fs.existsSync(index)) {
    ctx.log.warn({ dir: CLIENT_DIST }, 'client build not found; run `pnpm build` to serve the web app');
    return;
  }
  // Hashed assets never change under their name; index.html must always be revalidated.
  app.use('/assets', express.static(path.join(CLIENT_DIST, 'assets'), { immutable: true, maxAge: '1y' }));
  app.use(express.static(CLIENT_DIST, { index: false, maxAge: 0 }));
  // Client-side routes: any other GET that is not an API or realtime path gets the app shell.
  app.get(/^\/(?!api\/|socket\.io\/|yjs\/).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
