import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';

/**
 * The unit whose turn it is to convene (召集单位轮值): the one after the convener of the latest
 * meeting that was not cancelled, wrapping around; the first in the rotation when none was held.
 */
export async function nextConvenerId(
  models: Models,
  alliance: { _id: Types.ObjectId; rotation: Types.ObjectId[] },
): Promise<Types.ObjectId | null> {
  if (alliance.rotation.length === 0) return null;
  const last = await models.Meeting.findOne({ alliance: alliance._id, status: { $ne: 'cancelled' } })
    .sort({ scheduledAt: -1 })
    .select('convenerUnit')
    .lean();
  const at = last ? alliance.rotation.findIndex((u) => String(u) === String(last.convenerUnit)) : -1;
  return alliance.rotation[(at + 1) % alliance.rotation.length] ?? null;
}
