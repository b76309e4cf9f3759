import { DEFAULT_TIME_ZONE, linesNeededFrom, periodRange, pointTotals, type PointCriterion, type PointTotals } from '@tongxin/shared';
import { Types } from 'mongoose';
import { AppError } from '../errors.js';
import type { Models } from '../db/models/index.js';
import { schemeOf } from './pointScheme.js';

/**
 * A period's points of an alliance, per unit and per member, after the scheme's caps (see
 * `pointTotals` in shared). Every member unit of the alliance is listed (with zero when it earned
 * nothing), and any other unit or person with a line in the period; highest total first.
 * Star ratings read this too.
 */
export async function pointTotalsFor(
  models: Models,
  alliance: { _id: unknown; pointRules?: unknown },
  period: string,
): Promise<Omit<PointTotals, 'can'>> {
  const range = periodRange(period, DEFAULT_TIME_ZONE);
  if (!range) throw new AppError('VALIDATION', 'must be a period such as 2026-Q4, 2026-10 or 2026', { field: 'period' });
  const allianceId = new Types.ObjectId(String(alliance._id));
  const [stored, lines] = await Promise.all([
    models.Alliance.findById(allianceId, { memberships: 1, pointRules: 1 }).lean(),
    models.PointEntry.find(
      { alliance: allianceId, at: { $gte: linesNeededFrom(range), $lt: range.end } },
      { criterion: 1, points: 1, unit: 1, member: 1, at: 1, hours: 1, voided: 1 },
    ).lean(),
  ]);
  const scheme = schemeOf(stored ?? alliance);
  const totals = pointTotals(
    lines.map((l) => ({
      criterion: l.criterion as PointCriterion,
      points: l.points,
      unit: l.unit ? String(l.unit) : null,
      member: l.member ? String(l.member) : null,
      at: l.at,
      hours: l.hours,
      voided: Boolean(l.voided),
    })),
    scheme,
    range,
  );

  const memberUnits = (stored?.memberships ?? []).filter((m) => m.role !== 'observer').map((m) => String(m.unit));
  const unitIds = [...new Set([...memberUnits, ...totals.units.keys()])];
  const people = await models.User.find({ _id: { $in: [...totals.members.keys()] } }, { name: 1, unit: 1 }).lean();
  const unitIdsAll = [...new Set([...unitIds, ...people.flatMap((p) => (p.unit ? [String(p.unit)] : []))])];
  const units = await models.Unit.find({ _id: { $in: unitIdsAll } }, { name: 1 }).lean();
  const unitName = new Map(units.map((u) => [String(u._id), u.name]));
  const personById = new Map(people.map((p) => [String(p._id), p]));
  const zero = { total: 0, capped: 0, byCriterion: {}, serviceHours: 0 };
  const byTotal = <T extends { total: number; name: string }>(a: T, b: T) => b.total - a.total || a.name.localeCompare(b.name, 'zh-CN');

  return {
    period: range.key,
    start: range.start.toISOString(),
    end: range.end.toISOString(),
    units: unitIds
      .map((id) => ({ id, name: unitName.get(id) ?? '—', ...(totals.units.get(id) ?? zero) }))
      .sort(byTotal)
      .map(({ id, name, total, capped, byCriterion, serviceHours }) => ({ unit: { id, name }, total, capped, byCriterion, serviceHours })),
    members: [...totals.members.entries()]
      .map(([id, t]) => ({ id, name: personById.get(id)?.name ?? '—', ...t }))
      .sort(byTotal)
      .map(({ id, name, total, serviceHours }) => {
        const unit = personById.get(id)?.unit;
        return {
          member: { id, name },
          workUnit: unit ? { id: String(unit), name: unitName.get(String(unit)) ?? '—' } : null,
          total,
          serviceHours,
        };
      }),
  };
}
