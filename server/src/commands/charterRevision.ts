import type { ClientSession, Types } from 'mongoose';
import type { CommandContext } from './context.js';

/**
 * Keeps the charter's history (章程修订记录): each text it is given, by whom and when, in its own
 * collection. An alliance founded before versions were kept gets its earlier text recorded first,
 * with no author, so the first amendment still shows what it replaced.
 */
export async function recordCharterRevision(
  ctx: CommandContext,
  session: ClientSession,
  alliance: { _id: Types.ObjectId; createdAt?: Date | null | undefined },
  previous: string,
  text: string,
): Promise<void> {
  const { CharterRevision } = ctx.models;
  const at = new Date();
  const known = await CharterRevision.exists({ alliance: alliance._id }).session(session);
  const docs: Record<string, unknown>[] = [];
  if (!known && previous)
    docs.push({ alliance: alliance._id, text: previous, at: alliance.createdAt ?? new Date(at.getTime() - 1) });
  docs.push({ alliance: alliance._id, text, by: ctx.actor.id, byUnit: ctx.actor.unit ?? undefined, at });
  await CharterRevision.create(docs, { session, ordered: true });
}
