import type { Types } from 'mongoose';
import { pointsPolicy } from '../policies/points.js';
import { recordAudit } from './audit.js';
import { emit, inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { readableAlliance } from './loaders.js';

/**
 * 重新核算: recomputes every automatic line of the alliance from its records (after a fix of old
 * data, say). Lines already right stay as they are; manual entries are untouched. Audited with
 * how many lines changed. `rebuild` is the points projection (points/pointsProjector.ts), handed in
 * by the caller as the upload is to the evidence commands.
 */
export async function pointsRebuilder(
  ctx: CommandContext,
  allianceId: string,
  rebuild: (allianceId: Types.ObjectId) => Promise<number>,
): Promise<{ changed: number }> {
  const alliance = await readableAlliance(ctx, allianceId);
  if (!pointsPolicy.canManage(ctx.actor, alliance)) throw forbidden('only a secretary recomputes the points');
  const changed = await rebuild(alliance._id);
  await inTransaction(ctx, (session) =>
    recordAudit(ctx, session, {
      action: 'points.rebuild',
      targetType: 'alliance',
      targetId: alliance._id,
      alliance: alliance._id,
      after: { entries: changed },
    }),
  );
  if (changed > 0) emit(ctx, { type: 'points.changed', allianceId: String(alliance._id) });
  return { changed };
}
