import { meetingPhase } from '@tongxin/shared';
import type { DecisionCreate } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { alliancePolicy } from '../policies/alliance.js';
import { recordAudit, summarize } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { readableMeeting } from './loaders.js';


/** Starts a decision draft (决议) for a meeting; its text is then co-edited live. */
export async function decisionCreator(ctx: CommandContext, meetingId: string, input: DecisionCreate) {
  const { meeting, alliance } = await readableMeeting(ctx, meetingId);
  if (!alliancePolicy.canEdit(ctx.actor, alliance)) throw forbidden('only secretaries and representatives draft decisions');
  if (!meetingPhase.openForDrafting(meeting.status)) {
    throw new AppError('INVALID_STATE', `a meeting that is ${meeting.status} takes no new decisions`);
  }
  return inTransaction(ctx, async (session) => {
    const [decision] = await ctx.models.Decision.create(
      [{ ...input, meeting: meeting._id, alliance: alliance._id, status: 'drafting' }],
      { session },
    );
    await recordAudit(ctx, session, {
      action: 'decision.create',
      targetType: 'decision',
      targetId: decision!._id,
      event: { type: 'decision.created', meetingId: String(meeting._id), allianceId: String(alliance._id), decisionId: String(decision!._id) },
      alliance: alliance._id,
      after: summarize({ title: input.title, meeting: meeting._id }),
    });
    return decision!;
  });
}
