import {
  ActionItemDetailSchema,
  type ExtensionDecision,
  type ExtensionRequestCreate,
  type NudgeCreate,
} from '@tongxin/shared';
import { send } from '../../lib/api.js';
import { useItemMutation } from './queries.js';

// The 督办 cycle's requests: 签收, 延期申请 / 审批, 催办. Each answers with the item's page view.

/** 签收 by a person of the lead unit. */
export function useAcknowledge(id: string) {
  return useItemMutation(id, () => send('POST', `/api/action-items/${id}/acknowledge`, {}, ActionItemDetailSchema));
}

/** 延期申请: a later deadline and why. */
export function useRequestExtension(id: string) {
  return useItemMutation(id, (body: ExtensionRequestCreate) =>
    send('POST', `/api/action-items/${id}/extension-requests`, body, ActionItemDetailSchema),
  );
}

/** 审批 of one request: approve (the deadline moves) or refuse with the reason. */
export function useDecideExtension(id: string) {
  return useItemMutation(id, ({ requestId, ...body }: ExtensionDecision & { requestId: string }) =>
    send('POST', `/api/action-items/${id}/extension-requests/${requestId}/decision`, body, ActionItemDetailSchema),
  );
}

/** 催办 with an optional note. */
export function useNudge(id: string) {
  return useItemMutation(id, (body: NudgeCreate) =>
    send('POST', `/api/action-items/${id}/nudges`, body, ActionItemDetailSchema),
  );
}
