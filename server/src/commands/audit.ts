import type { AuditAction } from '@tongxin/shared';
import type { ClientSession, Types } from 'mongoose';
import type { CommandContext } from './context.js';

export interface AuditEntry {
  /** e.g. `alliance.create`, `meeting.schedule`: one of the shared list, each with a label. */
  action: AuditAction;
  targetType: 'user' | 'unit' | 'alliance' | 'meeting' | 'decision' | 'vote' | 'action_item';
  targetId: Types.ObjectId | string;
  alliance?: Types.ObjectId | string | undefined;
  /** Short human-readable summaries, not full documents. */
  before?: string | undefined;
  after?: string | undefined;
}

/** Every state change leaves one: who, what, when, from which unit and address. */
export async function recordAudit(ctx: CommandContext, session: ClientSession, entry: AuditEntry): Promise<void> {
  await ctx.models.AuditEvent.create(
    [
      {
        ...entry,
        actor: ctx.actor.id,
        actorUnit: ctx.actor.unit ?? undefined,
        ip: ctx.ip,
        at: new Date(),
      },
    ],
    { session },
  );
}

/** A compact `key: value` summary of the fields a change touched, for the audit trail. */
export function summarize(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ')
    .slice(0, 500);
}
