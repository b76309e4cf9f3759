import { keepPreviousData, useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import {
  DemandDetailSchema,
  DemandSchema,
  pageOf,
  ProjectDetailSchema,
  ProjectSchema,
  ResourceSchema,
  SuggestionSchema,
  type Demand,
  type Page,
  type Project,
  type Resource,
} from '@tongxin/shared';
import { z } from 'zod';
import { useAllianceChannel } from '../../lib/allianceChannel.js';
import { getJson, send } from '../../lib/api.js';

/** Every list query lives under this root: a change refreshes them all. */
export const LISTS_KEY = ['lists'] as const;

export type ListTab = 'demands' | 'resources' | 'projects';

const PAGE = { demands: pageOf(DemandSchema), resources: pageOf(ResourceSchema), projects: pageOf(ProjectSchema) };

type AnyPage = Page<Demand> | Page<Resource> | Page<Project>;

/**
 * Live lists: whatever another unit raises, offers, claims or moves on in this alliance (需求、资源、
 * 项目) reads every list query again, on this screen and the record's own.
 */
export function useLiveLists(allianceIds: string[]): void {
  const queryClient = useQueryClient();
  useAllianceChannel(allianceIds, 'lists:changed', (p) => {
    if (!p || p.kind !== 'whistle') void queryClient.invalidateQueries({ queryKey: LISTS_KEY });
  });
}

export function useListPage(allianceId: string, tab: ListTab, query: string): UseQueryResult<AnyPage> {
  useLiveLists([allianceId]);
  return useQuery<AnyPage>({
    queryKey: [...LISTS_KEY, allianceId, tab, query],
    queryFn: () => getJson(`/api/alliances/${allianceId}/${tab}?${query}`, PAGE[tab] as z.ZodType<AnyPage>),
    placeholderData: keepPreviousData,
  });
}

const CategoriesSchema = z.object({ categories: z.array(z.string()), canEdit: z.boolean() });

export function useCategories(allianceId: string) {
  return useQuery({
    queryKey: [...LISTS_KEY, allianceId, 'categories'],
    queryFn: () => getJson(`/api/alliances/${allianceId}/list-categories`, CategoriesSchema),
  });
}

export function useDemand(id: string) {
  const query = useQuery({ queryKey: [...LISTS_KEY, 'demand', id], queryFn: () => getJson(`/api/demands/${id}`, DemandDetailSchema) });
  useLiveLists(query.data ? [query.data.alliance] : []);
  return query;
}

export function useSuggestions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...LISTS_KEY, 'demand', id, 'suggestions'],
    queryFn: () => getJson(`/api/demands/${id}/suggestions`, z.array(SuggestionSchema)),
    enabled,
  });
}

export function useProject(id: string) {
  const query = useQuery({ queryKey: [...LISTS_KEY, 'project', id], queryFn: () => getJson(`/api/projects/${id}`, ProjectDetailSchema) });
  useLiveLists(query.data ? [query.data.alliance] : []);
  return query;
}

/** A change to the lists: every list query is read again once it lands. */
export function useListMutation<V, R>(run: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: LISTS_KEY }),
  });
}

export const post = <S extends z.ZodType>(url: string, body: unknown, schema: S) => send('POST', url, body, schema) as Promise<z.infer<S>>;
export const patch = <S extends z.ZodType>(url: string, body: unknown, schema: S) => send('PATCH', url, body, schema) as Promise<z.infer<S>>;
export const put = <S extends z.ZodType>(url: string, body: unknown, schema: S) => send('PUT', url, body, schema) as Promise<z.infer<S>>;
export { CategoriesSchema };
