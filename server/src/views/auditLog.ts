import type { AuditEvent, AuditQuery, Page } from '@tongxin/shared';
import type { Models } from '../db/models/index.js';
import { countsVisible } from '../presenters/vote.js';
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
  const events = await withholdOpenChoices(models, docs as unknown as AuditEventRecord[]);
  const names = await recordNames(models, events.flatMap(referencedIds));
  return { items: events.map((e) => presentAuditEvent(e, names, { withIp })), page: q.page, pageSize: q.pageSize, total };
}

/** Audit actions that record a named ballot's choice. */
const BALLOT_ACTIONS = new Set(['vote.cast', 'vote.changeBallot', 'vote.enterBallot']);

/**
 * While a vote counted at close is open, nobody sees how it is going (结果将在表决结束后公布): the
 * log withholds the choice of its ballots until it closes, and keeps who voted and when.
 */
async function withholdOpenChoices(models: Models, events: AuditEventRecord[]): Promise<AuditEventRecord[]> {
  const voteIds = [...new Set(events.filter((e) => BALLOT_ACTIONS.has(e.action) && e.targetId).map((e) => String(e.targetId)))];
  if (voteIds.length === 0) return events;
  const votes = await models.Vote.find({ _id: { $in: voteIds } }, { secret: 1, status: 1, tallyVisibility: 1 }).lean();
  const hidden = new Set(votes.filter((v) => v.status === 'open' && !countsVisible(v)).map((v) => String(v._id)));
  if (hidden.size === 0) return events;
  const noChoice = (summary: string | null | undefined) =>
    summary ? summary.split('; ').filter((part) => !/^\s*choice:/.test(part)).join('; ') : summary;
  return events.map((e) =>
    BALLOT_ACTIONS.has(e.action) && hidden.has(String(e.targetId))
      ? {
          ...e,
          changes: e.changes ? e.changes.filter((c) => c.field !== 'choice') : e.changes,
          before: noChoice(e.before),
          after: noChoice(e.after),
        }
      : e,
  );
}
