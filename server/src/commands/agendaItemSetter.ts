import { AppError } from '../http/errors.js';
import { roomPolicy } from '../policies/room.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { readableMeeting } from './loaders.js';

export interface AgendaItemProps {
  meetingId: string;
  /** The agenda item now under discussion (its id in the agenda document), or null between items. */
  item: { id: string; title: string } | null;
}

/** The chair moves the meeting to an agenda item; everyone's screen follows. */
export async function agendaItemSetter(ctx: CommandContext, props: AgendaItemProps) {
  const { meeting, alliance } = await readableMeeting(ctx, props.meetingId);
  if (!roomPolicy.canChair(ctx.actor, alliance, meeting)) throw forbidden('only the chair may move through the agenda');
  if (meeting.status !== 'in_session') throw new AppError('INVALID_STATE', `the meeting is ${meeting.status}, not in session`);
  await inTransaction(ctx, async (session) => {
    const before = await ctx.models.RoomState.findOne({ meeting: meeting._id }, { currentItem: 1 }, { session }).lean();
    await ctx.models.RoomState.updateOne({ meeting: meeting._id }, { $set: { currentItem: props.item } }, { session, upsert: true });
    await recordAudit(ctx, session, {
      action: 'meeting.agendaItem',
      targetType: 'meeting',
      targetId: meeting._id,
      alliance: alliance._id,
      before: before?.currentItem?.title ? `item: ${before.currentItem.title}` : 'item: none',
      after: props.item ? `item: ${props.item.title}` : 'item: none',
    });
  });
  return { meeting, alliance };
}
