import type { AgendaEntry, MeetingFlow } from '@tongxin/shared';
import { refOrGone, type Id, type Named } from './refs.js';

/** The live room's state (the RoomState model: current item, speakers), populated with names. */
export interface RoomStateLean {
  currentItem?: { id?: string | null; title?: string | null; since?: Date | null } | null;
  speakers: { user: Named | Id; unit?: Named | Id | null; requestedAt: Date }[];
  currentSpeaker?: { user: Named | Id; unit?: Named | Id | null; startedAt: Date; timeBoxSeconds: number } | null;
  startedWithoutQuorum?: { reason?: string | null; by?: Named | Id | null } | null;
}

/**
 * The meeting's flow. The current item's title and time box come from the agenda document when it
 * is given (the one source of truth); the room state only remembers which item and since when.
 */
export function presentFlow(
  meeting: { _id: Id; status: string },
  state: RoomStateLean | null,
  agenda: AgendaEntry[] | null = null,
): MeetingFlow {
  const item = state?.currentItem;
  const entry = item?.id ? agenda?.find((e) => e.id === item.id) : undefined;
  const override = state?.startedWithoutQuorum;
  return {
    meetingId: String(meeting._id),
    status: meeting.status as MeetingFlow['status'],
    currentItem: item?.id
      ? {
          id: item.id,
          title: entry?.title ?? item.title ?? '',
          minutes: entry?.minutes ?? 0,
          since: item.since ? item.since.toISOString() : null,
        }
      : null,
    startedWithoutQuorum: override?.reason ? { reason: override.reason, by: refOrGone(override.by) } : null,
  };
}
