import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  PeriodKeySchema,
  RatingPeriodSchema,
  RatingRulesSchema,
  RatingStatusSchema,
  RatingTrendSchema,
} from '@tongxin/shared';
import { z } from 'zod';
import { useAllianceChannel } from '../../lib/allianceChannel.js';
import { getJson, send } from '../../lib/api.js';

/** Every rating query lives under this root: a change refreshes them all. */
export const RATINGS_KEY = ['ratings'] as const;

/** `GET /api/alliances/:id/ratings`: the periods, the current one, the rules. */
export const RatingOverviewSchema = z.object({
  periods: z.array(z.object({ period: PeriodKeySchema, status: RatingStatusSchema, version: z.number().int() })),
  current: z.string(),
  rules: RatingRulesSchema,
  can: z.object({ manage: z.boolean() }),
});
export type RatingOverview = z.infer<typeof RatingOverviewSchema>;

export function useRatingOverview(allianceId: string) {
  return useQuery({
    queryKey: [...RATINGS_KEY, allianceId, 'overview'],
    queryFn: () => getJson(`/api/alliances/${allianceId}/ratings`, RatingOverviewSchema),
  });
}

export function useRatingPeriod(allianceId: string, period: string) {
  return useQuery({
    queryKey: [...RATINGS_KEY, allianceId, 'period', period],
    queryFn: () => getJson(`/api/alliances/${allianceId}/ratings/${period}`, RatingPeriodSchema),
  });
}

export function useRatingTrend(allianceId: string, count: number) {
  return useQuery({
    queryKey: [...RATINGS_KEY, allianceId, 'trend', count],
    queryFn: () => getJson(`/api/alliances/${allianceId}/ratings-trend?count=${count}`, RatingTrendSchema),
    placeholderData: keepPreviousData,
  });
}

/**
 * Live ratings of an alliance: a period adjusted, published or reopened, the rules changed
 * (`ratings:changed`), and — since an open period is computed from them — points changing or a
 * 述职评议 session closing read the alliance's ratings again.
 */
export function useLiveRatings(allianceId: string) {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: [...RATINGS_KEY, allianceId] });
  useAllianceChannel([allianceId], 'ratings:changed', refresh);
  useAllianceChannel([allianceId], 'points:changed', refresh);
  useAllianceChannel([allianceId], 'appraisal:changed', refresh);
}

/** A change to ratings: every rating query is read again once it lands. */
export function useRatingMutation<V, R>(run: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: RATINGS_KEY }) });
}

const base = (allianceId: string, period: string) => `/api/alliances/${allianceId}/ratings/${period}`;

export const postRating = (allianceId: string, period: string, step: 'adjust' | 'publish' | 'reopen', body: unknown) =>
  send('POST', `${base(allianceId, period)}/${step}`, body, RatingPeriodSchema);

export const putRules = (allianceId: string, body: unknown) =>
  send('PUT', `/api/alliances/${allianceId}/ratings/rules`, body, RatingOverviewSchema);

/** Where a period's files are downloaded. */
export const ratingFiles = (allianceId: string, period: string) => ({
  csv: `${base(allianceId, period)}/export.csv`,
  xlsx: `${base(allianceId, period)}/export.xlsx`,
  letters: `${base(allianceId, period)}/letters.pdf`,
  letter: (unitId: string, format: 'docx' | 'pdf') => `${base(allianceId, period)}/letters/${unitId}.${format}`,
});
