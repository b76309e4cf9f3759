import { describe, expect, it } from 'vitest';
import {
  acceptsProgress,
  actionItemTransitionRole,
  allowedActionItemTransitions,
  nextActionItemStatus,
} from '../src/domain/actionItemStatus.js';
import { isOverdue, localDate } from '../src/domain/overdue.js';

describe('action item status (督办事项)', () => {
  it('goes 待办 → 进行中 → 已完成待验收 → 已销号', () => {
    expect(nextActionItemStatus('todo', 'start')).toBe('in_progress');
    expect(nextActionItemStatus('in_progress', 'submit')).toBe('awaiting_verification');
    expect(nextActionItemStatus('awaiting_verification', 'verify')).toBe('closed');
  });

  it('a closed (销号) or cancelled item is final', () => {
    expect(allowedActionItemTransitions('closed')).toEqual([]);
    expect(allowedActionItemTransitions('cancelled')).toEqual([]);
  });

  it('cannot be verified before the lead unit hands it in', () => {
    expect(nextActionItemStatus('in_progress', 'verify')).toBeNull();
  });

  it('verification may send it back to the lead unit', () => {
    expect(nextActionItemStatus('awaiting_verification', 'reopen')).toBe('in_progress');
  });

  it('the lead unit moves the work; only supervisors verify, reopen and cancel', () => {
    expect(actionItemTransitionRole('start')).toBe('lead');
    expect(actionItemTransitionRole('submit')).toBe('lead');
    expect(actionItemTransitionRole('verify')).toBe('supervisor');
    expect(actionItemTransitionRole('reopen')).toBe('supervisor');
    expect(actionItemTransitionRole('cancel')).toBe('supervisor');
  });

  it('progress is reported only while the work is open', () => {
    expect(acceptsProgress('todo')).toBe(true);
    expect(acceptsProgress('in_progress')).toBe(true);
    expect(acceptsProgress('awaiting_verification')).toBe(false);
    expect(acceptsProgress('closed')).toBe(false);
  });
});

describe('overdue (逾期)', () => {
  // 2026-03-31 23:30 in Beijing is 15:30 UTC the same day.
  const lateOnDueDay = new Date('2026-03-31T15:30:00Z');
  const nextMorning = new Date('2026-03-31T16:30:00Z');

  it('the due day is a Beijing calendar day: work is due by its end', () => {
    expect(localDate(nextMorning)).toBe('2026-04-01');
    expect(isOverdue({ dueDate: '2026-03-31', status: 'in_progress' }, lateOnDueDay)).toBe(false);
    expect(isOverdue({ dueDate: '2026-03-31', status: 'in_progress' }, nextMorning)).toBe(true);
  });

  it('handed-in, closed and cancelled items are never overdue', () => {
    for (const status of ['awaiting_verification', 'closed', 'cancelled'] as const) {
      expect(isOverdue({ dueDate: '2020-01-01', status }, nextMorning)).toBe(false);
    }
    expect(isOverdue({ dueDate: '2020-01-01', status: 'todo' }, nextMorning)).toBe(true);
  });
});
