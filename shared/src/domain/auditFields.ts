/**
 * What the audit log knows about the fields a change touched: how each value reads in words.
 * A command records raw values (`{ status: 'in_session', convenerUnit: <id> }`); the server
 * resolves ids to names and the client formats dates in local time and enums through their
 * catalogue labels. Each field listed here has a label in the `audit.field` catalogue; a field not
 * listed is left out of the log rather than shown raw.
 */

/** What an audit event may point at; each has a link where the product has a page for it. */
export const AUDIT_TARGET_KINDS = ['user', 'unit', 'alliance', 'meeting', 'decision', 'vote', 'action_item', 'login', 'demand', 'resource', 'project', 'whistle', 'appraisal', 'rating', 'service_activity'] as const;
export type AuditTargetKind = (typeof AUDIT_TARGET_KINDS)[number];

export type AuditFieldSpec =
  | { type: 'text' }
  /** Charter, descriptions, notes: shortened in the log. */
  | { type: 'longText' }
  | { type: 'number' }
  | { type: 'percent' }
  | { type: 'seconds' }
  /** A decision's version number: 第 2 版. */
  | { type: 'version' }
  | { type: 'boolean' }
  /** An instant, shown in local (Beijing) time. */
  | { type: 'time' }
  /** A calendar day (`YYYY-MM-DD`), such as a deadline. */
  | { type: 'day' }
  /** Calendar days, such as an alliance's extra holidays. */
  | { type: 'dayList' }
  /** A code with labels in the catalogue under `catalogue` (e.g. `meetingStatus`). */
  | { type: 'enum'; catalogue: string }
  | { type: 'ref'; kind: AuditTargetKind }
  | { type: 'refList'; kind: AuditTargetKind }
  /** Recorded for the trail (a SHA-256, a technical flag) but not worth a line in the log. */
  | { type: 'hidden' };

const text = { type: 'text' } as const;
const longText = { type: 'longText' } as const;
const number = { type: 'number' } as const;
const boolean = { type: 'boolean' } as const;
const hidden = { type: 'hidden' } as const;
const enumOf = (catalogue: string) => ({ type: 'enum', catalogue }) as const;
const refTo = (kind: AuditTargetKind) => ({ type: 'ref', kind }) as const;
const listOf = (kind: AuditTargetKind) => ({ type: 'refList', kind }) as const;

/** Fields by name, the same whatever the target. */
export const AUDIT_FIELDS = {
  title: text,
  name: text,
  shortName: text,
  login: text,
  item: text,
  note: text,
  comment: text,
  reason: text,
  location: text,
  responsiblePerson: text,
  measures: longText,
  description: longText,
  charter: longText,
  seq: number,
  version: { type: 'version' },
  units: number,
  // Not `for`/`against`/`abstain`: in the record no field of a vote is named like a choice.
  votesFor: number,
  votesAgainst: number,
  votesAbstain: number,
  present: number,
  eligible: number,
  required: number,
  answered: number,
  asked: number,
  percent: { type: 'percent' },
  timeBox: { type: 'seconds' },
  retryAfterSeconds: { type: 'seconds' },
  isAdmin: boolean,
  secret: boolean,
  viaProxy: boolean,
  late: boolean,
  returned: boolean,
  active: boolean,
  allowBallotChange: boolean,
  tallyVisibility: enumOf('audit.tally'),
  scheduledAt: { type: 'time' },
  place: text,
  durationMinutes: number,
  onBehalf: boolean,
  arrivedAt: { type: 'time' },
  leftAt: { type: 'time' },
  dueDate: { type: 'day' },
  due: { type: 'day' },
  requestedDueDate: { type: 'day' },
  ackDueAt: { type: 'time' },
  ackWorkingDays: number,
  approved: boolean,
  nudgeCount: number,
  /** 佐证材料 a report carried. */
  attachments: number,
  /** The names of the files added. */
  files: text,
  status: hidden,
  kind: hidden,
  role: enumOf('roles'),
  state: enumOf('minutes.state'),
  choice: enumOf('room.vote.choices'),
  outcome: enumOf('room.vote.outcome'),
  basis: enumOf('room.vote.basis'),
  threshold: enumOf('room.vote.thresholds'),
  minutes: enumOf('minutes.status'),
  by: enumOf('audit.closedBy'),
  via: enumOf('audit.via'),
  unit: refTo('unit'),
  leadUnit: refTo('unit'),
  convenerUnit: refTo('unit'),
  fromUnit: refTo('unit'),
  voter: refTo('user'),
  to: refTo('user'),
  speaker: refTo('user'),
  primaryRepresentative: refTo('user'),
  meeting: refTo('meeting'),
  decision: refTo('decision'),
  representatives: listOf('user'),
  secretaries: listOf('user'),
  rotation: listOf('unit'),
  dueSoonWorkingDays: number,
  silentDays: number,
  holidays: { type: 'dayList' },
  workdays: { type: 'dayList' },
  cooperatingUnits: listOf('unit'),
  sha256: hidden,
  category: text,
  categories: text,
  resource: refTo('resource'),
  demand: refTo('demand'),
  /** 积分: a manual entry's points and the day it counts on; the scheme in words; lines a rebuild changed. */
  points: number,
  date: { type: 'day' },
  scheme: longText,
  entries: number,
  /** 星级评定: the period key (2026-Q4), stars, and the rules in words. */
  period: text,
  periodKind: enumOf('audit.periodKind'),
  stars: number,
  method: enumOf('audit.ratingMethod'),
  pointsWeight: number,
  appraisalWeight: number,
  thresholds: text,
  rankShares: text,
  /** 委员名单 in words: 姓名（职务，所在单位）; …. */
  committee: text,
  member: refTo('user'),
  community: refTo('unit'),
  workUnit: refTo('unit'),
  hours: number,
  needed: number,
  startsAt: { type: 'time' },
  skills: text,
  platform: enumOf('robots.platform'),
  webhookHost: text,
  secretSet: boolean,
  enabled: boolean,
  kindCount: number,
  /** 述职评议: the reporting units, a link's label and expiry, how many reports a scoring covered. */
  reporters: listOf('unit'),
  label: text,
  expiresAt: { type: 'time' },
  reports: number,
} as const satisfies Record<string, AuditFieldSpec>;
export type AuditField = keyof typeof AUDIT_FIELDS;

/** Fields whose meaning depends on what changed: a meeting's status is not an action item's. */
const BY_TARGET: Partial<Record<string, Partial<Record<AuditField, AuditFieldSpec>>>> = {
  meeting: { status: enumOf('meetingStatus') },
  action_item: { status: enumOf('actionItems.status') },
  demand: { status: enumOf('lists.demandStatus') },
  resource: { status: enumOf('lists.resourceStatus') },
  project: { status: enumOf('lists.projectStatus') },
  whistle: { status: enumOf('whistles.status') },
  decision: { status: enumOf('decision.status') },
  vote: { status: enumOf('room.vote.status') },
  alliance: { kind: enumOf('allianceKind') },
  unit: { kind: enumOf('unitKind') },
};

/** How a field of a change on `targetType` reads, or undefined for a field the log does not know. */
export function auditFieldSpec(targetType: string, field: string): AuditFieldSpec | undefined {
  if (!Object.hasOwn(AUDIT_FIELDS, field)) return undefined;
  return BY_TARGET[targetType]?.[field as AuditField] ?? AUDIT_FIELDS[field as AuditField];
}

/** The kinds of action a secretary filters the log by; each has a label in `audit.category`. */
export const AUDIT_CATEGORIES = ['membership', 'meeting', 'decision', 'vote', 'actionItem', 'lists', 'evaluation', 'people', 'other'] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

const CATEGORY_OF_PREFIX: Record<string, AuditCategory> = {
  alliance: 'membership',
  // 群机器人 are part of the alliance's settings.
  robot: 'membership',
  meeting: 'meeting',
  speaker: 'meeting',
  minutes: 'meeting',
  attendance: 'meeting',
  decision: 'decision',
  vote: 'vote',
  ballot: 'vote',
  actionItem: 'actionItem',
  lists: 'lists',
  demand: 'lists',
  resource: 'lists',
  project: 'lists',
  whistle: 'lists',
  points: 'evaluation',
  rating: 'evaluation',
  appraisal: 'evaluation',
  committee: 'people',
  service: 'people',
  unit: 'people',
  user: 'people',
  login: 'people',
  admin: 'people',
};

/** The kind of an action, from the part of its name before the first dot (`vote.close` → vote). */
export function auditCategory(action: string): AuditCategory {
  return CATEGORY_OF_PREFIX[action.split('.')[0] ?? ''] ?? 'other';
}
