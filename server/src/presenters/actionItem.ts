import {
  acknowledgementOverdue,
  awaitsAcknowledgement,
  isOverdue,
  type ActionItem,
  type ActionItemStatus,
  type ActionItemTransition,
  type ExtensionRequestStatus,
  type ItemLight,
} from '@tongxin/shared';
import { refOrGone, refOrNull, type Id, type Named } from './refs.js';

/** 签收 as the screens show it; items from before 签收 existed (no dates) count as acknowledged. */
function acknowledgementOf(i: ActionItemLean, status: ActionItemStatus, now: Date): ActionItem['acknowledgement'] {
  const facts = { status, ackDueAt: i.ackDueAt ?? null, acknowledgedAt: i.acknowledgedAt ?? null };
  return {
    at: i.acknowledgedAt ? i.acknowledgedAt.toISOString() : null,
    by: refOrNull(i.acknowledgedBy),
    dueAt: i.ackDueAt ? i.ackDueAt.toISOString() : null,
    pending: awaitsAcknowledgement(facts),
    overdue: acknowledgementOverdue(facts, now),
  };
}

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
  /** When the lead unit last reported; null for items from before it was recorded. */
  lastReportAt?: Date | null;
  ackDueAt?: Date | null;
  acknowledgedAt?: Date | null;
  acknowledgedBy?: Named | Id | null;
  extensionRequests?: ExtensionRequestLean[] | null;
  nudges?: NudgeLean[] | null;
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
export interface ExtensionRequestLean {
  _id: Id;
  from?: string | null;
  to: string;
  reason: string;
  by: Named | Id;
  unit?: Named | Id | null;
  at: Date;
  status: string;
  decidedBy?: Named | Id | null;
  decidedAt?: Date | null;
  decisionNote?: string | null;
}
export interface NudgeLean {
  note?: string | null;
  by: Named | Id;
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
  steps: StepLean[],
  now: Date,
  /** 亮灯 now (see views/itemLight.ts: it needs the alliance's rules and calendar). */
  light: ItemLight,
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
    acknowledgement: acknowledgementOf(i, status, now),
    extensionRequests: (i.extensionRequests ?? []).map((r) => ({
      id: String(r._id),
      from: r.from ?? null,
      to: r.to,
      reason: r.reason,
      by: refOrGone(r.by),
      unit: refOrNull(r.unit),
      at: r.at.toISOString(),
      status: r.status as ExtensionRequestStatus,
      decidedBy: refOrNull(r.decidedBy),
      decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
      decisionNote: r.decisionNote ?? null,
    })),
    nudgeCount: (i.nudges ?? []).length,
    nudges: (i.nudges ?? []).map((n) => ({ note: n.note ?? '', by: refOrGone(n.by), at: n.at.toISOString() })),
    light,
    percent: i.percent,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    progress: progress.map((p) => ({
      text: p.text,
      percent: p.percent,
      author: refOrGone(p.author),
      unit: refOrNull(p.unit),
      at: p.at.toISOString(),
      // 佐证材料 and the cooperating units' parts are added by views/actionItemParts.ts.
      attachments: [],
    })),
    parts: [],
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
