import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../lib/api.js';
import { decisionsKey, DecisionListSchema } from '../decision/queries.js';

/**
 * The meeting's decisions, as the decision screens read them. The room hears no event when a
 * draft is created or frozen, so while it is open the list is asked for again every few seconds.
 */
export function useRoomDecisions(meetingId: string) {
  return useQuery({
    queryKey: decisionsKey(meetingId),
    queryFn: () => getJson(`/api/meetings/${meetingId}/decisions`, DecisionListSchema),
    refetchInterval: 5_000,
  });
}
