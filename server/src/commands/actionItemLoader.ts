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

type LoadedItem = Awaited<ReturnType<typeof readableActionItem>>['item'];

/** What the policies and abilities read of an item: its lead unit, status, 签收 and 延期申请 state. */
export function itemFacts(item: LoadedItem, convenerUnit: string | null) {
  return {
    leadUnit: item.leadUnit,
    convenerUnit,
    status: item.status,
    acknowledgement: { ackDueAt: item.ackDueAt ?? null, acknowledgedAt: item.acknowledgedAt ?? null },
    extensionPending: item.extensionRequests.some((r) => r.status === 'pending'),
  };
}
