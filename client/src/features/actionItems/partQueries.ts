import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ActionItemDetailSchema, type PartResponsible, type ProgressReport } from '@tongxin/shared';
import { send } from '../../lib/api.js';
import { ACTION_ITEMS_KEY, actionItemKey } from './queries.js';

function usePartMutation<V>(id: string, run: (v: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async (item) => {
      const parsed = ActionItemDetailSchema.safeParse(item);
      if (parsed.success) queryClient.setQueryData(actionItemKey(id), parsed.data);
      await queryClient.invalidateQueries({ queryKey: ACTION_ITEMS_KEY });
    },
  });
}

/** 配合单位报送: a cooperating unit's report on its own part. */
export function useReportPart(id: string, unitId: string) {
  return usePartMutation(id, (report: ProgressReport) =>
    send('POST', `/api/action-items/${id}/parts/${unitId}/progress`, report, ActionItemDetailSchema),
  );
}

/** 分工责任人. */
export function useSetPartResponsible(id: string, unitId: string) {
  return usePartMutation(id, (body: PartResponsible) =>
    send('PATCH', `/api/action-items/${id}/parts/${unitId}`, body, ActionItemDetailSchema),
  );
}
