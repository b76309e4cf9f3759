import type { LedgerPage, LedgerQuery, LightCounts, ProjectLedger, StatusLight } from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import type { ActionItemLean } from '../presenters/actionItem.js';
import { ledgerFilter } from '../queries/actionItems.js';
import { populateItem, withProgress } from './actionItem.js';
import { DEFAULT_LIGHT_SETTINGS, itemLight, lightSettingsByAlliance, type ItemLightFacts } from './itemLight.js';
import { populateProject, presentProjects } from './lists.js';

// The work ledger (工作台账): action items as the ledger screen and its CSV/XLSX show them.

/** A ledger is a few hundred lines, not millions: the light of every matching item is computed. */
const LEDGER_LIMIT = 10_000;

type LightRow = ItemLightFacts & { _id: Types.ObjectId; alliance: Types.ObjectId };

/**
 * The matching items in ledger order, each with its light now. The light depends on working days
 * and the alliance's calendar, so it is computed here rather than asked of the database; the
 * filter by light and the counts above the ledger come from the same pass.
 */
async function lightsOf(models: Models, filter: Record<string, unknown>, now: Date) {
  const rows = await models.ActionItem.find(filter, {
    alliance: 1,
    status: 1,
    dueDate: 1,
    createdAt: 1,
    lastReportAt: 1,
    ackDueAt: 1,
    acknowledgedAt: 1,
  })
    .sort({ dueDate: 1, createdAt: 1 })
    .limit(LEDGER_LIMIT)
    .lean<LightRow[]>();
  // Items from before `lastReportAt` was kept: their latest progress entry is their last report.
  const older = rows.filter((r) => !r.lastReportAt).map((r) => r._id);
  const latest = new Map<string, Date>();
  if (older.length > 0) {
    const reports = await models.ActionItemProgress.find({ item: { $in: older } }, { item: 1, at: 1 }).lean();
    for (const r of reports) {
      const seen = latest.get(String(r.item));
      if (!seen || r.at > seen) latest.set(String(r.item), r.at);
    }
  }
  const settings = await lightSettingsByAlliance(models, rows.map((r) => r.alliance));
  return rows.map((r) => ({
    id: r._id,
    light: itemLight(r, settings.get(String(r.alliance)) ?? DEFAULT_LIGHT_SETTINGS, now, latest.get(String(r._id))).light,
  }));
}

function countLights(rows: { light: StatusLight }[]): LightCounts {
  const counts: LightCounts = { red: 0, yellow: 0, green: 0, none: 0 };
  for (const r of rows) counts[r.light] += 1;
  return counts;
}

/** Full views of the items with these ids, in the order given. */
async function viewsInOrder(models: Models, ids: Types.ObjectId[], now: Date) {
  if (ids.length === 0) return [];
  const docs = await populateItem(models.ActionItem.find({ _id: { $in: ids } })).lean<ActionItemLean[]>();
  const byId = new Map(docs.map((d) => [String(d._id), d]));
  return withProgress(
    models,
    ids.flatMap((id) => byId.get(String(id)) ?? []),
    now,
  );
}

/** One page of the ledger, and how many of all matching items show each light (before the light filter). */
export async function ledgerPage(
  models: Models,
  scope: Record<string, unknown>,
  q: LedgerQuery,
  now: Date,
): Promise<LedgerPage> {
  const rows = await lightsOf(models, { $and: [scope, ledgerFilter(q, now)] }, now);
  const lit = q.light ? rows.filter((r) => r.light === q.light) : rows;
  const pageIds = lit.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((r) => r.id);
  return {
    items: await viewsInOrder(models, pageIds, now),
    page: q.page,
    pageSize: q.pageSize,
    total: lit.length,
    lights: countLights(rows),
  };
}

/** Every matching item, for the CSV and XLSX exports. */
export async function ledgerAll(
  models: Models,
  scope: Record<string, unknown>,
  q: Omit<LedgerQuery, 'page' | 'pageSize'>,
  now: Date,
) {
  const rows = await lightsOf(models, { $and: [scope, ledgerFilter(q, now)] }, now);
  const lit = q.light ? rows.filter((r) => r.light === q.light) : rows;
  return viewsInOrder(
    models,
    lit.map((r) => r.id),
    now,
  );
}

/** An alliance carries tens of joint projects at a time; the ledger shows every one under way. */
const LEDGER_PROJECTS_LIMIT = 500;

/**
 * 共建项目 on the ledger, beside the action items: the projects under way (筹备, 实施中), the one
 * whose next milestone (节点) comes first at the top, those with no milestone left last; each with
 * its light, and how many show each light.
 */
export async function ledgerProjects(models: Models, allianceId: Types.ObjectId, now: Date): Promise<ProjectLedger> {
  const docs = await populateProject(
    models.Project.find({ alliance: allianceId, status: { $in: ['preparing', 'active'] } }).sort({ createdAt: 1 }).limit(LEDGER_PROJECTS_LIMIT),
  ).lean<{ alliance: Types.ObjectId }[]>();
  const items = await presentProjects(models, docs, now);
  const day = (p: (typeof items)[number]) => p.nextMilestone?.dueDate ?? '9999-12-31';
  items.sort((a, b) => day(a).localeCompare(day(b)));
  return { items, lights: countLights(items.map((p) => p.light)) };
}
