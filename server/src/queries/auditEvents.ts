import { AUDIT_ACTIONS, auditCategory, type AuditEvent, type AuditQuery, type AuditTargetKind, type Page } from '@tongxin/shared';
import type { Models } from '../db/models/index.js';
import {
  nameKey,
  presentAuditEvent,
  referencedIds,
  type AuditEventRecord,
  type AuditNames,
} from '../presenters/auditEvent.js';

/** The MongoDB filter of the log's filters, on top of `scope` (one alliance, or none). */
export function auditFilter(scope: Record<string, unknown>, q: AuditQuery): Record<string, unknown> {
  const filter: Record<string, unknown> = { ...scope };
  if (q.category) {
    const known = AUDIT_ACTIONS.filter((a) => auditCategory(a) === q.category);
    // `other` is what no kind claims, including actions recorded before the list knew them.
    filter.action =
      q.category === 'other'
        ? { $nin: AUDIT_ACTIONS.filter((a) => auditCategory(a) !== 'other') }
        : { $in: known };
  }
  if (q.unit) filter.actorUnit = q.unit;
  if (q.from || q.to) filter.at = { ...(q.from ? { $gte: new Date(q.from) } : {}), ...(q.to ? { $lt: new Date(q.to) } : {}) };
  return filter;
}

/** Names (and a vote's meeting) of every record a page of events refers to, in one query per kind. */
export async function auditNames(models: Models, events: AuditEventRecord[]): Promise<AuditNames> {
  const ids = new Map<AuditTargetKind, Set<string>>();
  for (const [kind, id] of events.flatMap(referencedIds)) {
    if (!ids.has(kind)) ids.set(kind, new Set());
    ids.get(kind)!.add(id);
  }
  const names: AuditNames = new Map();
  const load = async (
    kind: AuditTargetKind,
    find: (ids: string[]) => Promise<{ _id: unknown; name?: string | null; title?: string | null; meeting?: unknown }[]>,
  ) => {
    const wanted = [...(ids.get(kind) ?? [])];
    if (wanted.length === 0) return;
    for (const d of await find(wanted)) {
      names.set(nameKey(kind, String(d._id)), {
        name: d.name ?? d.title ?? '—',
        ...(d.meeting ? { meeting: String(d.meeting) } : {}),
      });
    }
  };
  const byIds = (ids: string[]) => ({ _id: { $in: ids } });
  await Promise.all([
    load('user', (ids) => models.User.find(byIds(ids), 'name').lean()),
    load('unit', (ids) => models.Unit.find(byIds(ids), 'name').lean()),
    load('alliance', (ids) => models.Alliance.find(byIds(ids), 'name').lean()),
    load('meeting', (ids) => models.Meeting.find(byIds(ids), 'title').lean()),
    load('decision', (ids) => models.Decision.find(byIds(ids), 'title').lean()),
    load('vote', (ids) => models.Vote.find(byIds(ids), 'title meeting').lean()),
    load('action_item', (ids) => models.ActionItem.find(byIds(ids), 'title').lean()),
  ]);
  return names;
}

/** One page of the audit log, newest first, in words. */
export async function auditPage(
  models: Models,
  scope: Record<string, unknown>,
  q: AuditQuery,
  { withIp }: { withIp: boolean },
): Promise<Page<AuditEvent>> {
  const filter = auditFilter(scope, q);
  const [docs, total] = await Promise.all([
    models.AuditEvent.find(filter)
      .sort({ at: -1, _id: -1 })
      .skip((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .populate('actor', 'name')
      .populate('actorUnit', 'name')
      .lean<AuditEventRecord[]>(),
    models.AuditEvent.countDocuments(filter),
  ]);
  const names = await auditNames(models, docs);
  return { items: docs.map((e) => presentAuditEvent(e, names, { withIp })), page: q.page, pageSize: q.pageSize, total };
}
