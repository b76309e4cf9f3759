import { isOverdue, type ActionItem, type ActionItemStatus, type ActionItemTransition } from '@tongxin/shared';
import { refOrGone, refOrNull, type Id, type Named } from './refs.js';

export interface ActionItemLean {
  _id: Id;
  alliance: Id;
  meeting?: Id | null;
  decision?: Id | null;
  title: string;
  description?: string | null;
  leadUnit: Named | Id;
  cooperatingUnits: (Named | Id)[];
  responsiblePerson: string;
  measures?: string | null;
  dueDate: string;
  deadlineHistory?: ExtensionLean[] | null;
  status: string;
  percent: number;
  createdAt: Date;
  updatedAt: Date;
}
export interface ExtensionLean {
  from: string;
  to: string;
  reason: string;
  by: Named | Id;
  unit?: Named | Id | null;
  at: Date;
}
export interface ProgressLean {
  text: string;
  percent: number;
  author: Named | Id;
  unit?: Named | Id | null;
  at: Date;
}

export interface StepLean {
  transition: string;
  from: string;
  to: string;
  note?: string | null;
  by: Named | Id;
  unit?: Named | Id | null;
  at: Date;
}

export function presentActionItem(
  i: ActionItemLean,
  progress: ProgressLean[],
  steps: StepLean[] = [],
  now = new Date(),
): ActionItem {
  const status = i.status as ActionItemStatus;
  const extensions = i.deadlineHistory ?? [];
  return {
    id: String(i._id),
    alliance: String(i.alliance),
    meeting: i.meeting ? String(i.meeting) : null,
    decision: i.decision ? String(i.decision) : null,
    title: i.title,
    description: i.description ?? '',
    leadUnit: refOrGone(i.leadUnit),
    cooperatingUnits: i.cooperatingUnits.map(refOrGone),
    responsiblePerson: i.responsiblePerson,
    measures: i.measures ?? '',
    dueDate: i.dueDate,
    originalDueDate: extensions[0]?.from ?? i.dueDate,
    deadlineHistory: extensions.map((e) => ({
      from: e.from,
      to: e.to,
      reason: e.reason,
      by: refOrGone(e.by),
      unit: refOrNull(e.unit),
      at: e.at.toISOString(),
    })),
    status,
    overdue: isOverdue({ dueDate: i.dueDate, status }, now),
    percent: i.percent,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    progress: progress.map((p) => ({
      text: p.text,
      percent: p.percent,
      author: refOrGone(p.author),
      unit: refOrNull(p.unit),
      at: p.at.toISOString(),
    })),
    steps: steps.map((s) => ({
      transition: s.transition as ActionItemTransition,
      to: s.to as ActionItemStatus,
      note: s.note ?? null,
      by: refOrGone(s.by),
      unit: refOrNull(s.unit),
      at: s.at.toISOString(),
    })),
  };
}
