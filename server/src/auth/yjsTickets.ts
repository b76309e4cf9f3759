import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Models } from '../db/models/index.js';
import type { Actor } from './actor.js';
import { hashToken } from './sessions.js';

export const YJS_TICKET_TTL_MS = 60_000;
/** Longer query values are not tickets (a ticket is about 250 characters). */
const MAX_TICKET_LENGTH = 600;

/** What a ticket says, signed: the session it is bound to, and who held it when it was issued. */
export interface TicketClaims {
  sessionHash: string;
  /** Hints, checked when the ticket is used: the session must still name this user. */
  userHint: string;
  unitHint: string | null;
  expiresAt: Date;
}

interface Payload {
  s: string;
  u: string;
  n: string | null;
  e: number;
  /** Makes every ticket distinct (it is spent by its hash). */
  r: string;
}

/**
 * A single-use ticket for `/yjs/<doc>?ticket=…`, valid for a minute, bound to this session. It is
 * signed with a key derived from `SESSION_SECRET` rather than stored: the upgrade knows it genuine
 * without a database round trip and starts loading the document at once. It is spent by storing
 * its hash (a second use finds it there), and the session it names must still be live.
 */
export function issueYjsTicket(
  secret: string,
  sessionHash: string,
  actor: Pick<Actor, 'id' | 'unit'>,
  now = Date.now(),
): { ticket: string; expiresAt: Date } {
  const expiresAt = new Date(now + YJS_TICKET_TTL_MS);
  const payload: Payload = { s: sessionHash, u: actor.id, n: actor.unit, e: expiresAt.getTime(), r: randomBytes(9).toString('base64url') };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return { ticket: `${body}.${mac(secret, body)}`, expiresAt };
}

/** The claims of a genuine, unexpired ticket, or null. Does not spend it. */
export function readYjsTicket(secret: string, ticket: string, now = Date.now()): TicketClaims | null {
  if (ticket.length > MAX_TICKET_LENGTH) return null;
  const [body, signature, extra] = ticket.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
  } catch {
    return null;
  }
  if (typeof payload.e !== 'number' || payload.e <= now) return null;
  return { sessionHash: payload.s, userHint: payload.u, unitHint: payload.n, expiresAt: new Date(payload.e) };
}

/**
 * Spends a ticket: true the first time, false ever after (its hash is kept until it would have
 * expired anyway; the unique index decides between two uses at the same instant).
 */
export async function spendYjsTicket(models: Models, ticket: string, claims: TicketClaims): Promise<boolean> {
  try {
    await models.YjsTicket.create({ ticketHash: hashToken(ticket), expiresAt: claims.expiresAt });
    return true;
  } catch (err) {
    if ((err as { code?: unknown }).code === 11000) return false;
    throw err;
  }
}

function mac(secret: string, body: string): string {
  return createHmac('sha256', `yjs-ticket:${secret}`).update(body).digest('base64url');
}
