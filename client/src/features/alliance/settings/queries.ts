import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AllianceSchema, CharterRevisionSchema, pageOf, UnitSchema, UserSchema, type Alliance } from '@tongxin/shared';
import { getJson, send } from '../../../lib/api.js';
import { allianceKey } from '../../../lib/alliance.js';

/** Units whose name contains `q` (GET /api/units?q=), for the unit pickers. */
export function useUnitSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ['units', 'search', term],
    queryFn: () => getJson(`/api/units?pageSize=20${term ? `&q=${encodeURIComponent(term)}` : ''}`, pageOf(UnitSchema)),
    placeholderData: keepPreviousData,
  });
}

/** The people of one unit (GET /api/users?unit=), to name representatives and secretaries. */
export function useUnitPeople(unitId: string | null) {
  return useQuery({
    queryKey: ['users', 'unit', unitId],
    queryFn: () => getJson(`/api/users?unit=${unitId}&pageSize=100`, pageOf(UserSchema)),
    enabled: unitId !== null && unitId !== '',
  });
}

export function useCharterHistory(allianceId: string, page: number) {
  return useQuery({
    queryKey: ['alliance', allianceId, 'charter-history', page],
    queryFn: () =>
      getJson(`/api/alliances/${allianceId}/charter-history?page=${page}&pageSize=10`, pageOf(CharterRevisionSchema)),
    placeholderData: keepPreviousData,
  });
}

/**
 * A change to the alliance through one of its endpoints; the answer is the alliance as the
 * server now shows it, which replaces the cached one (and the lists that depend on it refresh).
 */
export function useAllianceChange<B>(
  allianceId: string,
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: (body: B) => string,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: B) =>
      send(method, `/api/alliances/${allianceId}${path(body)}`, method === 'DELETE' ? undefined : body, AllianceSchema),
    onSuccess: async (a) => {
      queryClient.setQueryData<Alliance>(allianceKey(allianceId), a);
      await queryClient.invalidateQueries({ queryKey: ['alliance', allianceId], exact: false });
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}
