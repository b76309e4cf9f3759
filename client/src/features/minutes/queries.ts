import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MinutesSchema, type ExportFormat, type Minutes, type MinutesConfirm } from '@tongxin/shared';
import { useAllianceChannel } from '../../lib/allianceChannel.js';
import { getJson, send } from '../../lib/api.js';

export const minutesKey = (meetingId: string) => ['minutes', meetingId] as const;

/** Where each export is downloaded from: the one place to change if the server moves them. */
export function exportUrl(meetingId: string, format: ExportFormat): string {
  return `/api/meetings/${meetingId}/minutes.${format}`;
}

/**
 * The minutes and every unit's answer. Answers from other units and the publication arrive as
 * `minutes:changed` on the alliance channel (see useLiveMinutes on the minutes screen).
 */
export function useMinutes(meetingId: string) {
  return useQuery({
    queryKey: minutesKey(meetingId),
    queryFn: () => getJson(`/api/meetings/${meetingId}/minutes`, MinutesSchema),
  });
}

/** Live minutes of a meeting: each unit's answer and the publication show without a reload. */
export function useLiveMinutes(allianceId: string, meetingId: string) {
  const queryClient = useQueryClient();
  useAllianceChannel([allianceId], 'minutes:changed', (changed) => {
    if (changed === null || changed.meetingId === meetingId) {
      void queryClient.invalidateQueries({ queryKey: minutesKey(meetingId) });
    }
  });
}

/** The meeting's status changes with publishing; lists and the meeting page must see it. */
function useStore(meetingId: string) {
  const queryClient = useQueryClient();
  return async (m: Minutes | undefined) => {
    if (m) queryClient.setQueryData(minutesKey(meetingId), m);
    if (m?.status === 'published') {
      await queryClient.invalidateQueries({ queryKey: ['meeting', meetingId] });
      await queryClient.invalidateQueries({ queryKey: ['alliance', m.alliance] });
    }
  };
}

export function useConfirm(meetingId: string) {
  const store = useStore(meetingId);
  return useMutation({
    mutationFn: (body: MinutesConfirm) =>
      send('POST', `/api/meetings/${meetingId}/minutes/confirmations`, body, MinutesSchema),
    onSuccess: store,
  });
}

export function usePublish(meetingId: string) {
  const store = useStore(meetingId);
  return useMutation({
    mutationFn: () => send('POST', `/api/meetings/${meetingId}/minutes/publish`, undefined, MinutesSchema),
    onSuccess: store,
  });
}
