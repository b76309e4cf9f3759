import type { Page, PointEntry, PointSourceKind } from '@tongxin/shared';
import type { Connection, Types } from 'mongoose';
import { evidenceFiles } from '../db/evidence.js';
import type { Models } from '../db/models/index.js';
import type { PointEntryDoc } from '../db/models/pointEntry.js';
import { presentEvidence } from '../presenters/evidence.js';
import { sourceLink } from '../presenters/pointSource.js';

type Id = Types.ObjectId;
export type PointEntryLean = PointEntryDoc & { _id: Id };

/**
 * Ledger lines as the screens read them: units, people and files named, each line linked to its
 * record. Everything a page needs is read in one query per kind, not per line.
 */
export async function pointEntryViews(models: Models, connection: Connection, entries: PointEntryLean[]): Promise<PointEntry[]> {
  const unitIds = [...new Set(entries.flatMap((e) => (e.unit ? [String(e.unit)] : [])))];
  const userIds = [...new Set(entries.flatMap((e) => [e.member, e.by, e.voided?.by].filter(Boolean).map(String)))];
  const fileIds = entries.flatMap((e) => e.evidence ?? []);
  const [units, users, files] = await Promise.all([
    unitIds.length ? models.Unit.find({ _id: { $in: unitIds } }, { name: 1 }).lean() : [],
    userIds.length ? models.User.find({ _id: { $in: userIds } }, { name: 1 }).lean() : [],
    fileIds.length ? evidenceFiles(connection).find({ _id: { $in: fileIds } }).toArray() : [],
  ]);
  const unitName = new Map(units.map((u) => [String(u._id), u.name]));
  const userName = new Map(users.map((u) => [String(u._id), u.name]));
  const fileById = new Map(files.map((f) => [String(f._id), f]));
  const unitRef = (id: unknown) => (id ? { id: String(id), name: unitName.get(String(id)) ?? '—' } : null);
  const userRef = (id: unknown) => (id ? { id: String(id), name: userName.get(String(id)) ?? '—' } : null);
  return entries.map((e) => {
    const kind = e.sourceKind as PointSourceKind;
    const sourceId = e.sourceId ? String(e.sourceId) : null;
    return {
      id: String(e._id),
      criterion: e.criterion as PointEntry['criterion'],
      points: e.points,
      unit: unitRef(e.unit),
      member: userRef(e.member),
      at: e.at.toISOString(),
      source: { kind, id: sourceId, title: e.title ?? '', link: sourceLink(kind, sourceId) },
      reason: e.reason ?? '',
      evidence: (e.evidence ?? []).flatMap((f) => {
        const file = fileById.get(String(f));
        return file ? [presentEvidence(file)] : [];
      }),
      by: userRef(e.by),
      voided: e.voided ? { at: e.voided.at.toISOString(), by: userRef(e.voided.by)!, reason: e.voided.reason } : null,
    };
  });
}

export interface EntriesFilter {
  start: Date;
  end: Date;
  unit?: string | undefined;
  member?: string | undefined;
  criterion?: string | undefined;
  page: number;
  pageSize: number;
}

/** A page of the ledger of a period, newest first, filtered by unit, member or criterion. */
export async function pointEntriesPage(models: Models, connection: Connection, allianceId: Id, q: EntriesFilter): Promise<Page<PointEntry>> {
  const filter: Record<string, unknown> = {
    alliance: allianceId,
    at: { $gte: q.start, $lt: q.end },
    ...(q.unit ? { unit: q.unit } : {}),
    ...(q.member ? { member: q.member } : {}),
    ...(q.criterion ? { criterion: q.criterion } : {}),
  };
  const [docs, total] = await Promise.all([
    models.PointEntry.find(filter)
      .sort({ at: -1, _id: -1 })
      .skip((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .lean<PointEntryLean[]>(),
    models.PointEntry.countDocuments(filter),
  ]);
  return { items: await pointEntryViews(models, connection, docs), page: q.page, pageSize: q.pageSize, total };
}
