import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.js';
import { whistlePolicy } from '../policies/whistle.js';
import { appendAgendaItem } from '../yjs/agenda.js';
import type { DocRegistry } from '../yjs/registry.js';
import { preparingMeetingOf } from './agendaTarget.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { readableWhistle } from './whistleLoaders.js';

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
  const meeting = await preparingMeetingOf(ctx, props.meetingId, alliance._id);
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
  await appendAgendaItem(agendaDocs, String(meeting._id), {
    id: itemId,
    title: `吹哨：${whistle.title}`,
    presenterUnit: String(whistle.unit),
    minutes: props.minutes,
    notes: whistle.description,
  });
  return updated;
}
