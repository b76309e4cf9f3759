import { canStillReopen, WhistleCloseSchema, WhistleReopenSchema, type WhistleClose } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { whistlePolicy } from '../policies/whistle.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { readableWhistle, whistleClocksOf } from './whistleLoaders.js';

/**
 * 办结评价: the whistler closes the whistle once the 主责 department has reported, rating every
 * summoned department's response (满意 / 基本满意 / 不满意, with a comment). A department that never
 * reported is still rated — that is what the rating is for.
 */
export async function whistleCloser(ctx: CommandContext, whistleId: string, input: WhistleClose) {
  const props = WhistleCloseSchema.parse(input);
  const { whistle, alliance } = await readableWhistle(ctx, whistleId);
  if (!whistlePolicy.canClose(ctx.actor, alliance, whistle)) throw forbidden('only the whistling unit closes and rates a whistle');
  if (whistle.status !== 'open') throw new AppError('INVALID_STATE', 'the whistle is already closed');
  const lead = whistle.departments.find((d) => d.role === 'lead')!;
  if (!lead.reportedAt) throw new AppError('INVALID_STATE', 'the lead department has not reported yet');
  const summoned = whistle.departments.map((d) => String(d.unit));
  const rated = props.ratings.map((r) => r.unit);
  if (rated.length !== summoned.length || !summoned.every((u) => rated.includes(u))) {
    throw new AppError('VALIDATION', 'rate every summoned department once', { field: 'ratings' });
  }
  const now = ctx.clock.now();
  return inTransaction(ctx, async (session) => {
    const departments = whistle.departments.map((d) => {
      const r = props.ratings.find((x) => x.unit === String(d.unit))!;
      return { ...d.toObject(), rating: { value: r.rating, comment: r.comment, at: now } };
    });
    const updated = await ctx.models.Whistle.findOneAndUpdate(
      { _id: whistle._id, status: 'open' },
      { $set: { status: 'closed', closedAt: now, closedBy: ctx.actor.id, departments } },
      { session, returnDocument: 'after' },
    );
    if (!updated) throw new AppError('CONFLICT', 'the whistle changed meanwhile; reload it');
    await recordAudit(ctx, session, {
      action: 'whistle.close',
      targetType: 'whistle',
      targetId: whistle._id,
      alliance: alliance._id,
      event: { type: 'whistle.closed', allianceId: String(alliance._id), whistleId: String(whistle._id) },
      before: { status: 'open' },
      after: { status: 'closed' },
    });
    return updated;
  });
}

/** Reopening: the whistler, within the alliance's reopening time; the ratings are cleared. */
export async function whistleReopener(ctx: CommandContext, whistleId: string, input: { reason: string }) {
  const props = WhistleReopenSchema.parse(input);
  const { whistle, alliance } = await readableWhistle(ctx, whistleId);
  if (!whistlePolicy.canClose(ctx.actor, alliance, whistle)) throw forbidden('only the whistling unit reopens a whistle');
  if (whistle.status !== 'closed') throw new AppError('INVALID_STATE', 'the whistle is open');
  const { reopenDays } = await whistleClocksOf(ctx.models, alliance._id);
  const now = ctx.clock.now();
  if (!canStillReopen(whistle.closedAt ?? null, now, reopenDays)) {
    throw new AppError('INVALID_STATE', `a whistle may be reopened within ${reopenDays} days of closing`);
  }
  return inTransaction(ctx, async (session) => {
    const updated = await ctx.models.Whistle.findOneAndUpdate(
      { _id: whistle._id, status: 'closed' },
      {
        $set: { status: 'open', closedAt: null, closedBy: null, departments: whistle.departments.map((d) => ({ ...d.toObject(), rating: null })) },
        $push: { reopenings: { at: now, by: ctx.actor.id, reason: props.reason } },
      },
      { session, returnDocument: 'after' },
    );
    if (!updated) throw new AppError('CONFLICT', 'the whistle changed meanwhile; reload it');
    await recordAudit(ctx, session, {
      action: 'whistle.reopen',
      targetType: 'whistle',
      targetId: whistle._id,
      alliance: alliance._id,
      event: { type: 'whistle.reopened', allianceId: String(alliance._id), whistleId: String(whistle._id) },
      before: { status: 'closed' },
      after: { status: 'open', reason: props.reason },
    });
    return updated;
  });
}
