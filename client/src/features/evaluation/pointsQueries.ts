import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { pageOf, PointEntrySchema, PointSchemeSchema, PointTotalsSchema } from '@tongxin/shared';
import { z } from 'zod';
import { useAllianceChannel } from '../../lib/allianceChannel.js';
import { getJson, send } from '../../lib/api.js';

/** Every points query lives under this root: a change refreshes them all (totals, ledger, scheme). */
export const POINTS_KEY = ['points'] as const;

export function usePointTotals(allianceId: string, period: string) {
  return useQuery({
    queryKey: [...POINTS_KEY, allianceId, 'totals', period],
    queryFn: () => getJson(`/api/alliances/${allianceId}/points?period=${encodeURIComponent(period)}`, PointTotalsSchema),
    placeholderData: keepPreviousData,
  });
}

export function usePointEntries(allianceId: string, query: string) {
  return useQuery({
    queryKey: [...POINTS_KEY, allianceId, 'entries', query],
    queryFn: () => getJson(`/api/alliances/${allianceId}/points/entries?${query}`, pageOf(PointEntrySchema)),
    placeholderData: keepPreviousData,
  });
}

export const SchemeAnswerSchema = z.object({ scheme: PointSchemeSchema, can: z.object({ manage: z.boolean() }) });

export function usePointScheme(allianceId: string) {
  return useQuery({
    queryKey: [...POINTS_KEY, allianceId, 'scheme'],
    queryFn: () => getJson(`/api/alliances/${allianceId}/points/scheme`, SchemeAnswerSchema),
  });
}

/** Live points of an alliance: `points:changed` on its channel reads its totals and ledger again. */
export function useLivePoints(allianceId: string) {
  const queryClient = useQueryClient();
  useAllianceChannel([allianceId], 'points:changed', () => void queryClient.invalidateQueries({ queryKey: [...POINTS_KEY, allianceId] }));
}

/** A change to points: every points query is read again once it lands. */
export function usePointsMutation<V, R>(run: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: POINTS_KEY }) });
}

export const postManual = (allianceId: string, body: unknown) => send('POST', `/api/alliances/${allianceId}/points/manual`, body, PointEntrySchema);
export const postVoid = (entryId: string, reason: string) => send('POST', `/api/points/${entryId}/void`, { reason }, PointEntrySchema);
export const putScheme = (allianceId: string, body: unknown) => send('PUT', `/api/alliances/${allianceId}/points/scheme`, body, SchemeAnswerSchema);
export const postRebuild = (allianceId: string) =>
  send('POST', `/api/alliances/${allianceId}/points/rebuild`, {}, z.object({ changed: z.number() }));
