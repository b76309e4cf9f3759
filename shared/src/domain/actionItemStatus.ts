/**
 * The life of an action item (督办事项): 待办 → 进行中 → 已完成待验收 → 已销号, or 已取消.
 * The lead unit (牵头单位) moves it forward; a secretary or the convener verifies and closes it
 * (销号) or sends it back, because the unit doing the work does not sign off its own work.
 */
export const ACTION_ITEM_STATUSES = ['todo', 'in_progress', 'awaiting_verification', 'closed', 'cancelled'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/** Still to be done or verified: neither closed (销号) nor cancelled. */
export const OPEN_ACTION_ITEM_STATUSES = [
  'todo',
  'in_progress',
  'awaiting_verification',
] as const satisfies readonly ActionItemStatus[];

/** The one meaning of "open" for an action item, on the server's ledger filter and on every screen. */
export function isOpenActionItem(status: ActionItemStatus): boolean {
  return (OPEN_ACTION_ITEM_STATUSES as readonly ActionItemStatus[]).includes(status);
}

export const ACTION_ITEM_TRANSITIONS = ['start', 'submit', 'verify', 'reopen', 'cancel'] as const;
export type ActionItemTransition = (typeof ACTION_ITEM_TRANSITIONS)[number];

/** Who may take a transition: the lead unit, or the supervisors (secretary / convener). */
export type ActionItemActorRole = 'lead' | 'supervisor';

const RULES: Record<
  ActionItemTransition,
  { from: readonly ActionItemStatus[]; to: ActionItemStatus; by: ActionItemActorRole }
> = {
  start: { from: ['todo'], to: 'in_progress', by: 'lead' },
  submit: { from: ['todo', 'in_progress'], to: 'awaiting_verification', by: 'lead' },
  verify: { from: ['awaiting_verification'], to: 'closed', by: 'supervisor' },
  // Verification found the work incomplete: back to the lead unit.
  reopen: { from: ['awaiting_verification'], to: 'in_progress', by: 'supervisor' },
  cancel: { from: ['todo', 'in_progress', 'awaiting_verification'], to: 'cancelled', by: 'supervisor' },
};

export function nextActionItemStatus(status: ActionItemStatus, t: ActionItemTransition): ActionItemStatus | null {
  const rule = RULES[t];
  return rule.from.includes(status) ? rule.to : null;
}

export function actionItemTransitionRole(t: ActionItemTransition): ActionItemActorRole {
  return RULES[t].by;
}

export function allowedActionItemTransitions(status: ActionItemStatus): ActionItemTransition[] {
  return ACTION_ITEM_TRANSITIONS.filter((t) => nextActionItemStatus(status, t) !== null);
}

/** Progress (推进情况) is reported while the work is open; a report on a 待办 item starts it. */
export function acceptsProgress(status: ActionItemStatus): boolean {
  return status === 'todo' || status === 'in_progress';
}
