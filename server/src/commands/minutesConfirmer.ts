import type { MinutesConfirm } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { minutesPolicy } from '../policies/minutes.js';
import { recordAudit, summarize } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, objectId } from './errors.js';
import { readableMinutes } from './minutesLoader.js';

/**
 * A member unit confirms the draft minutes (确认) or comments on them (提出意见). Its latest answer
 * counts: a unit may change it until the minutes are published.
 */
export async function minutesConfirmer(ctx: CommandContext, meetingId: string, input: MinutesConfirm) {
  const { alliance, minutes } = await readableMinutes(ctx, meetingId);
  if (minutes.status !== 'draft') throw new AppError('INVALID_STATE', 'the minutes are published; answers are closed');
  const mine = minutesPolicy.confirmFor(ctx.actor, alliance, minutes);
  let unit: string;
  if (input.unitId !== undefined) {
    if (!mine.includes(input.unitId)) throw forbidden('you do not represent that voting member unit');
    unit = input.unitId;
  } else if (mine.length === 1) {
    unit = mine[0]!;
  } else if (mine.length === 0) {
    throw forbidden('only representatives of voting member units confirm the minutes');
  } else {
    throw new AppError('VALIDATION', 'you represent several units: say which one answers', { field: 'unitId' });
  }
  const unitId = objectId(unit, 'unit');
  const comment = input.comment !== undefined && input.comment !== '' ? input.comment : null;

  return inTransaction(ctx, async (session) => {
    const previous = minutes.confirmations.find((c) => String(c.unit) === unit);
    // Conditional on `draft`, so an answer racing the publication is refused, not lost.
    const pulled = await ctx.models.Minutes.updateOne(
      { _id: minutes._id, status: 'draft' },
      { $pull: { confirmations: { unit: unitId } } },
      { session },
    );
    if (pulled.matchedCount === 0) throw new AppError('INVALID_STATE', 'the minutes are published; answers are closed');
    const updated = await ctx.models.Minutes.findOneAndUpdate(
      { _id: minutes._id, status: 'draft' },
      { $push: { confirmations: { unit: unitId, state: input.state, user: ctx.actor.id, comment, at: new Date() } } },
      { session, returnDocument: 'after' },
    );
    if (!updated) throw new AppError('INVALID_STATE', 'the minutes are published; answers are closed');
    await recordAudit(ctx, session, {
      action: input.state === 'confirmed' ? 'minutes.confirm' : 'minutes.comment',
      targetType: 'meeting',
      targetId: minutes.meeting,
      alliance: alliance._id,
      event: { type: 'minutes.answered', meetingId: String(minutes.meeting), allianceId: String(alliance._id) },
      before: previous ? summarize({ unit, state: previous.state }) : undefined,
      after: summarize({ unit, state: input.state, comment: comment ?? undefined }),
    });
    return updated;
  });
}
