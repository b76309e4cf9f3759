import type { LedgerQuery } from '@tongxin/shared';
import type { Models } from '../db/models/index.js';
import type { ActionItemLean } from '../presenters/actionItem.js';
import { ledgerFilter } from '../queries/actionItems.js';
import { populateItem, withProgress } from './actionItem.js';

// The work ledger (工作台账): action items as the ledger screen and its CSV show them.

export async function ledgerPage(models: Models, scope: Record<string, unknown>, q: LedgerQuery, now = new Date()) {
  const filter = { $and: [scope, ledgerFilter(q, now)] };
  const [docs, total] = await Promise.all([
    populateItem(
      models.ActionItem.find(filter)
        .sort({ dueDate: 1, createdAt: 1 })
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize),
    ).lean<ActionItemLean[]>(),
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
  const docs = await populateItem(
    models.ActionItem.find({ $and: [scope, ledgerFilter(q, now)] })
      .sort({ dueDate: 1, createdAt: 1 })
      .limit(10_000),
  ).lean<ActionItemLean[]>();
  return withProgress(models, docs, now);
}
