import { randomUUID } from 'node:crypto';
import { docName } from '@tongxin/shared';
import * as Y from 'yjs';
import { AppError } from '../errors.js';
import { listPolicy } from '../policies/lists.js';
import type { DocRegistry } from '../yjs/registry.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { objectId, forbidden, notFound } from './errors.js';
import { readableProject } from './listLoaders.js';

/** Meetings whose agenda is still being prepared. */
const PREPARING = new Set(['draft', 'scheduled']);

/**
 * 列入会议议程: the project becomes the last item of a coming meeting's agenda, presented by its
 * lead unit. The agenda is the Yjs document the secretaries co-edit, so the item is appended there
 * (as the agenda editor writes one) once the record of it is stored; everyone editing sees it at once.
 */
export async function projectAgendaAdder(
  ctx: CommandContext,
  agendaDocs: DocRegistry,
  projectId: string,
  props: { meetingId: string; minutes: number },
) {
  const { project, alliance } = await readableProject(ctx, projectId);
  if (!listPolicy.canPutOnAgenda(ctx.actor, alliance)) throw forbidden('only those who prepare agendas put a project on one');
  const meeting = await ctx.models.Meeting.findById(objectId(props.meetingId, 'meeting'), { alliance: 1, status: 1, title: 1 }).lean();
  if (!meeting || String(meeting.alliance) !== String(alliance._id)) throw notFound('meeting');
  if (!PREPARING.has(meeting.status)) throw new AppError('INVALID_STATE', `the meeting is ${meeting.status}: its agenda is closed`);
  if (project.agenda.some((a) => String(a.meeting) === props.meetingId)) {
    throw new AppError('CONFLICT', 'the project is already on this meeting’s agenda');
  }
  const itemId = randomUUID();
  const updated = await inTransaction(ctx, async (session) => {
    const saved = await ctx.models.Project.findOneAndUpdate(
      { _id: project._id, 'agenda.meeting': { $ne: meeting._id } },
      { $push: { agenda: { meeting: meeting._id, itemId, at: ctx.clock.now() } } },
      { session, returnDocument: 'after' },
    );
    if (!saved) throw new AppError('CONFLICT', 'the project is already on this meeting’s agenda');
    await recordAudit(ctx, session, {
      action: 'project.agenda',
      targetType: 'project',
      targetId: project._id,
      alliance: alliance._id,
      event: { type: 'project.putOnAgenda', allianceId: String(alliance._id), projectId: String(project._id) },
      after: { meeting: String(meeting._id) },
    });
    return saved;
  });
  await agendaDocs.with(docName({ kind: 'agenda', meetingId: String(meeting._id) }), (doc) => {
    const item = new Y.Map<unknown>();
    doc.ydoc.transact(() => {
      item.set('id', itemId);
      item.set('title', project.title);
      item.set('presenterUnit', String(project.leadUnit));
      item.set('minutes', props.minutes);
      item.set('status', 'pending');
      item.set('notes', new Y.Text(project.description.slice(0, 2000)));
      doc.ydoc.getArray<Y.Map<unknown>>('items').push([item]);
    });
  });
  return updated;
}
