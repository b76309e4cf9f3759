import type { Types } from 'mongoose';
import { localDate, OPEN_ACTION_ITEM_STATUSES, type ActionItem, type LedgerQuery } from '@tongxin/shared';
import type { Models } from '../db/models/index.js';
import type { ActionItemLean } from '../presenters/room.js';
import { withProgress } from './room.js';

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

export async function ledgerPage(models: Models, scope: Record<string, unknown>, q: LedgerQuery, now = new Date()) {
  const filter = { $and: [scope, ledgerFilter(q, now)] };
  const [docs, total] = await Promise.all([
    models.ActionItem.find(filter)
      .sort({ dueDate: 1, createdAt: 1 })
      .skip((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .populate('leadUnit', 'name')
      .populate('cooperatingUnits', 'name')
      .lean<ActionItemLean[]>(),
    models.ActionItem.countDocuments(filter),
  ]);
  return { items: await withProgress(models, docs, now), page: q.page, pageSize: q.pageSize, total };
}

/** Every matching item, for the CSV export (a ledger is a few hundred lines, not millions). */
export async function ledgerAll(
  models: Models,
  scope: Record<string, unknown>,
  q: Omit<LedgerQuery, 'page' | 'pageSize'>,
  now = new Date(),
) {
  const docs = await models.ActionItem.find({ $and: [scope, ledgerFilter(q, now)] })
    .sort({ dueDate: 1, createdAt: 1 })
    .limit(10_000)
    .populate('leadUnit', 'name')
    .populate('cooperatingUnits', 'name')
    .lean<ActionItemLean[]>();
  return withProgress(models, docs, now);
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

const STATUS_LABEL: Record<ActionItem['status'], string> = {
  todo: '待办',
  in_progress: '进行中',
  awaiting_verification: '已完成待验收',
  closed: '已销号',
  cancelled: '已取消',
};

const HEADER = [
  '序号',
  '督办事项',
  '事项说明',
  '牵头单位',
  '配合单位',
  '责任人',
  '推进措施',
  '完成时限',
  '状态',
  '进度(%)',
  '是否逾期',
  '最新推进情况',
  '更新时间',
];

/**
 * The ledger (工作台账) as CSV: UTF-8 with a byte-order mark, because Excel reads a BOM-less file
 * in the local code page and garbles the Chinese; CRLF line ends, as RFC 4180 and Excel expect.
 */
export function ledgerCsv(items: ActionItem[]): string {
  const rows = items.map((i, n) => [
    String(n + 1),
    i.title,
    i.description,
    i.leadUnit.name,
    i.cooperatingUnits.map((u) => u.name).join('、'),
    i.responsiblePerson,
    i.measures,
    i.dueDate,
    STATUS_LABEL[i.status],
    String(i.percent),
    i.overdue ? '是' : '否',
    i.progress.at(-1)?.text ?? '',
    i.updatedAt,
  ]);
  return '\uFEFF' + [HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function csvCell(value: string): string {
  // A cell starting with = + - @ is a formula to Excel: neutralise it (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
