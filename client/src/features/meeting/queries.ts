import { useQuery } from '@tanstack/react-query';
import { MeetingSchema, pageOf } from '@tongxin/shared';
import { getJson } from '../../lib/api.js';

export const MeetingPageSchema = pageOf(MeetingSchema);

/** One page of an alliance's meetings, coming up or past; shared by the alliance page and the workbench. */
export function meetingsQuery(allianceId: string, when: 'upcoming' | 'past', pageSize: number) {
  return {
    queryKey: ['alliance', allianceId, 'meetings', when, pageSize] as const,
    queryFn: () =>
      getJson(`/api/alliances/${allianceId}/meetings?when=${when}&pageSize=${pageSize}`, MeetingPageSchema),
  };
}

export function useMeetings(allianceId: string, when: 'upcoming' | 'past', pageSize = 10) {
  return useQuery(meetingsQuery(allianceId, when, pageSize));
}
