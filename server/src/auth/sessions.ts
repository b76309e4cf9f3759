import { createHash, randomBytes } from 'node:crypto';
import { parse as parseCookie } from 'cookie';
import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import type { Actor } from './actor.js';

export const SESSION_COOKIE = 'tongxin_session';
const DAY = 24 * 3600 * 1000;
export const SESSION_TTL_MS = { cookie: 7 * DAY, bearer: 30 * DAY } as const;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  models: Models,
  userId: Types.ObjectId | string,
  kind: 'cookie' | 'bearer',
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS[kind]);
  await models.Session.create({ tokenHash: hashToken(token), user: userId, kind, expiresAt });
  return { token, expiresAt };
}

export async function revokeSession(models: Models, token: string): Promise<void> {
  await models.Session.deleteOne({ tokenHash: hashToken(token) });
}

/** Credentials as they arrive on any transport: REST, Socket.IO handshake, Yjs upgrade. */
export interface Credentials {
  cookieHeader?: string | undefined;
  authorizationHeader?: string | undefined;
  /** Socket.IO `auth: { token }` or the Yjs endpoint's `?token=`. */
  token?: string | undefined;
}

/** The token in a request, bearer first: a client that sends one means it. */
export function tokenFrom(creds: Credentials): { token: string; via: 'bearer' | 'cookie' } | null {
  const bearer = creds.authorizationHeader?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? creds.token;
  if (bearer) return { token: bearer, via: 'bearer' };
  const cookie = creds.cookieHeader ? parseCookie(creds.cookieHeader)[SESSION_COOKIE] : undefined;
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/**
 * The one helper every transport calls to learn who is connecting. Returns null for missing,
 * unknown or expired credentials.
 */
export async function authenticate(models: Models, creds: Credentials): Promise<Actor | null> {
  return (await authenticateSession(models, creds))?.actor ?? null;
}

/** A live session: who it is and which session, so that open connections can be bound to it. */
export interface LiveSession {
  actor: Actor;
  /** SHA-256 of the session token: what logout and password changes end. */
  sessionHash: string;
}

export async function authenticateSession(
  models: Models,
  creds: Credentials,
  opts?: SessionLookup,
): Promise<LiveSession | null> {
  const found = tokenFrom(creds);
  if (!found || found.token.length > 200) return null;
  return sessionByHash(models, hashToken(found.token), opts);
}

export interface SessionLookup {
  /**
   * Who the session was issued to (a Yjs ticket records it): the session and the user are then
   * read side by side. The session must still name that user, else the user is read again.
   */
  userHint?: string | undefined;
  /** Told once the session is found live, before the user is read (to start work in parallel). */
  onSession?: () => void;
}

/**
 * The session behind a hash as it is now, or null once it ended (logout, password change or
 * reset, expiry). Open connections ask this again whenever access may have changed.
 */
export async function sessionByHash(
  models: Models,
  sessionHash: string,
  opts: SessionLookup = {},
): Promise<LiveSession | null> {
  const { userHint, onSession } = opts;
  const [session, hinted] = await Promise.all([
    models.Session.findOne({ tokenHash: sessionHash }).lean(),
    userHint ? models.User.findById(userHint).lean() : null,
  ]);
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  onSession?.();
  const user =
    hinted && String(hinted._id) === String(session.user) ? hinted : await models.User.findById(session.user).lean();
  // Deactivation deletes the sessions too; this covers one created in the same instant.
  if (!user || user.active === false) return null;
  const actor = {
    id: String(user._id),
    name: user.name,
    unit: user.unit ? String(user.unit) : null,
    isAdmin: user.isAdmin,
    mustChangePassword: user.mustChangePassword === true,
  };
  return { actor, sessionHash };
}
