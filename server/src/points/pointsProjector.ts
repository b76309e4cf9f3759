import type { PointScheme } from '@tongxin/shared';
import { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import { isDuplicateKey } from '../commands/errors.js';
import {
  allianceOfSource,
  schemeOf,
  sourcesOfAlliance,
  wantedEntries,
  type AllianceForPoints,
  type AutoSourceKind,
  type WantedEntry,
} from './pointSources.js';

type Id = Types.ObjectId;

/** What projecting changed: how many lines were added, rewritten or removed, in which alliance. */
export interface Projection {
  allianceId: string | null;
  changed: number;
}

const sameTime = (a: Date | null | undefined, b: Date) => a instanceof Date && a.getTime() === b.getTime();

/** Whether a stored line already says what the source wants. */
function same(stored: Record<string, unknown>, wanted: WantedEntry): boolean {
  return (
    stored.criterion === wanted.criterion &&
    stored.points === wanted.points &&
    String(stored.unit ?? null) === String(wanted.unit) &&
    String(stored.member ?? null) === String(wanted.member) &&
    (stored.hours ?? null) === wanted.hours &&
    sameTime(stored.at as Date, wanted.at) &&
    stored.title === wanted.title &&
    stored.reason === wanted.reason
  );
}

/**
 * Makes the stored automatic lines of one record exactly those it should have now: a line it
 * should have and lacks is added, one that differs is rewritten (upsert by key), one it should no
 * longer have is removed. Projecting twice changes nothing the second time, and a corrected
 * record (attendance corrected, an item reopened, a whistle re-rated, a deadline extended)
 * corrects its points.
 */
export async function syncSource(models: Models, allianceId: Id, kind: AutoSourceKind, sourceId: Id, wanted: WantedEntry[]): Promise<number> {
  const { PointEntry } = models;
  const stored = await PointEntry.find({ alliance: allianceId, sourceKind: kind, sourceId }).lean();
  const byKey = new Map(stored.map((s) => [s.key, s]));
  let changed = 0;
  for (const w of wanted) {
    const existing = byKey.get(w.key);
    if (existing && same(existing as unknown as Record<string, unknown>, w)) continue;
    const set = {
      criterion: w.criterion,
      points: w.points,
      unit: w.unit,
      member: w.member,
      hours: w.hours,
      at: w.at,
      sourceKind: kind,
      sourceId,
      title: w.title,
      reason: w.reason,
    };
    const write = () => PointEntry.updateOne({ alliance: allianceId, key: w.key }, { $set: set }, { upsert: true });
    try {
      await write();
    } catch (err) {
      // Two projections of the same record at once both inserted: the second now updates.
      if (!isDuplicateKey(err)) throw err;
      await write();
    }
    changed++;
  }
  const keys = new Set(wanted.map((w) => w.key));
  const gone = stored.filter((s) => !keys.has(s.key)).map((s) => s._id);
  if (gone.length > 0) {
    const r = await PointEntry.deleteMany({ _id: { $in: gone } });
    changed += r.deletedCount;
  }
  return changed;
}

/** An alliance as the sources read it. */
async function allianceForPoints(models: Models, id: Id): Promise<AllianceForPoints | null> {
  return models.Alliance.findById(id, { memberships: 1, formerMemberships: 1, pointRules: 1 }).lean<AllianceForPoints>();
}

/**
 * Projects one record: its alliance's scheme decides what it earns. A record that no longer
 * exists keeps no lines.
 */
export async function projectSource(
  models: Models,
  kind: AutoSourceKind,
  sourceId: string | Id,
  preloaded?: { alliance: AllianceForPoints; scheme: PointScheme },
): Promise<Projection> {
  const id = typeof sourceId === 'string' ? new Types.ObjectId(sourceId) : sourceId;
  const allianceId = preloaded?.alliance._id ?? (await allianceOfSource(models, kind, id));
  if (!allianceId) {
    // The record is gone (a deleted action item): whatever lines it had go too.
    const stale = await models.PointEntry.find({ sourceKind: kind, sourceId: id }, { alliance: 1 }).lean();
    if (stale.length === 0) return { allianceId: null, changed: 0 };
    const r = await models.PointEntry.deleteMany({ sourceKind: kind, sourceId: id });
    return { allianceId: String(stale[0]!.alliance), changed: r.deletedCount };
  }
  const alliance = preloaded?.alliance ?? (await allianceForPoints(models, allianceId));
  if (!alliance) return { allianceId: null, changed: 0 };
  const scheme = preloaded?.scheme ?? schemeOf(alliance);
  const wanted = await wantedEntries(models, alliance, scheme, kind, id);
  return { allianceId: String(allianceId), changed: await syncSource(models, allianceId, kind, id, wanted) };
}

/**
 * Recomputes every automatic line of an alliance (after its scheme changed, or on request): each
 * record that may earn points, and each record that has lines, is projected again. Manual lines
 * are left as they are. Returns how many lines changed.
 */
export async function rebuildAlliance(models: Models, allianceId: string | Id): Promise<number> {
  const id = typeof allianceId === 'string' ? new Types.ObjectId(allianceId) : allianceId;
  const alliance = await allianceForPoints(models, id);
  if (!alliance) return 0;
  const scheme = schemeOf(alliance);
  const sources = await sourcesOfAlliance(models, id);
  const withLines = await models.PointEntry.find({ alliance: id, sourceKind: { $ne: 'manual' } }, { sourceKind: 1, sourceId: 1 }).lean();
  const seen = new Set<string>();
  const all = [...sources, ...withLines.map((l) => ({ kind: l.sourceKind as AutoSourceKind, id: l.sourceId as Id }))].filter((s) => {
    const k = `${s.kind}:${String(s.id)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  let changed = 0;
  for (const s of all) {
    const owner = await allianceOfSource(models, s.kind, s.id);
    if (owner && String(owner) !== String(id)) continue;
    changed += owner
      ? (await projectSource(models, s.kind, s.id, { alliance, scheme })).changed
      : (await models.PointEntry.deleteMany({ alliance: id, sourceKind: s.kind, sourceId: s.id })).deletedCount;
  }
  return changed;
}
