import type { Types } from 'mongoose';
import { localDate, OPEN_ACTION_ITEM_STATUSES, type LedgerQuery } from '@tongxin/shared';
import type { Models } from '../db/models/index.js';

const OPEN = ['todo', 'in_progress'];

/** The ledger's filters as a MongoDB filter. Overdue is derived the same way `isOverdue` derives it. */
export function ledgerFilter(q: Omit<LedgerQuery, 'page' | 'pageSize'>, now = new Date()): Record<string, unknown> {
  const today = localDate(now);
  const and: Record<string, unknown>[] = [];
  if (q.status) and.push({ status: q.status });
  if (q.leadUnit) and.push({ leadUnit: q.leadUnit });
  if (q.meeting) and.push({ meeting: q.meeting });
  if (q.excludeMeeting) and.push({ meeting: { $ne: q.excludeMeeting } });
  if (q.open === true) and.push({ status: { $in: OPEN_ACTION_ITEM_STATUSES } });
  if (q.open === false) and.push({ status: { $nin: OPEN_ACTION_ITEM_STATUSES } });
  if (q.dueFrom) and.push({ dueDate: { $gte: q.dueFrom } });
  if (q.dueTo) and.push({ dueDate: { $lte: q.dueTo } });
  if (q.overdue === true) and.push({ status: { $in: OPEN }, dueDate: { $lt: today } });
  if (q.overdue === false) and.push({ $or: [{ status: { $nin: OPEN } }, { dueDate: { $gte: today } }] });
  return and.length ? { $and: and } : {};
}

/** Alliances whose ledger the actor may read: member units, secretaries; admins read all. */
export async function readableAllianceIds(
  models: Models,
  actor: { id: string; unit: string | null; isAdmin: boolean },
): Promise<Types.ObjectId[] | null> {
  if (actor.isAdmin) return null;
  const or: Record<string, unknown>[] = [{ secretaries: actor.id }];
  if (actor.unit) or.push({ 'memberships.unit': actor.unit });
  const rows = await models.Alliance.find({ $or: or }, { _id: 1 }).lean();
  return rows.map((r) => r._id);
}
