import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import { presentActionItem, type ActionItemLean, type ProgressLean, type StepLean } from '../presenters/actionItem.js';
import { DEFAULT_LIGHT_SETTINGS, itemLight, lightSettingsByAlliance } from './itemLight.js';
import { withPartsAndEvidence } from './actionItemParts.js';

type Id = Types.ObjectId;

/** The references an item's view names: its units, who extended its deadline, acknowledged, asked, decided and chased it. */
export function populateItem<Q extends { populate(path: string, select: string): Q }>(query: Q): Q {
  return query
    .populate('leadUnit', 'name')
    .populate('cooperatingUnits', 'name')
    .populate('deadlineHistory.by', 'name')
    .populate('deadlineHistory.unit', 'name')
    .populate('acknowledgedBy', 'name')
    .populate('extensionRequests.by', 'name')
    .populate('extensionRequests.unit', 'name')
    .populate('extensionRequests.decidedBy', 'name')
    .populate('nudges.by', 'name');
}

/** `now` is the caller's clock (`ctx.clock.now()`): the overdue flag and the light are reckoned from it. */
export async function actionItemViews(models: Models, filter: Record<string, unknown>, now: Date) {
  const items = await populateItem(models.ActionItem.find(filter).sort({ dueDate: 1, createdAt: 1 })).lean<
    ActionItemLean[]
  >();
  return withProgress(models, items, now);
}

export async function withProgress(models: Models, items: ActionItemLean[], now: Date) {
  // The lead unit's reports only: a cooperating unit's report on its part is not the item's summary.
  const progress = await models.ActionItemProgress.find({ item: { $in: items.map((i) => i._id) }, part: null })
    .sort({ at: 1 })
    .populate('author', 'name')
    .populate('unit', 'name')
    .lean<(ProgressLean & { item: Id })[]>();
  const steps = await models.ActionItemStep.find({ item: { $in: items.map((i) => i._id) } })
    .sort({ at: 1 })
    .populate('by', 'name')
    .populate('unit', 'name')
    .lean<(StepLean & { item: Id })[]>();
  const group = <T extends { item: Id }>(rows: T[]) => {
    const by = new Map<string, T[]>();
    for (const r of rows) by.set(String(r.item), [...(by.get(String(r.item)) ?? []), r]);
    return by;
  };
  const progressOf = group(progress);
  const stepsOf = group(steps);
  const settings = await lightSettingsByAlliance(models, items.map((i) => i.alliance));
  const views = items.map((i) => {
    const reports = progressOf.get(String(i._id)) ?? [];
    const light = itemLight(i, settings.get(String(i.alliance)) ?? DEFAULT_LIGHT_SETTINGS, now, reports.at(-1)?.at);
    return presentActionItem(i, reports, stepsOf.get(String(i._id)) ?? [], now, light);
  });
  return withPartsAndEvidence(models, items, items.map((i) => progressOf.get(String(i._id)) ?? []), views);
}

export async function actionItemView(models: Models, id: Id, now: Date) {
  const [view] = await actionItemViews(models, { _id: id }, now);
  return view!;
}
