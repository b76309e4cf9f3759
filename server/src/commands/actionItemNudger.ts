import { acceptsProgress, NUDGE_INTERVAL_MS, nudgeWaitSeconds, type ActionItemStatus, type NudgeCreate } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { actionItemPolicy } from '../policies/actionItem.js';
import { readableActionItem } from './actionItemLoader.js';
import { recordAudit, summarize } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';

/** The refusal of a 催办 sent too soon after the last one, with when the next is accepted. */
function tooSoon(retryAfterSeconds: number) {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new AppError('RATE_LIMITED', `此事项刚催办过，请 ${minutes} 分钟后再催办`, { retryAfterSeconds });
}

/**
 * 催办: a supervisor reminds the lead unit of open work, with a note. The notification centre
 * turns the `actionItem.nudged` event into the message; the item counts the reminders, so the
 * ledger shows how often it had to be chased. One per item in ten minutes: more is noise.
 */
export async function actionItemNudger(ctx: CommandContext, itemId: string, props: NudgeCreate) {
  const { item, alliance, convenerUnit } = await readableActionItem(ctx, itemId);
  if (!actionItemPolicy.canNudge(ctx.actor, alliance, { leadUnit: item.leadUnit, convenerUnit })) {
    throw forbidden('only a secretary or the convener, not the lead unit itself, sends a reminder');
  }
  const status = item.status as ActionItemStatus;
  if (!acceptsProgress(status)) throw new AppError('INVALID_STATE', `an item that is ${status} is not chased`);
  const now = ctx.clock.now();
  const wait = nudgeWaitSeconds(item.nudges.at(-1)?.at ?? null, now);
  if (wait > 0) throw tooSoon(wait);
  const count = item.nudges.length;
  return inTransaction(ctx, async (session) => {
    // Guarded by the number of reminders read: two supervisors at once send one.
    const updated = await ctx.models.ActionItem.findOneAndUpdate(
      { _id: item._id, status, nudges: { $size: count } },
      { $push: { nudges: { note: props.note, by: ctx.actor.id, at: now } } },
      { session, returnDocument: 'after' },
    );
    // Lost the race to another reminder just sent: the full interval applies from it.
    if (!updated) throw tooSoon(NUDGE_INTERVAL_MS / 1000);
    await recordAudit(ctx, session, {
      action: 'actionItem.nudge',
      targetType: 'action_item',
      targetId: item._id,
      alliance: alliance._id,
      event: {
        type: 'actionItem.nudged',
        allianceId: String(alliance._id),
        meetingId: item.meeting ? String(item.meeting) : null,
        itemId: String(item._id),
      },
      after: summarize({ note: props.note || undefined, nudgeCount: count + 1 }),
    });
    return updated;
  });
}
