import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import { presentActionItem, type ActionItemLean, type ProgressLean, type StepLean } from '../presenters/actionItem.js';

type Id = Types.ObjectId;

/** The references an item's view names: its units, and who extended its deadline from which unit. */
export function populateItem<Q extends { populate(path: string, select: string): Q }>(query: Q): Q {
  return query
    .populate('leadUnit', 'name')
    .populate('cooperatingUnits', 'name')
    .populate('deadlineHistory.by', 'name')
    .populate('deadlineHistory.unit', 'name');
}

export async function actionItemViews(models: Models, filter: Record<string, unknown>, now = new Date()) {
  const items = await populateItem(models.ActionItem.find(filter).sort({ dueDate: 1, createdAt: 1 })).lean<
    ActionItemLean[]
  >();
  return withProgress(models, items, now);
}

export async function withProgress(models: Models, items: ActionItemLean[], now = new Date()) {
  const progress = await models.ActionItemProgress.find({ item: { $in: items.map((i) => i._id) } })
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
  return items.map((i) =>
    presentActionItem(i, progressOf.get(String(i._id)) ?? [], stepsOf.get(String(i._id)) ?? [], now),
  );
}

export async function actionItemView(models: Models, id: Id) {
  const [view] = await actionItemViews(models, { _id: id });
  return view!;
}
