import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';

/**
 * The unit whose turn it is to convene (召集单位轮值): the one after the convener of the latest
 * meeting that was not cancelled, wrapping around; the first in the rotation when none was held.
 * Units passed over for now (`skipped`) keep their place but are stepped over; when every unit is
 * passed over there is no one whose turn it is, and the meeting names its convener itself.
 */
export async function nextConvenerId(
  models: Models,
  alliance: { _id: Types.ObjectId; rotation: Types.ObjectId[]; rotationSkipped?: Types.ObjectId[] | null | undefined },
): Promise<Types.ObjectId | null> {
  const { rotation } = alliance;
  if (rotation.length === 0) return null;
  const last = await models.Meeting.findOne({ alliance: alliance._id, status: { $ne: 'cancelled' } })
    .sort({ scheduledAt: -1 })
    .select('convenerUnit')
    .lean();
  const skipped = new Set((alliance.rotationSkipped ?? []).map(String));
  const at = last ? rotation.findIndex((u) => String(u) === String(last.convenerUnit)) : -1;
  for (let step = 1; step <= rotation.length; step++) {
    const unit = rotation[(at + step) % rotation.length]!;
    if (!skipped.has(String(unit))) return unit;
  }
  return null;
}
