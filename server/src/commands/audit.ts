import type { AuditAction, DomainEvent } from '@tongxin/shared';
import type { ClientSession, Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import { emit, type CommandContext } from './context.js';

export interface AuditEntry {
  /** e.g. `alliance.create`, `meeting.schedule`: one of the shared list, each with a label. */
  action: AuditAction;
  targetType: 'user' | 'unit' | 'alliance' | 'meeting' | 'decision' | 'vote' | 'action_item';
  targetId: Types.ObjectId | string;
  alliance?: Types.ObjectId | string | undefined;
  /** Short human-readable summaries, not full documents. */
  before?: string | undefined;
  after?: string | undefined;
  /** The domain event of the same change: the audit trail and the event come from one place. */
  event?: DomainEvent | undefined;
}

/** Every state change leaves one: who, what, when, from which unit and address. */
export async function recordAudit(ctx: CommandContext, session: ClientSession, entry: AuditEntry): Promise<void> {
  const { event, ...audit } = entry;
  if (event) emit(ctx, event);
  await ctx.models.AuditEvent.create(
    [
      {
        ...audit,
        actor: ctx.actor.id,
        actorUnit: ctx.actor.unit ?? undefined,
        ip: ctx.ip,
        at: new Date(),
      },
    ],
    { session },
  );
}

export interface LoginAuditEntry {
  action: Extract<AuditAction, `login.${string}`>;
  /** The login as typed (never the password). */
  login: string;
  /** The account it names, when there is one. */
  userId?: Types.ObjectId | string | undefined;
  ip: string;
  /** A short summary after the login, e.g. how long the lock lasts. */
  detail?: string | undefined;
}

/**
 * A refused login: no one is signed in, so there is no actor; the target is the account the
 * login names, or the bare login when it names none. The password is never part of it.
 */
export async function recordLoginAudit(models: Models, entry: LoginAuditEntry): Promise<void> {
  await models.AuditEvent.create({
    action: entry.action,
    ...(entry.userId ? { targetType: 'user', targetId: entry.userId } : { targetType: 'login' }),
    after: summarize({ login: entry.login }) + (entry.detail ? `; ${entry.detail}` : ''),
    ip: entry.ip,
    at: new Date(),
  });
}

/** A compact `key: value` summary of the fields a change touched, for the audit trail. */
export function summarize(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ')
    .slice(0, 500);
}
