import type { CharterRevision, Page, PageQuery } from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import { refOrNull, type Named } from '../presenters/refs.js';
import { compareTexts } from '../queries/versionDiff.js';

/** `GET /api/alliances/:id/charter-history`: the charter's versions, newest first, each compared with the one before. */
export async function charterHistoryView(
  models: Models,
  allianceId: Types.ObjectId,
  { page, pageSize }: PageQuery,
): Promise<Page<CharterRevision>> {
  const filter = { alliance: allianceId };
  const [docs, total] = await Promise.all([
    // One more than the page, so the oldest shown can be compared with the version before it.
    models.CharterRevision.find(filter)
      .sort({ at: -1, _id: -1 })
      .skip((page - 1) * pageSize)
      .limit(pageSize + 1)
      .populate('by', 'name')
      .populate('byUnit', 'name')
      .lean<{ _id: Types.ObjectId; text?: string | null; by?: Named | null; byUnit?: Named | null; at: Date }[]>(),
    models.CharterRevision.countDocuments(filter),
  ]);
  const items = docs.slice(0, pageSize).map((r, i): CharterRevision => {
    const older = docs[i + 1];
    const text = r.text ?? '';
    const { parts, coarse } = older ? compareTexts(older.text ?? '', text) : { parts: [], coarse: false };
    return {
      id: String(r._id),
      text,
      by: refOrNull(r.by),
      byUnit: refOrNull(r.byUnit),
      at: r.at.toISOString(),
      parts,
      coarse,
      first: !older,
    };
  });
  return { items, page, pageSize, total };
}
