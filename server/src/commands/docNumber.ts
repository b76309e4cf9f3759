import type { ClientSession, Types } from 'mongoose';
import type { Models } from '../db/models/index.js';

/**
 * Takes the alliance's next 文号 for `year`: one atomic `$inc` on the counter document of that
 * alliance and year (created by the first publication of the year; a unique index keeps it one).
 * Run inside the publishing transaction, so a publication that does not commit takes no number,
 * and two that race are serialised by MongoDB (the loser's transaction is retried by the driver).
 */
export async function nextDocNumber(
  models: Models,
  alliance: Types.ObjectId,
  year: number,
  session: ClientSession,
): Promise<number> {
  const counter = await models.DocNumberCounter.findOneAndUpdate(
    { alliance, year },
    { $inc: { seq: 1 } },
    { upsert: true, returnDocument: 'after', session },
  ).lean();
  return counter!.seq;
}
