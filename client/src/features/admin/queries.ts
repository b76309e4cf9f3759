import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { PersonSchema, UnitSchema, pageOf, type ActiveFilter } from '@tongxin/shared';
import { getJson } from '../../lib/api.js';

export const UnitPageSchema = pageOf(UnitSchema);
export const PersonPageSchema = pageOf(PersonSchema);
export const PAGE_SIZE = 20;

export const UNITS_KEY = ['admin', 'units'] as const;
export const PEOPLE_KEY = ['admin', 'people'] as const;

const query = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])),
  ).toString();

export function useUnits(p: {
  q: string;
  status: ActiveFilter;
  page: number;
  pageSize?: number;
  scope?: 'all' | 'people';
}) {
  return useQuery({
    queryKey: [...UNITS_KEY, p],
    queryFn: () => getJson(`/api/units?${query({ ...p, pageSize: p.pageSize ?? PAGE_SIZE })}`, UnitPageSchema),
    // The previous page stays on screen while the next loads, instead of a flash of "loading".
    placeholderData: keepPreviousData,
  });
}

export function usePeople(p: { q: string; unit: string; status: ActiveFilter; page: number }) {
  return useQuery({
    queryKey: [...PEOPLE_KEY, p],
    queryFn: () => getJson(`/api/users?${query({ ...p, pageSize: PAGE_SIZE })}`, PersonPageSchema),
    placeholderData: keepPreviousData,
  });
}
