import type { ActionItem, ActionItemPart, Evidence, ProgressEntry } from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import { evidenceFiles } from '../db/evidence.js';
import { presentEvidence } from '../presenters/evidence.js';
import type { ActionItemLean, ProgressLean } from '../presenters/actionItem.js';
import { refOrGone, refOrNull, type Named } from '../presenters/refs.js';

type Id = Types.ObjectId;
type EntryLean = ProgressLean & { item: Id; part?: Id | null; attachments?: Id[] | null };

/** The stored files of these reports, by id (a file removed since shows as nothing). */
async function evidenceOf(models: Models, entries: EntryLean[]): Promise<Map<string, Evidence>> {
  const ids = entries.flatMap((e) => e.attachments ?? []);
  if (ids.length === 0) return new Map();
  const files = await evidenceFiles(models.ActionItem.db).find({ _id: { $in: ids } }).toArray();
  return new Map(files.map((f) => [String(f._id), presentEvidence(f)]));
}

const attachmentsOf = (e: EntryLean, files: Map<string, Evidence>) =>
  (e.attachments ?? []).flatMap((id) => files.get(String(id)) ?? []);

function presentEntry(e: EntryLean, files: Map<string, Evidence>): ProgressEntry {
  return {
    text: e.text,
    percent: e.percent,
    author: refOrGone(e.author),
    unit: refOrNull(e.unit),
    at: e.at.toISOString(),
    attachments: attachmentsOf(e, files),
  };
}

/**
 * Completes item views with what the presenter does not read: the 佐证材料 of the lead unit's
 * reports (`leadReports[n]` are the rows behind `views[n].progress`, in the same order) and each
 * cooperating unit's part, in the order of `cooperatingUnits`.
 */
export async function withPartsAndEvidence(
  models: Models,
  items: ActionItemLean[],
  leadReports: EntryLean[][],
  views: ActionItem[],
): Promise<ActionItem[]> {
  const withParts = items.filter((i) => i.cooperatingUnits.length > 0).map((i) => i._id);
  const [parts, partEntries] = withParts.length
    ? await Promise.all([
        models.ActionItemPart.find({ item: { $in: withParts } }).lean(),
        models.ActionItemProgress.find({ item: { $in: withParts }, part: { $ne: null } })
          .sort({ at: 1 })
          .populate('author', 'name')
          .populate('unit', 'name')
          .lean<EntryLean[]>(),
      ])
    : [[], []];
  const files = await evidenceOf(models, [...leadReports.flat(), ...partEntries]);
  const key = (item: Id, unit: Id | Named) => `${String(item)}/${String('_id' in unit ? unit._id : unit)}`;
  const partOf = new Map(parts.map((p) => [key(p.item, p.unit), p]));
  const entriesOf = new Map<string, EntryLean[]>();
  for (const e of partEntries) {
    const k = key(e.item, e.part!);
    entriesOf.set(k, [...(entriesOf.get(k) ?? []), e]);
  }
  return views.map((view, n) => {
    const item = items[n]!;
    const reports = leadReports[n] ?? [];
    const presentParts: ActionItemPart[] = item.cooperatingUnits.map((u) => {
      const k = key(item._id, u as Named | Id);
      const p = partOf.get(k);
      return {
        unit: refOrGone(u),
        responsiblePerson: p?.responsiblePerson ?? null,
        percent: p?.percent ?? 0,
        lastReportAt: p?.lastReportAt ? p.lastReportAt.toISOString() : null,
        entries: (entriesOf.get(k) ?? []).map((e) => presentEntry(e, files)),
      };
    });
    return {
      ...view,
      progress: view.progress.map((p, k) => ({ ...p, attachments: reports[k] ? attachmentsOf(reports[k], files) : [] })),
      parts: presentParts,
    };
  });
}
