import type { CommandContext } from './context.js';
import { notFound, objectId } from './errors.js';
import { readableAlliance } from './loaders.js';

type Reader = Pick<CommandContext, 'models' | 'actor'>;

/**
 * An action item the actor may read (anyone who reads its alliance), with the convener unit of
 * the meeting it came from: the convener supervises what its meeting assigned.
 */
export async function readableActionItem(ctx: Reader, id: string) {
  const item = await ctx.models.ActionItem.findById(objectId(id, 'action item'));
  if (!item) throw notFound('action item');
  const alliance = await readableAlliance(ctx, String(item.alliance));
  const meeting = item.meeting ? await ctx.models.Meeting.findById(item.meeting, { convenerUnit: 1 }).lean() : null;
  return { item, alliance, convenerUnit: meeting ? String(meeting.convenerUnit) : null };
}
