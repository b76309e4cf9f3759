import { isOpenActionItem, type ActionItemStatus } from './actionItemStatus.js';

/**
 * Correcting an action item after it was assigned: editing what it says, extending its deadline
 * (延期), and deleting one assigned by mistake. The rules are pure so that the server enforces
 * them and the screens explain them with the same words.
 */

/** What a supervisor may correct on an assigned item; the lead unit and deadline have their own paths. */
export const ACTION_ITEM_EDITABLE_FIELDS = [
  'title',
  'description',
  'measures',
  'responsiblePerson',
  'cooperatingUnits',
] as const;
export type ActionItemEditableField = (typeof ACTION_ITEM_EDITABLE_FIELDS)[number];

/**
 * 推进措施 are the lead unit's own plan for the work: its representatives may rewrite them. What was
 * assigned (title, description, who cooperates, who answers for it) only a supervisor changes.
 */
export const LEAD_UNIT_EDITABLE_FIELDS = ['measures'] as const satisfies readonly ActionItemEditableField[];

/** A closed (销号) or cancelled item is a settled record: it is no longer corrected. */
export function isEditableActionItem(status: ActionItemStatus): boolean {
  return isOpenActionItem(status);
}

/**
 * 延期 only while the work is still the lead unit's to do: once handed in for verification the
 * deadline no longer runs (see `isOverdue`), and a settled item keeps the one it had.
 */
export function acceptsExtension(status: ActionItemStatus): boolean {
  return status === 'todo' || status === 'in_progress';
}

/**
 * Why a new deadline is refused, or `null`: it must be later than the current one — an extension
 * never shortens the time given — and not already past (`today` in the alliance's time zone).
 */
export function extensionProblem(current: string, next: string, today: string): 'notLater' | 'past' | null {
  if (next <= current) return 'notLater';
  if (next < today) return 'past';
  return null;
}

/**
 * An item may be deleted only while nothing has happened to it: still 待办 (no progress report
 * and no step along the state machine leads back there). Otherwise it is cancelled, with a
 * reason, and its history stays.
 */
export function isDeletableActionItem(status: ActionItemStatus): boolean {
  return status === 'todo';
}
