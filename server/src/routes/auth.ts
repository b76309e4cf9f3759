import { Router, type Request } from 'express';
import { serialize } from 'cookie';
import { LoginRequestSchema, PasswordChangeSchema } from '@tongxin/shared';
import {
  DEFAULT_LOGIN_LIMITS,
  MemoryLoginLimiter,
  RedisLoginLimiter,
  type LoginLimiter,
} from '../auth/loginRateLimit.js';
import { verifyPassword } from '../auth/passwords.js';
import { createSession, hashToken, revokeSession, SESSION_COOKIE, SESSION_TTL_MS, tokenFrom } from '../auth/sessions.js';
import { recordLoginAudit } from '../commands/audit.js';
import { passwordChanger } from '../commands/passwordChanger.js';
import type { AppContext } from '../context.js';
import { actorOf, perform } from '../http/auth.js';
import { AppError } from '../errors.js';
import { presentUser } from '../presenters/user.js';
import { meView } from '../views/me.js';

export function authRouter(ctx: AppContext): Router {
  const router = Router();
  // Shared by every process when there is Redis, so a limit is one limit however many run.
  const limiter: LoginLimiter = ctx.redis
    ? new RedisLoginLimiter(ctx.redis.pub, DEFAULT_LOGIN_LIMITS, `tongxin:${ctx.config.MONGODB_DB}:login-failures:`)
    : new MemoryLoginLimiter();

  /**
   * Checks login + password; the answer never says which of the two was wrong. A failure, and the
   * failure that locks a login or an address out, each leave a log line and an audit event naming
   * the login and the address — never the password. Attempts refused while locked are logged
   * only, so that hammering a locked login cannot fill the audit log.
   */
  async function checkCredentials(req: Request) {
    const { login, password } = LoginRequestSchema.parse(req.body);
    const ip = req.ip ?? 'unknown';
    const wait = await limiter.retryAfter(login, ip);
    if (wait > 0) {
      const retryAfterSeconds = Math.ceil(wait / 1000);
      ctx.log.warn({ login, ip, retryAfterSeconds }, 'login refused: locked after repeated failures');
      throw new AppError('RATE_LIMITED', 'too many failed logins; try again later', { retryAfterSeconds });
    }
    const user = await ctx.db.models.User.findOne({ login }).select('+passwordHash');
    if (!(await verifyPassword(password, user?.passwordHash)) || !user) {
      await limiter.recordFailure(login, ip);
      const userId = user?._id;
      ctx.log.warn({ login, ip, user: userId ? String(userId) : null }, 'login failed');
      await recordLoginAudit(ctx.db.models, { action: 'login.failed', login, userId, ip });
      const locked = await limiter.retryAfter(login, ip);
      if (locked > 0) {
        const retryAfterSeconds = Math.ceil(locked / 1000);
        ctx.log.warn({ login, ip, retryAfterSeconds }, 'login locked after repeated failures');
        await recordLoginAudit(ctx.db.models, {
          action: 'login.locked',
          login,
          userId,
          ip,
          detail: { retryAfterSeconds },
        });
      }
      throw new AppError('UNAUTHENTICATED', 'wrong login or password');
    }
    await limiter.recordSuccess(login);
    // Said only to someone who knows the password: it tells nothing to a guesser.
    if (user.active === false) {
      ctx.log.info({ login, ip, user: String(user._id) }, 'login refused: account deactivated');
      throw new AppError('ACCOUNT_DEACTIVATED', 'this account has been deactivated');
    }
    return user;
  }

  router.post('/auth/login', async (req, res) => {
    const user = await checkCredentials(req);
    const { token } = await createSession(ctx.db.models, user._id, 'cookie');
    res.setHeader('Set-Cookie', sessionCookie(req, token, SESSION_TTL_MS.cookie / 1000));
    ctx.log.info({ user: String(user._id) }, 'login');
    res.json({ user: presentUser(user) });
  });

  router.post('/auth/token', async (req, res) => {
    const user = await checkCredentials(req);
    const { token, expiresAt } = await createSession(ctx.db.models, user._id, 'bearer');
    res.json({ token, expiresAt: expiresAt.toISOString(), user: presentUser(user) });
  });

  router.post('/auth/logout', async (req, res) => {
    const found = tokenFrom({ cookieHeader: req.headers.cookie, authorizationHeader: req.headers.authorization });
    if (found) {
      await revokeSession(ctx.db.models, found.token);
      await ctx.events.publish([{ type: 'session.ended', sessionHash: hashToken(found.token) }]);
    }
    res.setHeader('Set-Cookie', sessionCookie(req, '', 0));
    res.status(204).end();
  });

  router.get('/me', async (_req, res) => {
    res.json(await meView(ctx.db.models, actorOf(res)));
  });

  router.post('/me/password', async (req, res) => {
    await perform(ctx, req, res, (c) => passwordChanger(c, PasswordChangeSchema.parse(req.body)));
    res.setHeader('Set-Cookie', sessionCookie(req, '', 0));
    res.status(204).end();
  });

  return router;
}

function sessionCookie(req: Request, value: string, maxAgeSeconds: number): string {
  return serialize(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    maxAge: maxAgeSeconds,
  });
}
