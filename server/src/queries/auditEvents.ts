import { AUDIT_ACTIONS, auditCategory, type AuditQuery, type AuditTargetKind } from '@tongxin/shared';
import type { Models } from '../db/models/index.js';

/** The MongoDB filter of the log's filters, on top of `scope` (one alliance, or none). */
export function auditFilter(scope: Record<string, unknown>, q: AuditQuery): Record<string, unknown> {
  const filter: Record<string, unknown> = { ...scope };
  if (q.category) {
    // `other` is what no kind claims, including actions recorded before the list knew them.
    filter.action =
      q.category === 'other'
        ? { $nin: AUDIT_ACTIONS.filter((a) => auditCategory(a) !== 'other') }
        : { $in: AUDIT_ACTIONS.filter((a) => auditCategory(a) === q.category) };
  }
  if (q.unit) filter.actorUnit = q.unit;
  if (q.from || q.to) filter.at = { ...(q.from ? { $gte: new Date(q.from) } : {}), ...(q.to ? { $lt: new Date(q.to) } : {}) };
  return filter;
}

/** One page of audit events, newest first, with who acted and from which unit by name. */
export async function findAuditEvents(models: Models, filter: Record<string, unknown>, q: AuditQuery) {
  const [docs, total] = await Promise.all([
    models.AuditEvent.find(filter)
      .sort({ at: -1, _id: -1 })
      .skip((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .populate<{ actor: { _id: unknown; name: string } | null }>('actor', 'name')
      .populate<{ actorUnit: { _id: unknown; name: string } | null }>('actorUnit', 'name')
      .lean(),
    models.AuditEvent.countDocuments(filter),
  ]);
  return { docs, total };
}

export interface RecordName {
  name: string;
  /** A vote's meeting, where the vote is shown. */
  meeting?: string;
  /** Where the record is shown, when its id alone does not say (a rating period: its alliance and key). */
  path?: string;
}

/** Names (and a vote's meeting) of the records a page of events refers to: one query per kind. */
export async function recordNames(
  models: Models,
  refs: [AuditTargetKind, string][],
): Promise<Map<AuditTargetKind, Map<string, RecordName>>> {
  const ids = new Map<AuditTargetKind, Set<string>>();
  for (const [kind, id] of refs) {
    if (!ids.has(kind)) ids.set(kind, new Set());
    ids.get(kind)!.add(id);
  }
  const names = new Map<AuditTargetKind, Map<string, RecordName>>();
  const load = async (
    kind: AuditTargetKind,
    find: (filter: { _id: { $in: string[] } }) => Promise<{ _id: unknown; name?: string | null; title?: string | null; meeting?: unknown; path?: string }[]>,
  ) => {
    const wanted = [...(ids.get(kind) ?? [])];
    if (wanted.length === 0) return;
    const byId = new Map<string, RecordName>();
    for (const d of await find({ _id: { $in: wanted } })) {
      byId.set(String(d._id), {
        name: d.name ?? d.title ?? '—',
        ...(d.meeting ? { meeting: String(d.meeting) } : {}),
        ...(d.path ? { path: d.path } : {}),
      });
    }
    names.set(kind, byId);
  };
  await Promise.all([
    load('user', (f) => models.User.find(f, 'name').lean()),
    load('unit', (f) => models.Unit.find(f, 'name').lean()),
    load('alliance', (f) => models.Alliance.find(f, 'name').lean()),
    load('meeting', (f) => models.Meeting.find(f, 'title').lean()),
    load('decision', (f) => models.Decision.find(f, 'title').lean()),
    load('vote', (f) => models.Vote.find(f, 'title meeting').lean()),
    load('action_item', (f) => models.ActionItem.find(f, 'title').lean()),
    load('demand', (f) => models.Demand.find(f, 'title').lean()),
    load('resource', (f) => models.Resource.find(f, 'title').lean()),
    load('project', (f) => models.Project.find(f, 'title').lean()),
    load('whistle', (f) => models.Whistle.find(f, 'title').lean()),
    // A rating period is named by its key (2026-Q4): "发布了 2026-Q4 的星级评定结果".
    load('rating', async (f) =>
      (await models.RatingPeriod.find(f, 'period alliance').lean()).map((d) => ({
        _id: d._id,
        name: d.period,
        path: `/alliances/${String(d.alliance)}/ratings/${d.period}`,
      })),
    ),
    load('service_activity', (f) => models.ServiceActivity.find(f, 'title').lean()),
    load('appraisal', (f) => models.Appraisal.find(f, 'title').lean()),
  ]);
  return names;
}
