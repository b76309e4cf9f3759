import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CommitteeMemberSchema,
  RefSchema,
  ServiceActivitySchema,
  ServiceRegistrationSchema,
  UnitSchema,
} from '@tongxin/shared';
import { z } from 'zod';
import { getJson, send } from '../../lib/api.js';
import { useAlliance } from '../../lib/alliance.js';

// The answers of the people routes (committee, 双报到), parsed with the shared schemas so a drift
// in the contract fails loudly.

export const CommitteeAnswerSchema = z.object({
  members: z.array(CommitteeMemberSchema),
  can: z.object({ manage: z.boolean() }),
});
export type CommitteeAnswer = z.infer<typeof CommitteeAnswerSchema>;

export const RegistrationsAnswerSchema = z.object({
  items: z.array(ServiceRegistrationSchema),
  can: z.object({ manage: z.boolean() }),
});
export const ActivitiesAnswerSchema = z.object({
  items: z.array(ServiceActivitySchema),
  can: z.object({ create: z.boolean() }),
});
export const UnitServiceSchema = z.object({
  unit: RefSchema,
  /** The period shown: the one asked for, or the server's current quarter. */
  period: z.string().optional(),
  members: z.array(z.object({ member: RefSchema, community: RefSchema, hours: z.number(), activities: z.number() })),
  totalHours: z.number(),
});
export type UnitService = z.infer<typeof UnitServiceSchema>;

/** Every 双报到 query lives under this root: a change refreshes them all. */
export const SERVICE_KEY = ['service'] as const;

export function useCommittee(allianceId: string) {
  return useQuery({
    queryKey: ['alliance', allianceId, 'committee'],
    queryFn: () => getJson(`/api/alliances/${allianceId}/committee`, CommitteeAnswerSchema),
  });
}

export function useSaveCommittee(allianceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => send('PUT', `/api/alliances/${allianceId}/committee`, body, CommitteeAnswerSchema),
    onSuccess: (answer) => {
      if (answer) queryClient.setQueryData(['alliance', allianceId, 'committee'], answer);
    },
  });
}

export function useRegistrations(allianceId: string, query = '') {
  return useQuery({
    queryKey: [...SERVICE_KEY, allianceId, 'registrations', query],
    queryFn: () =>
      getJson(
        `/api/alliances/${allianceId}/service/registrations${query ? `?${query}` : ''}`,
        RegistrationsAnswerSchema,
      ),
  });
}

export function useActivities(allianceId: string, status: string) {
  return useQuery({
    queryKey: [...SERVICE_KEY, allianceId, 'activities', status],
    queryFn: () => getJson(`/api/alliances/${allianceId}/service/activities?status=${status}`, ActivitiesAnswerSchema),
  });
}

export function useActivity(id: string) {
  return useQuery({
    queryKey: [...SERVICE_KEY, 'activity', id],
    queryFn: () => getJson(`/api/service/activities/${id}`, ServiceActivitySchema),
  });
}

/** A work unit's members' service in `period`, or in the current quarter by the server's clock when null. */
export function useUnitService(unitId: string, period: string | null) {
  return useQuery({
    queryKey: [...SERVICE_KEY, 'unit', unitId, period],
    queryFn: () =>
      getJson(
        `/api/units/${unitId}/service${period ? `?period=${encodeURIComponent(period)}` : ''}`,
        UnitServiceSchema,
      ),
    placeholderData: keepPreviousData,
  });
}

/** A 双报到 change: every service query is read again once it lands. */
export function useServiceMutation<V, R>(run: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: SERVICE_KEY }) });
}

export const postActivity = (path: string, body?: unknown) =>
  send('POST', `/api/service/activities/${path}`, body ?? {}, ServiceActivitySchema);

/**
 * The member units of the alliance that are residential communities (社区), the only ones members
 * register with and that publish activities. The alliance names its units without their kind, so
 * each unit is looked up once (cached with the other unit queries).
 */
export function useCommunities(allianceId: string) {
  const alliance = useAlliance(allianceId);
  const units = (alliance.data?.memberships ?? []).map((m) => m.unit);
  const kinds = useQueries({
    queries: units.map((u) => ({
      queryKey: ['units', 'one', u.id],
      queryFn: () => getJson(`/api/units/${u.id}`, UnitSchema),
      staleTime: 5 * 60_000,
    })),
  });
  const pending = alliance.isPending || kinds.some((k) => k.isPending);
  const communities = units.filter((_, i) => kinds[i]?.data?.kind === 'community');
  return { alliance, members: units, communities, pending };
}
