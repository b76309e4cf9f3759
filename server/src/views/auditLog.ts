import type { AuditEvent, AuditQuery, Page } from '@tongxin/shared';
import type { Models } from '../db/models/index.js';
import { presentAuditEvent, referencedIds, type AuditEventRecord } from '../presenters/auditEvent.js';
import { auditFilter, findAuditEvents, recordNames } from '../queries/auditEvents.js';

/** One page of an audit log (`scope`: one alliance, or `{ alliance: null }` for the system's), in words. */
export async function auditLogView(
  models: Models,
  scope: Record<string, unknown>,
  q: AuditQuery,
  { withIp }: { withIp: boolean },
): Promise<Page<AuditEvent>> {
  const { docs, total } = await findAuditEvents(models, auditFilter(scope, q), q);
  const events = docs as unknown as AuditEventRecord[];
  const names = await recordNames(models, events.flatMap(referencedIds));
  return { items: events.map((e) => presentAuditEvent(e, names, { withIp })), page: q.page, pageSize: q.pageSize, total };
}
