import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  isOpenActionItem,
  ActionItemDetailSchema,
  ActionItemSchema,
  LedgerPageSchema,
  pageOf,
  type ActionItem,
  type ActionItemDetail,
  type ActionItemExtend,
  type ActionItemPatch,
  type ActionItemTransition,
  type ProgressReport,
} from '@tongxin/shared';
import { useAllianceChannel } from '../../lib/allianceChannel.js';
import { getJson, send } from '../../lib/api.js';

export const ActionItemPageSchema = pageOf(ActionItemSchema);

/** Every action-item query lives under this root, so one live update refreshes them all. */
export const ACTION_ITEMS_KEY = ['actionItems'] as const;
export const actionItemKey = (id: string) => [...ACTION_ITEMS_KEY, 'item', id] as const;

/**
 * Live action items: every change on these alliances' channels (progress, hand-in, 销号) refreshes
 * the action-item queries on screen.
 */
export function useLiveActionItems(allianceIds: string[]) {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ACTION_ITEMS_KEY });
  useAllianceChannel(allianceIds, 'actionItem:updated', refresh);
  useAllianceChannel(allianceIds, 'actionItem:deleted', refresh);
  // The lights follow the alliance's rules and calendar: a change there relights every item.
  useAllianceChannel(allianceIds, 'alliance:changed', refresh);
}

/** One item for its own page, with what the viewer may do with it (`can`). */
export function useActionItem(id: string) {
  return useQuery({
    queryKey: actionItemKey(id),
    queryFn: () => getJson(`/api/action-items/${id}`, ActionItemDetailSchema),
  });
}

/** One page of an alliance's ledger (工作台账); `query` is the LedgerQuerySchema query string. */
export function useLedger(allianceId: string, query: string) {
  return useQuery({
    queryKey: [...ACTION_ITEMS_KEY, 'ledger', allianceId, query],
    queryFn: () => getJson(`/api/alliances/${allianceId}/action-items?${query}`, LedgerPageSchema),
    // The previous page stays on screen while the next one loads: no layout jump.
    placeholderData: keepPreviousData,
  });
}

export const unitItemsQuery = (unitId: string) => ({
  queryKey: [...ACTION_ITEMS_KEY, 'unit', unitId],
  queryFn: () => getJson(`/api/units/${unitId}/action-items?pageSize=100`, ActionItemPageSchema),
});

export function useItemMutation<V>(id: string, run: (v: V) => Promise<ActionItemDetail | undefined>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (item) => {
      if (item) queryClient.setQueryData(actionItemKey(id), item);
      // The answer is the item's new page view: the form or dialog is done now. The ledger and the
      // other lists refresh behind it instead of holding the dialog open on "sending…".
      void queryClient.invalidateQueries({ queryKey: ACTION_ITEMS_KEY });
    },
  });
}

export function useReportProgress(id: string) {
  return useItemMutation(id, (report: ProgressReport) =>
    send('POST', `/api/action-items/${id}/progress`, report, ActionItemDetailSchema),
  );
}

export function useTransition(id: string) {
  return useItemMutation(id, (body: { transition: ActionItemTransition; note?: string }) =>
    send('POST', `/api/action-items/${id}/transition`, body, ActionItemDetailSchema),
  );
}

/** 修改: the fields that changed, and why. */
export function useEditItem(id: string) {
  return useItemMutation(id, (patch: ActionItemPatch) =>
    send('PATCH', `/api/action-items/${id}`, patch, ActionItemDetailSchema),
  );
}

/** 延期: a later deadline, and why. */
export function useExtendItem(id: string) {
  return useItemMutation(id, (body: ActionItemExtend) =>
    send('POST', `/api/action-items/${id}/extend`, body, ActionItemDetailSchema),
  );
}

/**
 * Deletes an item nothing has happened to. `leave` moves off its page first, so the page does not
 * read the item again and show it gone.
 */
export function useDeleteItem(id: string, leave: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => send('DELETE', `/api/action-items/${id}`),
    onSuccess: async () => {
      leave();
      queryClient.removeQueries({ queryKey: actionItemKey(id) });
      await queryClient.invalidateQueries({ queryKey: ACTION_ITEMS_KEY });
    },
  });
}

/** Open work: what a lead unit still has to do or hand in. */
export const isOpen = (i: Pick<ActionItem, 'status'>) => isOpenActionItem(i.status);

/** Overdue first, then by due date: what needs attention comes first. */
export function byUrgency(a: ActionItem, b: ActionItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  return a.dueDate.localeCompare(b.dueDate) || a.createdAt.localeCompare(b.createdAt);
}
