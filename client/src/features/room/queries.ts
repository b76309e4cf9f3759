import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../lib/api.js';
import { decisionsKey, DecisionListSchema } from '../decision/queries.js';

/**
 * The meeting's decisions, as the decision screens read them; the room refetches them when it
 * hears `decision:changed` or a vote open or close (see RoomPage).
 */
export function useRoomDecisions(meetingId: string) {
  return useQuery({
    queryKey: decisionsKey(meetingId),
    queryFn: () => getJson(`/api/meetings/${meetingId}/decisions`, DecisionListSchema),
  });
}
