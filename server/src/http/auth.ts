import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Actor } from '../auth/actor.js';
import { isSameOrigin, refererOrigin } from '../auth/origin.js';
import { authenticateSession, tokenFrom } from '../auth/sessions.js';
import type { CommandContext } from '../commands/context.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Who is calling, if anyone: `res.locals.actor` is an Actor or null after this. */
export function identify(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    const live = await authenticateSession(ctx.db.models, {
      cookieHeader: req.headers.cookie,
      authorizationHeader: req.headers.authorization,
    });
    res.locals.actor = live?.actor ?? null;
    res.locals.sessionHash = live?.sessionHash ?? null;
    next();
  };
}

/**
 * CSRF: a state-changing request that rides on the session cookie must come from our own
 * origin. Browsers always send Origin on cross-site POSTs; bearer-token clients send no cookie
 * and are not exposed to CSRF at all.
 */
export const sameOriginForCookies: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const creds = tokenFrom({ cookieHeader: req.headers.cookie, authorizationHeader: req.headers.authorization });
  if (creds?.via !== 'cookie' && !req.path.startsWith('/auth/login')) return next();
  const origin = req.headers.origin ?? refererOrigin(req.headers.referer);
  // A login from a non-browser client carries no Origin and no cookie: nothing to forge.
  if (origin === undefined && creds === null) return next();
  if (isSameOrigin(origin, req.headers.host)) return next();
  next(new AppError('FORBIDDEN', 'cross-site request refused'));
};

export function actorOf(res: Response): Actor {
  const actor = res.locals.actor as Actor | null | undefined;
  if (!actor) throw new AppError('UNAUTHENTICATED', 'please log in');
  return actor;
}

/** The session this request rides on (signed in requests only). */
export function sessionHashOf(res: Response): string {
  actorOf(res);
  return res.locals.sessionHash as string;
}

/**
 * Someone signed in with a one-time password (first admin, created or reset by an admin) may read,
 * change that password and log out — nothing else until it is changed: whoever handed it over
 * has seen it. The auth routes (password change, logout) are mounted before this.
 */
export const refuseUntilPasswordChanged: RequestHandler = (req, res, next) => {
  const actor = res.locals.actor as Actor | null | undefined;
  if (actor?.mustChangePassword && !SAFE_METHODS.has(req.method)) {
    return next(new AppError('PASSWORD_CHANGE_REQUIRED', 'change your one-time password first (POST /api/me/password)'));
  }
  next();
};

export const requireActor: RequestHandler = (_req: Request, res: Response, next: NextFunction) => {
  actorOf(res);
  next();
};

/**
 * Runs a command for this request: builds its context, runs it, then publishes the domain events
 * it emitted (broadcasts, access re-checks, timers) before the route answers. Routes run commands
 * only this way, so no change goes unannounced.
 */
export async function perform<T>(app: AppContext, req: Request, res: Response, command: (ctx: CommandContext) => Promise<T>): Promise<T> {
  const ctx: CommandContext = { models: app.db.models, connection: app.db.connection, actor: actorOf(res), ip: req.ip, events: [], clock: app.clock };
  const result = await command(ctx);
  await app.events.publish(ctx.events);
  return result;
}
