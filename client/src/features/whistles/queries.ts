import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { pageOf, WhistleClocksSchema, WhistleDetailSchema, WhistleSchema, WhistleStatsSchema } from '@tongxin/shared';
import { z } from 'zod';
import { useAllianceChannel } from '../../lib/allianceChannel.js';
import { getJson, send } from '../../lib/api.js';

/** Every whistle query lives under this root: a change refreshes them all. */
export const WHISTLES_KEY = ['whistles'] as const;

/** Live 吹哨报到: a whistle of the alliance raised, answered, closed or reopened elsewhere reads every whistle query again. */
export function useLiveWhistles(allianceIds: string[]): void {
  const queryClient = useQueryClient();
  useAllianceChannel(allianceIds, 'lists:changed', (p) => {
    if (!p || p.kind === 'whistle') void queryClient.invalidateQueries({ queryKey: WHISTLES_KEY });
  });
}

export function useWhistles(allianceId: string, query: string) {
  useLiveWhistles([allianceId]);
  return useQuery({
    queryKey: [...WHISTLES_KEY, allianceId, 'list', query],
    queryFn: () => getJson(`/api/alliances/${allianceId}/whistles?${query}`, pageOf(WhistleSchema)),
    placeholderData: keepPreviousData,
  });
}

export function useWhistle(id: string) {
  const query = useQuery({ queryKey: [...WHISTLES_KEY, 'one', id], queryFn: () => getJson(`/api/whistles/${id}`, WhistleDetailSchema) });
  useLiveWhistles(query.data ? [query.data.alliance] : []);
  return query;
}

export function useWhistleStats(allianceId: string, query: string) {
  useLiveWhistles([allianceId]);
  return useQuery({
    queryKey: [...WHISTLES_KEY, allianceId, 'stats', query],
    queryFn: () => getJson(`/api/alliances/${allianceId}/whistle-stats?${query}`, WhistleStatsSchema),
    placeholderData: keepPreviousData,
  });
}

export const ClocksAnswerSchema = z.object({ clocks: WhistleClocksSchema, canEdit: z.boolean() });

export function useWhistleClocks(allianceId: string) {
  return useQuery({
    queryKey: [...WHISTLES_KEY, allianceId, 'clocks'],
    queryFn: () => getJson(`/api/alliances/${allianceId}/whistle-settings`, ClocksAnswerSchema),
  });
}

/** A change to a whistle: every whistle query is read again once it lands. */
export function useWhistleMutation<V, R>(run: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: WHISTLES_KEY }) });
}

export const postWhistle = (url: string, body: unknown) => send('POST', url, body, WhistleDetailSchema);
export const putClocks = (allianceId: string, body: unknown) => send('PUT', `/api/alliances/${allianceId}/whistle-settings`, body, ClocksAnswerSchema);
