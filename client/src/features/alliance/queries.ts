import { useQuery } from '@tanstack/react-query';
import { AuditEventSchema, pageOf } from '@tongxin/shared';
import { getJson } from '../../lib/api.js';

export function useAudit(allianceId: string, page: number) {
  return useQuery({
    queryKey: ['alliance', allianceId, 'audit', page],
    queryFn: () => getJson(`/api/alliances/${allianceId}/audit?page=${page}&pageSize=10`, pageOf(AuditEventSchema)),
    placeholderData: (prev) => prev,
  });
}
