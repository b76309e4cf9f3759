import { randomUUID } from 'node:crypto';
import { docName } from '@tongxin/shared';
import * as Y from 'yjs';
import { AppError } from '../errors.js';
import { whistlePolicy } from '../policies/whistle.js';
import type { DocRegistry } from '../yjs/registry.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';
import { readableWhistle } from './whistleLoaders.js';

const PREPARING = new Set(['draft', 'scheduled']);

/**
 * 列入会议议程: a whistle the departments could not settle goes to the next joint meeting, as
 * the last item of its agenda (the Yjs document the secretaries co-edit), presented by the
 * whistling unit — the same way a joint project is put on one (projectAgendaAdder).
 */
export async function whistleAgendaAdder(
  ctx: CommandContext,
  agendaDocs: DocRegistry,
  whistleId: string,
  props: { meetingId: string; minutes: number },
) {
  const { whistle, alliance } = await readableWhistle(ctx, whistleId);
  if (!whistlePolicy.canPutOnAgenda(ctx.actor, alliance)) throw forbidden('only those who prepare agendas put a whistle on one');
  const meeting = await ctx.models.Meeting.findById(objectId(props.meetingId, 'meeting'), { alliance: 1, status: 1 }).lean();
  if (!meeting || String(meeting.alliance) !== String(alliance._id)) throw notFound('meeting');
  if (!PREPARING.has(meeting.status)) throw new AppError('INVALID_STATE', `the meeting is ${meeting.status}: its agenda is closed`);
  const itemId = randomUUID();
  const updated = await inTransaction(ctx, async (session) => {
    const saved = await ctx.models.Whistle.findOneAndUpdate(
      { _id: whistle._id, 'agenda.meeting': { $ne: meeting._id } },
      { $push: { agenda: { meeting: meeting._id, itemId, at: ctx.clock.now() } } },
      { session, returnDocument: 'after' },
    );
    if (!saved) throw new AppError('CONFLICT', 'the whistle is already on this meeting’s agenda');
    await recordAudit(ctx, session, {
      action: 'whistle.agenda',
      targetType: 'whistle',
      targetId: whistle._id,
      alliance: alliance._id,
      event: { type: 'whistle.linked', allianceId: String(alliance._id), whistleId: String(whistle._id) },
      after: { meeting: String(meeting._id) },
    });
    return saved;
  });
  await agendaDocs.with(docName({ kind: 'agenda', meetingId: String(meeting._id) }), (doc) => {
    const item = new Y.Map<unknown>();
    doc.ydoc.transact(() => {
      item.set('id', itemId);
      item.set('title', `吹哨：${whistle.title}`);
      item.set('presenterUnit', String(whistle.unit));
      item.set('minutes', props.minutes);
      item.set('status', 'pending');
      item.set('notes', new Y.Text(whistle.description.slice(0, 2000)));
      doc.ydoc.getArray<Y.Map<unknown>>('items').push([item]);
    });
  });
  return updated;
}
