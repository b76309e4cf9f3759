import { useQuery, useQueryClient } from '@tanstack/react-query';
import { AllianceSchema } from '@tongxin/shared';
import { useAllianceChannel } from './allianceChannel.js';
import { getJson } from './api.js';

/**
 * An alliance with its member units, representatives and voting rules, as every screen reads it:
 * the alliance page, and the meeting, room and ledger screens that name its units. It lives here,
 * below the features, because the alliance page shows meetings and action items while those screens
 * read the alliance: under `features/alliance/` it made the features import each other in a circle.
 */
export const allianceKey = (id: string) => ['alliance', id] as const;

export function useAlliance(id: string) {
  return useQuery({ queryKey: allianceKey(id), queryFn: () => getJson(`/api/alliances/${id}`, AllianceSchema) });
}

/**
 * The alliance as another secretary changes it (members, representatives, rotation, rules): the
 * screen showing it reads it again. Not used by the settings forms, which would lose what is
 * being typed.
 */
export function useLiveAlliance(id: string) {
  const queryClient = useQueryClient();
  useAllianceChannel([id], 'alliance:changed', () => {
    void queryClient.invalidateQueries({ queryKey: allianceKey(id), exact: true });
  });
}
