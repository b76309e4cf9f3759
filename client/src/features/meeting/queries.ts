import { useQuery, useQueryClient } from '@tanstack/react-query';
import { MeetingDetailSchema, MeetingSchema, pageOf } from '@tongxin/shared';
import { useAllianceChannel } from '../../lib/allianceChannel.js';
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

/**
 * Meetings of these alliances as they change elsewhere: created, scheduled, changed, cancelled or
 * adjourned by someone else, the lists and the meeting screen show it without a reload.
 */
export function useLiveMeetings(allianceIds: string[]) {
  const queryClient = useQueryClient();
  useAllianceChannel(allianceIds, 'meeting:changed', (changed) => {
    if (changed) void queryClient.invalidateQueries({ queryKey: ['meeting', changed.meetingId] });
    else void queryClient.invalidateQueries({ queryKey: ['meeting'] });
    for (const id of allianceIds) void queryClient.invalidateQueries({ queryKey: ['alliance', id, 'meetings'] });
  });
}

/** One meeting with what the viewer may do with it; the one query behind every screen that shows it. */
export function useMeeting(meetingId: string | null) {
  return useQuery({
    queryKey: ['meeting', meetingId],
    queryFn: () => getJson(`/api/meetings/${meetingId}`, MeetingDetailSchema),
    enabled: meetingId !== null,
  });
}
