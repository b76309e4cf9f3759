import type { AuditAction, AuditTargetKind, DomainEvent } from '@tongxin/shared';
import type { ClientSession, Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import { emit, type CommandContext } from './context.js';

export interface AuditEntry {
  /** e.g. `alliance.create`, `meeting.schedule`: one of the shared list, each with a label. */
  action: AuditAction;
  targetType: Exclude<AuditTargetKind, 'login'>;
  targetId: Types.ObjectId | string;
  alliance?: Types.ObjectId | string | undefined;
  /**
   * The fields the change touched, as raw values (`{ status: from }`, ids, dates), each named in
   * the shared AUDIT_FIELDS so the log can say it in words. A string is an older free-text summary.
   */
  before?: AuditFields | string | undefined;
  after?: AuditFields | string | undefined;
  /** The domain event of the same change: the audit trail and the event come from one place. */
  event?: DomainEvent | undefined;
}

/** Every state change leaves one: who, what, when, from which unit and address. */
export async function recordAudit(ctx: CommandContext, session: ClientSession, entry: AuditEntry): Promise<void> {
  const { event, before, after, ...audit } = entry;
  if (event) emit(ctx, event);
  await ctx.models.AuditEvent.create(
    [
      {
        ...audit,
        ...auditChanges(before, after),
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
  /** More about it, e.g. how long the lock lasts (`{ retryAfterSeconds }`). */
  detail?: AuditFields | undefined;
}

/**
 * A refused login: no one is signed in, so there is no actor; the target is the account the
 * login names, or the bare login when it names none. The password is never part of it.
 */
export async function recordLoginAudit(models: Models, entry: LoginAuditEntry): Promise<void> {
  await models.AuditEvent.create({
    action: entry.action,
    ...(entry.userId ? { targetType: 'user', targetId: entry.userId } : { targetType: 'login' }),
    ...auditChanges(undefined, { login: entry.login, ...entry.detail }),
    ip: entry.ip,
    at: new Date(),
  });
}

/** Raw values of the fields a change touched, by name (see AUDIT_FIELDS in shared). */
export type AuditFields = Record<string, unknown>;

/** The fields a change touched, leaving out those not given. */
export function summarize(fields: AuditFields): AuditFields {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

const MAX_TEXT = 500;

/** A value as it is stored: ids, dates, numbers kept as they are; long texts cut. */
function stored(v: unknown): unknown {
  if (typeof v === 'string') return v.length > MAX_TEXT ? `${v.slice(0, MAX_TEXT)}…` : v;
  if (Array.isArray(v)) return v.map(stored);
  return v;
}

const same = (a: unknown, b: unknown) => JSON.stringify(stored(a)) === JSON.stringify(stored(b));

/**
 * `changes: [{ field, before, after }]` from what a command said before and after; a field that
 * kept its value (the unit that confirmed, say) stays as context, with its value once.
 */
export function auditChanges(before: AuditFields | string | undefined, after: AuditFields | string | undefined) {
  const legacy = {
    ...(typeof before === 'string' ? { before } : {}),
    ...(typeof after === 'string' ? { after } : {}),
  };
  const b = typeof before === 'object' ? before : undefined;
  const a = typeof after === 'object' ? after : undefined;
  if (!b && !a) return legacy;
  const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const changes = fields.flatMap((field) => {
    const was = b?.[field];
    const is = a?.[field];
    if (was === undefined && is === undefined) return [];
    if (was !== undefined && is !== undefined && same(was, is)) return [{ field, after: stored(is) }];
    return [{ field, ...(was !== undefined ? { before: stored(was) } : {}), ...(is !== undefined ? { after: stored(is) } : {}) }];
  });
  return { ...legacy, changes };
}
