import { randomBytes } from 'node:crypto';
import type { Models } from '../db/models/index.js';
import { hashToken, sessionByHash, type LiveSession } from './sessions.js';

export const YJS_TICKET_TTL_MS = 60_000;

/** A single-use ticket for `/yjs/<doc>?ticket=…`, valid for a minute, bound to this session. */
export async function issueYjsTicket(models: Models, sessionHash: string): Promise<{ ticket: string; expiresAt: Date }> {
  const ticket = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + YJS_TICKET_TTL_MS);
  await models.YjsTicket.create({ ticketHash: hashToken(ticket), sessionHash, expiresAt });
  return { ticket, expiresAt };
}

/** Spends a ticket: the session it was issued for, if both are still valid. A ticket works once. */
export async function redeemYjsTicket(models: Models, ticket: string): Promise<LiveSession | null> {
  if (ticket.length > 100) return null;
  const spent = await models.YjsTicket.findOneAndDelete({
    ticketHash: hashToken(ticket),
    expiresAt: { $gt: new Date() },
  }).lean();
  return spent ? sessionByHash(models, spent.sessionHash) : null;
}

