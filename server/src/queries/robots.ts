import { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';

/** `null` units: every robot of the alliance; else only those of these units. */
function scope(allianceId: Types.ObjectId, units: string[] | null): Record<string, unknown> {
  return units === null ? { alliance: allianceId } : { alliance: allianceId, unit: { $in: units.map((u) => new Types.ObjectId(u)) } };
}

/** The robots of an alliance the reader may see, the alliance's first, with which ones have a secret (never the secret). */
export async function findRobots(models: Models, allianceId: Types.ObjectId, units: string[] | null) {
  const filter = scope(allianceId, units);
  const [robots, withSecret] = await Promise.all([
    models.Robot.find(filter).sort({ unit: 1, createdAt: 1, _id: 1 }).lean(),
    models.Robot.find({ ...filter, secret: { $nin: [null, ''] } }, { _id: 1 }).lean(),
  ]);
  const unitIds = [...new Set(robots.flatMap((r) => (r.unit ? [String(r.unit)] : [])))];
  const units2 = unitIds.length ? await models.Unit.find({ _id: { $in: unitIds } }, { name: 1 }).lean() : [];
  return {
    robots,
    hasSecret: new Set(withSecret.map((r) => String(r._id))),
    unitNames: new Map(units2.map((u) => [String(u._id), u.name])),
  };
}

/** One page of the outbox, newest first, older than `cursor`. */
export async function findRobotDeliveries(
  models: Models,
  allianceId: Types.ObjectId,
  units: string[] | null,
  { cursor, limit }: { cursor?: string | undefined; limit: number },
) {
  const filter: Record<string, unknown> = scope(allianceId, units);
  if (cursor) filter._id = { $lt: new Types.ObjectId(cursor) };
  const docs = await models.RobotDelivery.find(filter).sort({ _id: -1 }).limit(limit + 1).lean();
  const page = docs.slice(0, limit);
  const robotIds = [...new Set(page.map((d) => String(d.robot)))];
  const robots = robotIds.length ? await models.Robot.find({ _id: { $in: robotIds } }, { name: 1, platform: 1 }).lean() : [];
  return {
    docs: page,
    robots: new Map(robots.map((r) => [String(r._id), { name: r.name, platform: r.platform }])),
    nextCursor: docs.length > limit ? String(page.at(-1)!._id) : null,
  };
}
