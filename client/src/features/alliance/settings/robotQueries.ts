import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  RobotDeliveryPageSchema,
  RobotListSchema,
  RobotSchema,
  RobotTestResultSchema,
  type RobotCreate,
  type RobotPatch,
} from '@tongxin/shared';
import { getJson, send } from '../../../lib/api.js';

const robotsKey = (allianceId: string) => ['alliance', allianceId, 'robots'] as const;
const deliveriesKey = (allianceId: string) => ['alliance', allianceId, 'robot-deliveries'] as const;

/** The robots the viewer may manage (GET /api/alliances/:id/robots). */
export function useRobots(allianceId: string) {
  return useQuery({
    queryKey: robotsKey(allianceId),
    queryFn: () => getJson(`/api/alliances/${allianceId}/robots`, RobotListSchema),
  });
}

/** 推送记录, newest first, a page at a time (`?cursor=`). */
export function useRobotDeliveries(allianceId: string) {
  return useInfiniteQuery({
    queryKey: deliveriesKey(allianceId),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      getJson(
        `/api/alliances/${allianceId}/robot-deliveries?limit=20${pageParam ? `&cursor=${pageParam}` : ''}`,
        RobotDeliveryPageSchema,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Add, change or delete a robot; the list and the log refresh after. */
export function useRobotChange(allianceId: string) {
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: robotsKey(allianceId) });
    await queryClient.invalidateQueries({ queryKey: deliveriesKey(allianceId) });
  };
  return useMutation({
    mutationFn: (
      change: { op: 'create'; body: RobotCreate } | { op: 'update'; id: string; body: RobotPatch } | { op: 'delete'; id: string },
    ) =>
      change.op === 'create'
        ? send('POST', `/api/alliances/${allianceId}/robots`, change.body, RobotSchema)
        : change.op === 'update'
          ? send('PATCH', `/api/robots/${change.id}`, change.body, RobotSchema)
          : send('DELETE', `/api/robots/${change.id}`),
    onSuccess: refresh,
  });
}

/** 发送测试消息: the platform's answer, whatever it was. */
export function useRobotTest() {
  return useMutation({
    mutationFn: (id: string) => send('POST', `/api/robots/${id}/test`, undefined, RobotTestResultSchema),
  });
}
