import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.js';
import { listPolicy } from '../policies/lists.js';
import { appendAgendaItem } from '../yjs/agenda.js';
import type { DocRegistry } from '../yjs/registry.js';
import { preparingMeetingOf } from './agendaTarget.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { readableProject } from './listLoaders.js';

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
  const meeting = await preparingMeetingOf(ctx, props.meetingId, alliance._id);
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
  await appendAgendaItem(agendaDocs, String(meeting._id), {
    id: itemId,
    title: project.title,
    presenterUnit: String(project.leadUnit),
    minutes: props.minutes,
    notes: project.description,
  });
  return updated;
}
