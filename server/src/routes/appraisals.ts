import express, { Router, type Request, type Response } from 'express';
import { appraisalCreator, appraisalEditor } from '../commands/appraisalCreator.js';
import { appraisalLinkIssuer, appraisalLinkRevoker, hashLinkToken } from '../commands/appraisalLinks.js';
import { readableAppraisal } from '../commands/appraisalLoaders.js';
import { appraisalPublicScorer, usableLink, type PublicContext } from '../commands/appraisalPublicScorer.js';
import { appraisalScorer } from '../commands/appraisalScorer.js';
import { appraisalCloser, appraisalOpener } from '../commands/appraisalStatusChanger.js';
import { readableAlliance } from '../commands/loaders.js';
import { MemoryLoginLimiter, RedisLoginLimiter, type LoginLimiter, type LoginLimits } from '../auth/loginRateLimit.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { actorOf, perform } from '../http/auth.js';
import { appraisalList, appraisalView, linkView, publicAppraisalView } from '../views/appraisal.js';

/** 述职评议 for signed-in members: sessions, their reports, scoring by units, links for the public. */
export function appraisalsRouter(ctx: AppContext): Router {
  const router = Router();
  const { models } = ctx.db;
  const reader = (res: Response) => ({ models, actor: actorOf(res) });
  const answer = async (res: Response, id: string, status = 200) => {
    const { appraisal, alliance } = await readableAppraisal(reader(res), id);
    res.status(status).json(await appraisalView(models, appraisal, alliance, actorOf(res)));
  };

  router.get('/alliances/:id/appraisals', async (req, res) => {
    const alliance = await readableAlliance(reader(res), req.params.id);
    res.json(await appraisalList(models, alliance, actorOf(res)));
  });
  router.post('/alliances/:id/appraisals', async (req, res) => {
    const created = await perform(ctx, req, res, (c) => appraisalCreator(c, ctx.yjs, req.params.id, req.body));
    await answer(res, String(created._id), 201);
  });
  router.get('/appraisals/:id', async (req, res) => {
    await answer(res, req.params.id);
  });
  router.patch('/appraisals/:id', async (req, res) => {
    await perform(ctx, req, res, (c) => appraisalEditor(c, ctx.yjs, req.params.id, req.body));
    await answer(res, req.params.id);
  });
  router.post('/appraisals/:id/open', async (req, res) => {
    await perform(ctx, req, res, (c) => appraisalOpener(c, req.params.id));
    await answer(res, req.params.id);
  });
  router.post('/appraisals/:id/close', async (req, res) => {
    await perform(ctx, req, res, (c) => appraisalCloser(c, req.params.id));
    await answer(res, req.params.id);
  });
  router.post('/appraisals/:id/scores', async (req, res) => {
    await perform(ctx, req, res, (c) => appraisalScorer(c, req.params.id, req.body));
    await answer(res, req.params.id, 201);
  });
  router.post('/appraisals/:id/links', async (req, res) => {
    const made = await perform(ctx, req, res, (c) => appraisalLinkIssuer(c, req.params.id, req.body ?? {}));
    const base = ctx.config.PUBLIC_URL ?? `${req.protocol}://${req.get('host')}`;
    res.status(201).json({ links: made.map(({ link, token }) => linkView(link, `${base}/p/appraisal/${token}`)) });
  });
  router.post('/appraisals/:id/links/:linkId/revoke', async (req, res) => {
    await perform(ctx, req, res, (c) => appraisalLinkRevoker(c, req.params.id, req.params.linkId));
    await answer(res, req.params.id);
  });
  return router;
}

/** Wrong tokens per link and per address, as failed logins are counted (see auth/loginRateLimit.ts). */
export const PUBLIC_LINK_LIMITS: LoginLimits = { perLogin: 10, perIp: 30, windowMs: 15 * 60 * 1000 };
/** A whole scoring of sixty reports with comments fits well within this. */
const PUBLIC_BODY_LIMIT = '256kb';
/**
 * Only a guess counts as a wrong try: a link that exists (used, expired or revoked included) is
 * never limited, so thirty representatives behind one meeting-hall address reopening their used
 * links — or someone guessing tokens from that address — never lock the others out of scoring.
 */
const FAILURES = new Set(['NOT_FOUND']);

/**
 * 群众代表 score through a link, without an account: `/api/public/appraisals/:token`. Mounted
 * before sign-in and before the app's body parser, with a smaller body limit of its own; wrong
 * tokens are rate-limited like failed logins, per link and per address.
 */
export function publicAppraisalsRouter(ctx: AppContext): Router {
  const router = Router();
  const now = () => ctx.clock.now().getTime();
  const limiter: LoginLimiter = ctx.redis
    ? new RedisLoginLimiter(ctx.redis.pub, PUBLIC_LINK_LIMITS, `tongxin:${ctx.config.MONGODB_DB}:appraisal-link-failures:`, now)
    : new MemoryLoginLimiter(PUBLIC_LINK_LIMITS, now);

  /** Runs a public handler under the limiter: refused while limited, a wrong try counted. */
  const limited = (handler: (req: Request<{ token: string }>, res: Response, key: string) => Promise<void>) => async (req: Request<{ token: string }>, res: Response) => {
    const hash = hashLinkToken(req.params.token);
    const key = hash.slice(0, 32);
    const ip = req.ip ?? '';
    const known = req.params.token.length <= 100 && (await ctx.db.models.AppraisalLink.exists({ tokenHash: hash })) !== null;
    const wait = known ? 0 : await limiter.retryAfter(key, ip);
    if (wait > 0) {
      res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
      throw new AppError('RATE_LIMITED', 'too many attempts; try again later', { retryAfterSeconds: Math.ceil(wait / 1000) });
    }
    try {
      await handler(req, res, key);
    } catch (err) {
      if (err instanceof AppError && FAILURES.has(err.code)) await limiter.recordFailure(key, ip);
      throw err;
    }
  };

  router.use(express.json({ limit: PUBLIC_BODY_LIMIT }));
  router.get(
    '/appraisals/:token',
    limited(async (req, res) => {
      const found = await usableLink({ models: ctx.db.models, clock: ctx.clock }, req.params.token);
      res.json(await publicAppraisalView(ctx.db.models, ctx.yjs, found));
    }),
  );
  router.post(
    '/appraisals/:token/scores',
    limited(async (req, res, key) => {
      const pc: PublicContext = { models: ctx.db.models, connection: ctx.db.connection, clock: ctx.clock, ip: req.ip, events: [] };
      await appraisalPublicScorer(pc, req.params.token, req.body);
      await limiter.recordSuccess(key);
      await ctx.events.publish(pc.events);
      res.status(204).end();
    }),
  );
  return router;
}
