import type { ItemLight } from '../schemas/actionItem.js';
import type { ActionItemStatus } from './actionItemStatus.js';
import { itemLightAt, type LightSettings } from './itemLight.js';
import type { ProjectStatus } from './listStatus.js';

/**
 * 亮灯 of a joint project (共建项目). A project has no single deadline: its next open milestone
 * (节点) is the deadline it is held to, and its last progress entry is its last report. The one
 * `statusLight` rule then decides, as for an action item: red past the milestone's date, yellow
 * within the alliance's due-soon working days or after its silence, green otherwise.
 */

/** What of a milestone the light and the reminders read, as stored. */
export interface MilestoneFacts {
  title: string;
  dueDate: string;
  done: boolean;
}

/** The earliest milestone not yet done (the one the project is held to), or null. */
export function nextOpenMilestone<M extends MilestoneFacts>(milestones: readonly M[]): M | null {
  let next: M | null = null;
  for (const m of milestones) if (!m.done && (!next || m.dueDate < next.dueDate)) next = m;
  return next;
}

/** Work under way counts as 进行中; a completed project is settled like 已销号, a terminated one like 已取消. */
const AS_ITEM_STATUS: Record<ProjectStatus, ActionItemStatus> = {
  preparing: 'in_progress',
  active: 'in_progress',
  completed: 'closed',
  terminated: 'cancelled',
};

export interface ProjectLightFacts {
  status: string;
  milestones: readonly MilestoneFacts[];
  /** When the project was created: its "last report" until the first progress entry. */
  createdAt: Date;
  /** Its progress entries (进展), any order. */
  progress: readonly { at: Date }[];
}

/**
 * The project's light now. Finished projects — and open ones with no milestone left to meet —
 * show none: there is no date to be late for, so the screens show the status instead.
 */
export function projectLightAt(project: ProjectLightFacts, settings: LightSettings, now: Date): ItemLight {
  const status = AS_ITEM_STATUS[project.status as ProjectStatus] ?? 'in_progress';
  const next = nextOpenMilestone(project.milestones);
  if (status === 'closed' || status === 'cancelled' || !next) return { light: 'none', reason: 'finished' };
  let lastReportAt: Date | null = null;
  for (const p of project.progress) if (!lastReportAt || p.at > lastReportAt) lastReportAt = p.at;
  return itemLightAt({ status, dueDate: next.dueDate, createdAt: project.createdAt, lastReportAt }, settings, now);
}
