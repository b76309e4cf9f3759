import { docName } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { roomPolicy } from '../policies/room.js';
import { markCurrent, readAgenda } from '../yjs/agenda.js';
import type { DocRegistry } from '../yjs/registry.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound } from './errors.js';
import { readableMeeting } from './loaders.js';

export interface AgendaItemProps {
  meetingId: string;
  /** The agenda item now under discussion (its id in the agenda document), or null between items. */
  item: { id: string } | null;
}

/**
 * The chair moves the meeting to an agenda item; everyone's screen follows. The item must be on
 * the agenda document; it becomes `current` there (the previous one `done`), and the room state
 * remembers since when, for the timer.
 */
export async function agendaItemSetter(ctx: CommandContext, agendaDocs: DocRegistry, props: AgendaItemProps) {
  const { meeting, alliance } = await readableMeeting(ctx, props.meetingId);
  if (!roomPolicy.canChair(ctx.actor, alliance, meeting)) throw forbidden('only the chair may move through the agenda');
  if (meeting.status !== 'in_session')
    throw new AppError('INVALID_STATE', `the meeting is ${meeting.status}, not in session`);
  const name = docName({ kind: 'agenda', meetingId: String(meeting._id) });
  return agendaDocs.with(name, async (doc) => {
    const entry = props.item ? readAgenda(doc.ydoc).find((e) => e.id === props.item!.id) : null;
    if (props.item && !entry) throw notFound('agenda item');
    await inTransaction(ctx, async (session) => {
      const before = await ctx.models.RoomState.findOne(
        { meeting: meeting._id },
        { currentItem: 1 },
        { session },
      ).lean();
      const currentItem = entry ? { id: entry.id, title: entry.title, since: new Date() } : null;
      await ctx.models.RoomState.updateOne(
        { meeting: meeting._id },
        { $set: { currentItem } },
        { session, upsert: true },
      );
      await recordAudit(ctx, session, {
        action: 'meeting.agendaItem',
        targetType: 'meeting',
        targetId: meeting._id,
        event: { type: 'meeting.agendaItemSet', meetingId: String(meeting._id), allianceId: String(alliance._id) },
        alliance: alliance._id,
        before: { item: before?.currentItem?.title ?? null },
        after: { item: entry?.title ?? null },
      });
    });
    // After the commit: the document follows the record, and everyone editing the agenda sees it.
    markCurrent(doc.ydoc, entry?.id ?? null);
    return { meeting, alliance };
  });
}
