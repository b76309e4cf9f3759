import { useQuery } from '@tanstack/react-query';
import { MeSchema } from '@tongxin/shared';
import { ApiRequestError, getJson } from '../../lib/api.js';

export const ME_KEY = ['me'] as const;

/** The signed-in user, their unit and alliances; `null` when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return await getJson('/api/me', MeSchema);
      } catch (err) {
        if (err instanceof ApiRequestError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}
