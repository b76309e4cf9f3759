import { useQuery } from '@tanstack/react-query';
import { AllianceSchema, AuditEventSchema, MeetingSchema, pageOf } from '@tongxin/shared';
import { getJson } from '../../lib/api.js';

export const allianceKey = (id: string) => ['alliance', id] as const;

export function useAlliance(id: string) {
  return useQuery({ queryKey: allianceKey(id), queryFn: () => getJson(`/api/alliances/${id}`, AllianceSchema) });
}

export const MeetingPageSchema = pageOf(MeetingSchema);

export function useMeetings(allianceId: string, when: 'upcoming' | 'past', pageSize = 10) {
  return useQuery({
    queryKey: ['alliance', allianceId, 'meetings', when, pageSize],
    queryFn: () =>
      getJson(`/api/alliances/${allianceId}/meetings?when=${when}&pageSize=${pageSize}`, MeetingPageSchema),
  });
}

export function useAudit(allianceId: string, page: number) {
  return useQuery({
    queryKey: ['alliance', allianceId, 'audit', page],
    queryFn: () => getJson(`/api/alliances/${allianceId}/audit?page=${page}&pageSize=10`, pageOf(AuditEventSchema)),
    placeholderData: (prev) => prev,
  });
}
