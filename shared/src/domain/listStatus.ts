/**
 * The three lists (三张清单): what units need (需求), what they offer (资源) and the joint projects
 * (共建项目) that match them. Status rules only; no I/O.
 */

/** 待认领 → 已认领 → 办理中 → 已解决, or 不予受理 (with a reason). */
export const DEMAND_STATUSES = ['open', 'claimed', 'in_progress', 'resolved', 'rejected'] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

/**
 * `claim` is taken when the raiser accepts an offer (认领 / 提供资源), never directly; the others
 * are buttons on the demand. A rejected demand may be reopened when the reason no longer holds.
 */
export const DEMAND_TRANSITIONS = ['claim', 'start', 'resolve', 'reject', 'reopen'] as const;
export type DemandTransition = (typeof DEMAND_TRANSITIONS)[number];

const DEMAND_RULES: Record<DemandTransition, { from: readonly DemandStatus[]; to: DemandStatus }> = {
  claim: { from: ['open'], to: 'claimed' },
  start: { from: ['claimed'], to: 'in_progress' },
  resolve: { from: ['claimed', 'in_progress'], to: 'resolved' },
  // 不予受理: only before anyone took it on; once claimed, the claiming unit settles it.
  reject: { from: ['open'], to: 'rejected' },
  reopen: { from: ['rejected', 'resolved'], to: 'open' },
};

export function nextDemandStatus(status: DemandStatus, t: DemandTransition): DemandStatus | null {
  const rule = DEMAND_RULES[t];
  return rule.from.includes(status) ? rule.to : null;
}

export function allowedDemandTransitions(status: DemandStatus): DemandTransition[] {
  return DEMAND_TRANSITIONS.filter((t) => t !== 'claim' && nextDemandStatus(status, t) !== null);
}

/** A demand takes offers (认领, 提供资源) only while nobody has taken it on. */
export const acceptsOffers = (status: DemandStatus) => status === 'open';

/** 一般 / 较急 / 紧急 */
export const DEMAND_URGENCIES = ['normal', 'pressing', 'urgent'] as const;
export type DemandUrgency = (typeof DEMAND_URGENCIES)[number];

/** Who raised it: a unit itself, a resident's request a unit recorded (群众诉求), or a meeting. */
export const DEMAND_SOURCES = ['unit', 'resident', 'meeting'] as const;
export type DemandSource = (typeof DEMAND_SOURCES)[number];

/** 场地 / 志愿者 / 资金 / 专业服务 / 设备 / 其他 */
export const RESOURCE_KINDS = ['venue', 'volunteers', 'funds', 'expertise', 'equipment', 'other'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** 可用 / 已用完 / 停用 */
export const RESOURCE_STATUSES = ['available', 'used_up', 'disabled'] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

/** 筹备 → 实施中 → 已完成, or 已终止. */
export const PROJECT_STATUSES = ['preparing', 'active', 'completed', 'terminated'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

const PROJECT_RULES: Record<ProjectStatus, readonly ProjectStatus[]> = {
  preparing: ['active', 'terminated'],
  active: ['completed', 'terminated'],
  // A completed project found unfinished goes back to work; a terminated one stays settled.
  completed: ['active'],
  terminated: [],
};

export function canMoveProject(from: ProjectStatus, to: ProjectStatus): boolean {
  return PROJECT_RULES[from].includes(to);
}

export function nextProjectStatuses(from: ProjectStatus): readonly ProjectStatus[] {
  return PROJECT_RULES[from];
}

/**
 * The default categories of an alliance's lists, from the practice of street alliances; a
 * secretary edits them for the alliance.
 */
export const DEFAULT_LIST_CATEGORIES = ['环境整治', '养老服务', '停车', '就业', '助学', '文化活动', '安全隐患', '其他'] as const;
