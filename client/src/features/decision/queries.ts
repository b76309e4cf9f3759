import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DecisionDetailSchema, DecisionSchema, DecisionVersionSchema, VersionDiffSchema } from '@tongxin/shared';
import { z } from 'zod';
import { useAllianceChannel } from '../../lib/allianceChannel.js';
import { getJson } from '../../lib/api.js';

export const DecisionListSchema = z.object({ items: z.array(DecisionSchema) });
export const VersionListSchema = z.object({ items: z.array(DecisionVersionSchema) });
export const decisionsKey = (meetingId: string) => ['meeting', meetingId, 'decisions'] as const;

/**
 * The meeting's decision drafts, for the meeting screen and the room alike. The meeting screen
 * refetches them on `decision:changed` from the alliance channel (see useLiveDecisions); the room on
 * the same event in the meeting room, and when a vote opens or closes (see RoomPage).
 */
export function useDecisions(meetingId: string) {
  return useQuery({
    queryKey: decisionsKey(meetingId),
    queryFn: () => getJson(`/api/meetings/${meetingId}/decisions`, DecisionListSchema),
  });
}

/**
 * Live decision list of a meeting: a draft started, a version frozen or a vote opened or closed
 * anywhere in the alliance refreshes it on the meeting screen.
 */
export function useLiveDecisions(allianceId: string, meetingId: string) {
  const queryClient = useQueryClient();
  useAllianceChannel([allianceId], 'decision:changed', (changed) => {
    if (changed === null || changed.meetingId === meetingId) {
      void queryClient.invalidateQueries({ queryKey: decisionsKey(meetingId) });
    }
  });
}

export function useDecision(id: string) {
  return useQuery({ queryKey: ['decision', id], queryFn: () => getJson(`/api/decisions/${id}`, DecisionDetailSchema) });
}

export function useVersions(id: string) {
  return useQuery({
    queryKey: ['decision', id, 'versions'],
    queryFn: () => getJson(`/api/decisions/${id}/versions`, VersionListSchema),
  });
}

export function useDiff(id: string, from: number, to: number, enabled: boolean) {
  return useQuery({
    queryKey: ['decision', id, 'diff', from, to],
    queryFn: () => getJson(`/api/decisions/${id}/diff?from=${from}&to=${to}`, VersionDiffSchema),
    enabled,
    staleTime: Infinity,
  });
}
