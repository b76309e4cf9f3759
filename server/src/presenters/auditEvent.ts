import {
  auditCategory,
  auditFieldSpec,
  localDate,
  type AuditChange,
  type AuditEvent,
  type AuditRef,
  type AuditTargetKind,
  type AuditValue,
} from '@tongxin/shared';
import { refOrGone, type Id, type Named } from './refs.js';

/** An audit event as stored. */
export interface AuditEventRecord {
  _id: Id;
  actor?: Named | Id | null;
  actorUnit?: Named | Id | null;
  action: string;
  targetType: string;
  targetId?: Id | null;
  changes?: { field?: string | null; before?: unknown; after?: unknown }[] | null;
  before?: string | null;
  after?: string | null;
  ip?: string | null;
  at: Date;
}

/** A record an event refers to, by kind and id: its name and, for a vote, the meeting it belongs to. */
export interface AuditName {
  name: string;
  meeting?: string;
  /** Where the record is shown, when its id alone does not say. */
  path?: string;
}
/** Names by kind, then by id. */
export type AuditNames = Map<AuditTargetKind, Map<string, AuditName>>;

interface RawChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

/** An ObjectId as stored, or its 24 hex digits. */
const isId = (v: unknown): boolean =>
  (typeof v === 'string' && /^[0-9a-f]{24}$/i.test(v)) ||
  (typeof v === 'object' && v !== null && typeof (v as { toHexString?: unknown }).toHexString === 'function');

/**
 * Older events carry `key: value; key: value` summaries; the pairs whose key the log knows become
 * changes, the rest is dropped, so no raw summary reaches the screen.
 */
/** Older names of fields, as summaries spelled them. */
const LEGACY_NAMES: Record<string, string> = { for: 'votesFor', against: 'votesAgainst', abstain: 'votesAbstain' };

function legacyPairs(summary: string | null | undefined): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const part of (summary ?? '').split('; ')) {
    const m = /^([A-Za-z]\w*): (.+)$/.exec(part.trim());
    if (m) pairs.set(LEGACY_NAMES[m[1]!] ?? m[1]!, m[2]!);
  }
  return pairs;
}

/** A summary that is plain words (no `key: value`, no ids, no JSON, no timestamps). */
function plainNote(summary: string | null | undefined): string | undefined {
  if (!summary) return undefined;
  if (/[{}[\]]|[0-9a-f]{24}|\d{4}-\d{2}-\d{2}T|^\s*\w+\s*:|;\s*\w+\s*:/i.test(summary)) return undefined;
  return summary;
}

/** The changes of an event, whether stored as such or as an older summary. */
export function rawChanges(e: AuditEventRecord): RawChange[] {
  if (e.changes) return e.changes.flatMap((c) => (c.field ? [{ field: c.field, before: c.before, after: c.after }] : []));
  const before = legacyPairs(e.before);
  const after = legacyPairs(e.after);
  const fields = [...new Set([...before.keys(), ...after.keys()])].filter((f) => auditFieldSpec(e.targetType, f));
  return fields.map((field) => ({
    field,
    ...(before.has(field) ? { before: before.get(field) } : {}),
    ...(after.has(field) ? { after: after.get(field) } : {}),
  }));
}

/** Every record an event names, for one batched look-up of names. */
export function referencedIds(e: AuditEventRecord): [AuditTargetKind, string][] {
  const out: [AuditTargetKind, string][] = [];
  if (e.targetId && e.targetType !== 'login') out.push([e.targetType as AuditTargetKind, String(e.targetId)]);
  for (const c of rawChanges(e)) {
    const spec = auditFieldSpec(e.targetType, c.field);
    if (spec?.type !== 'ref' && spec?.type !== 'refList') continue;
    for (const v of [c.before, c.after].flatMap((x) => (Array.isArray(x) ? x : [x]))) {
      if (isId(v)) out.push([spec.kind, String(v)]);
    }
  }
  return out;
}

/** Where the product shows a record; people and units have no page of their own. */
function pathOf(kind: AuditTargetKind, id: string, named: AuditName | undefined): string | undefined {
  switch (kind) {
    case 'alliance':
      return `/alliances/${id}`;
    case 'meeting':
      return `/meetings/${id}`;
    case 'decision':
      return `/decisions/${id}`;
    case 'action_item':
      return `/action-items/${id}`;
    case 'demand':
      return `/demands/${id}`;
    case 'project':
      return `/projects/${id}`;
    case 'whistle':
      return `/whistles/${id}`;
    case 'service_activity':
      return `/service-activities/${id}`;
    case 'appraisal':
      return `/appraisals/${id}`;
    case 'rating':
      return named?.path;
    case 'vote':
      return named?.meeting ? `/meetings/${named.meeting}` : undefined;
    default:
      return undefined;
  }
}

function refTo(kind: AuditTargetKind, id: string, names: AuditNames): AuditRef {
  const named = names.get(kind)?.get(id);
  const path = named ? pathOf(kind, id, named) : undefined;
  return { kind, id, name: named?.name ?? '—', ...(path ? { path } : {}) };
}

function presentValue(targetType: string, field: string, raw: unknown, names: AuditNames): AuditValue | undefined {
  const spec = auditFieldSpec(targetType, field);
  if (!spec || raw === undefined || raw === null || raw === '') return undefined;
  switch (spec.type) {
    case 'text':
    case 'longText':
      return typeof raw === 'string' || typeof raw === 'number' ? { type: 'text', text: String(raw) } : undefined;
    case 'number':
    case 'percent':
    case 'seconds':
    case 'version': {
      const value = typeof raw === 'number' ? raw : Number(String(raw).replace(/s$/, ''));
      if (!Number.isFinite(value)) return undefined;
      return { type: 'number', value, ...(spec.type === 'number' ? {} : { unit: spec.type }) };
    }
    case 'boolean':
      return raw === true || raw === 'true' ? { type: 'boolean', value: true } : raw === false || raw === 'false' ? { type: 'boolean', value: false } : undefined;
    case 'time': {
      const at = raw instanceof Date ? raw : new Date(String(raw));
      return Number.isNaN(at.getTime()) ? undefined : { type: 'time', at: at.toISOString() };
    }
    case 'day':
      if (raw instanceof Date) return { type: 'day', day: localDate(raw) };
      return typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? { type: 'day', day: raw } : undefined;
    case 'dayList':
      if (!Array.isArray(raw)) return undefined;
      return {
        type: 'list',
        items: raw.filter((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)).map((day) => ({ type: 'day', day }) as const),
      };
    case 'enum':
      return typeof raw === 'string' && /^\w+$/.test(raw) ? { type: 'enum', key: `${spec.catalogue}.${raw}` } : undefined;
    case 'ref':
      return isId(raw) ? { type: 'ref', ref: refTo(spec.kind, String(raw), names) } : undefined;
    case 'refList': {
      if (!Array.isArray(raw)) return undefined;
      return { type: 'list', items: raw.filter(isId).map((id) => ({ type: 'ref', ref: refTo(spec.kind, String(id), names) }) as const) };
    }
    case 'hidden':
      return undefined;
  }
}

function presentChange(targetType: string, c: RawChange, names: AuditNames): AuditChange | undefined {
  const before = presentValue(targetType, c.field, c.before, names);
  const after = presentValue(targetType, c.field, c.after, names);
  if (!before && !after) return undefined;
  return { field: c.field, ...(before ? { before } : {}), ...(after ? { after } : {}) };
}

/**
 * An audit event as the log shows it: who, from which unit, what, on which record (by name, with
 * its page), what changed — values typed so the client says them in words, never as ids or codes.
 * Where someone acted from is personal data (an address can locate a person), so the IP goes only
 * to those who answer for the alliance — its secretaries and admins (`withIp`).
 */
export function presentAuditEvent(e: AuditEventRecord, names: AuditNames, { withIp }: { withIp: boolean }): AuditEvent {
  const raw = rawChanges(e);
  const login = e.actor ? undefined : raw.find((c) => c.field === 'login')?.after;
  const target = e.targetId && e.targetType !== 'login' ? refTo(e.targetType as AuditTargetKind, String(e.targetId), names) : null;
  const note = e.changes ? undefined : (plainNote(e.after) ?? plainNote(e.before));
  return {
    id: String(e._id),
    actor: e.actor ? refOrGone(e.actor) : null,
    actorUnit: e.actorUnit ? refOrGone(e.actorUnit) : null,
    ...(typeof login === 'string' ? { login } : {}),
    action: e.action,
    category: auditCategory(e.action),
    targetType: e.targetType,
    ...(e.targetId ? { targetId: String(e.targetId) } : {}),
    target,
    changes: raw.flatMap((c) => (c.field === 'login' && login !== undefined ? [] : (presentChange(e.targetType, c, names) ?? []))),
    ...(note ? { note } : {}),
    ...(withIp && e.ip ? { ip: e.ip } : {}),
    at: e.at.toISOString(),
  };
}
