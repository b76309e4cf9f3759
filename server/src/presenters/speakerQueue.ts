import type { SpeakerQueue } from '@tongxin/shared';
import type { RoomStateLean } from './meetingFlow.js';
import { refOrGone, refOrNull, type Id } from './refs.js';

export function presentSpeakers(meetingId: Id | string, state: RoomStateLean | null): SpeakerQueue {
  const cur = state?.currentSpeaker;
  return {
    meetingId: String(meetingId),
    queue: (state?.speakers ?? []).map((s) => ({
      user: refOrGone(s.user),
      unit: refOrNull(s.unit),
      requestedAt: s.requestedAt.toISOString(),
    })),
    current: cur
      ? {
          user: refOrGone(cur.user),
          unit: refOrNull(cur.unit),
          startedAt: cur.startedAt.toISOString(),
          timeBoxSeconds: cur.timeBoxSeconds,
        }
      : null,
  };
}
