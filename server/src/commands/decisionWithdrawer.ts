import type { DecisionWithdraw } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { decisionPolicy } from '../policies/decision.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';
import { readableMeeting } from './loaders.js';

/**
 * 撤回: a secretary takes back a draft that will not be put to the vote, saying why. The draft
 * and its frozen versions stay as the record; its live editors turn read-only at once (the
 * `decision.withdrawn` event re-checks every open connection), and it may later be revised into a
 * new draft.
 */
export async function decisionWithdrawer(ctx: CommandContext, decisionId: string, input: DecisionWithdraw) {
  const decision = await ctx.models.Decision.findById(objectId(decisionId, 'decision'));
  if (!decision) throw notFound('decision');
  const { alliance } = await readableMeeting(ctx, String(decision.meeting));
  if (!decisionPolicy.canWithdraw(ctx.actor, alliance, { status: 'drafting' })) throw forbidden('only secretaries withdraw a draft');
  if (decision.status !== 'drafting') {
    throw new AppError('INVALID_STATE', `a decision that is ${decision.status} cannot be withdrawn; only a draft can`);
  }
  return inTransaction(ctx, async (session) => {
    // Compare-and-set: a vote opened on it a moment ago wins, and the withdrawal is refused.
    const withdrawn = await ctx.models.Decision.findOneAndUpdate(
      { _id: decision._id, status: 'drafting' },
      { $set: { status: 'withdrawn', withdrawal: { reason: input.reason, by: ctx.actor.id, at: new Date() } } },
      { session, returnDocument: 'after' },
    );
    if (!withdrawn) throw new AppError('INVALID_STATE', 'the decision is no longer being drafted');
    await recordAudit(ctx, session, {
      action: 'decision.withdraw',
      targetType: 'decision',
      targetId: decision._id,
      event: { type: 'decision.withdrawn', meetingId: String(decision.meeting), allianceId: String(alliance._id), decisionId: String(decision._id) },
      alliance: alliance._id,
      before: { status: 'drafting' },
      after: { status: 'withdrawn', reason: input.reason },
    });
    return withdrawn;
  });
}
