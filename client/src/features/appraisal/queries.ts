import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  AppraisalLinkSchema,
  AppraisalSchema,
  AppraisalStatusSchema,
  IdSchema,
  PeriodKeySchema,
  PublicAppraisalSchema,
  RefSchema,
} from '@tongxin/shared';
import { z } from 'zod';
import { useAllianceChannel } from '../../lib/allianceChannel.js';
import { getJson, send } from '../../lib/api.js';

/** Every appraisal query lives under this root: a change refreshes them all. */
export const APPRAISALS_KEY = ['appraisals'] as const;

/** GET /api/alliances/:id/appraisals (the contract's list answer). */
export const AppraisalListSchema = z.object({
  items: z.array(
    z.object({
      id: IdSchema,
      title: z.string(),
      period: PeriodKeySchema,
      status: AppraisalStatusSchema,
      meeting: RefSchema.nullable(),
      reporters: z.number(),
      /** Member units that have scored (public links are not counted) … */
      scored: z.number(),
      /** … out of the member units that may score (observers do not). */
      evaluators: z.number(),
    }),
  ),
  can: z.object({ manage: z.boolean() }),
});
export type AppraisalListItem = z.infer<typeof AppraisalListSchema>['items'][number];

export function useAppraisals(allianceId: string) {
  return useQuery({
    queryKey: [...APPRAISALS_KEY, 'alliance', allianceId],
    queryFn: () => getJson(`/api/alliances/${allianceId}/appraisals`, AppraisalListSchema),
  });
}

export function useAppraisal(id: string) {
  return useQuery({
    queryKey: [...APPRAISALS_KEY, 'one', id],
    queryFn: () => getJson(`/api/appraisals/${id}`, AppraisalSchema),
  });
}

/**
 * Live sessions of an alliance: `appraisal:changed` on its channel (a unit or a public link scored,
 * the session opened, closed, was edited, its links changed) reads the list and that session again.
 */
export function useLiveAppraisals(allianceId: string | undefined) {
  const queryClient = useQueryClient();
  useAllianceChannel(allianceId ? [allianceId] : [], 'appraisal:changed', (changed) => {
    void queryClient.invalidateQueries({ queryKey: [...APPRAISALS_KEY, 'alliance', allianceId] });
    void queryClient.invalidateQueries({ queryKey: changed ? [...APPRAISALS_KEY, 'one', changed.appraisalId] : APPRAISALS_KEY });
  });
}

/** A change to a session: every appraisal query is read again once it lands. */
export function useAppraisalMutation<V, R>(run: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: APPRAISALS_KEY }) });
}

export const postAppraisal = (url: string, body?: unknown) => send('POST', url, body ?? {}, AppraisalSchema);
/** A draft's settings changed (the server refuses once scoring has opened). */
export const patchAppraisal = (id: string, body: unknown) => send('PATCH', `/api/appraisals/${id}`, body, AppraisalSchema);
export const LinksAnswerSchema = z.object({ links: z.array(AppraisalLinkSchema) });
export const createLinks = (appraisalId: string, body: unknown) => send('POST', `/api/appraisals/${appraisalId}/links`, body, LinksAnswerSchema);

/** What a public representative's link opens: no session, no cookie needed. */
export function usePublicAppraisal(token: string) {
  return useQuery({
    queryKey: ['publicAppraisal', token],
    queryFn: () => getJson(`/api/public/appraisals/${encodeURIComponent(token)}`, PublicAppraisalSchema),
    // A used, expired or unknown link stays so; a network blip is retried by the default policy.
    refetchOnWindowFocus: false,
  });
}

export const postPublicScores = (token: string, body: unknown) => send('POST', `/api/public/appraisals/${encodeURIComponent(token)}/scores`, body);
