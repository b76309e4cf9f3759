import {
  periodKey,
  periodRange,
  previousPeriod,
  type RatingPeriod,
  type RatingRules,
  type RatingTrend,
  type UnitRating,
} from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Actor } from '../auth/actor.js';
import type { AllianceFacts } from '../policies/alliance.js';
import { ratingPolicy } from '../policies/ratings.js';
import type { Models } from '../db/models/index.js';
import { pointTotalsFor } from '../queries/pointTotals.js';
import { liveRatingRows, ratedUnits, ratingRulesOf, type RatingRow } from '../queries/ratingRows.js';

type Alliance = Parameters<typeof liveRatingRows>[1] & AllianceFacts & { name: string };

/** Newest first: by the start of the period, then the longer period first (a year before its quarters). */
const newestFirst = (a: string, b: string) => {
  const ra = periodRange(a)!;
  const rb = periodRange(b)!;
  return rb.start.getTime() - ra.start.getTime() || rb.end.getTime() - ra.end.getTime();
};

/** 星级评定 of an alliance: its periods (stored ones and the current one), its rules, and who manages. */
export async function ratingsOverview(models: Models, alliance: Alliance, actor: Actor, now: Date) {
  const rules = ratingRulesOf(alliance);
  const current = periodKey(now, rules.period);
  const stored = await models.RatingPeriod.find(
    { alliance: alliance._id },
    { period: 1, status: 1, version: 1 },
  ).lean();
  const periods = stored.map((d) => ({
    period: d.period,
    status: d.status as RatingPeriod['status'],
    version: d.version,
  }));
  if (!periods.some((p) => p.period === current)) periods.push({ period: current, status: 'open', version: 1 });
  periods.sort((a, b) => newestFirst(a.period, b.period));
  return { periods, current, rules, can: { manage: ratingPolicy.canManage(actor, alliance) } };
}

/** A stored or live row as the API shows it. */
export function presentRow(r: RatingRow): UnitRating {
  return {
    unit: { id: String(r.unit), name: r.unitName },
    points: r.points,
    appraisal: r.appraisal ?? null,
    composite: r.composite,
    rank: r.rank,
    computedStars: r.computedStars,
    stars: r.stars,
    adjustment: r.adjustment
      ? {
          stars: r.adjustment.stars,
          reason: r.adjustment.reason,
          by: { id: String(r.adjustment.by), name: r.adjustment.byName },
          at: r.adjustment.at.toISOString(),
        }
      : null,
  };
}

export interface RatingPeriodState {
  view: RatingPeriod;
  /** The rows with what the API leaves out (points by criterion), for exports and letters. */
  rows: RatingRow[];
}

/**
 * One period: an open one computed live from points and 述职评议 scores with the adjustments made
 * so far; a published one exactly as published (its snapshot), whatever changed since.
 */
export async function ratingPeriodState(
  models: Models,
  alliance: Alliance,
  period: string,
  actor: Actor,
): Promise<RatingPeriodState> {
  const range = periodRange(period)!;
  const doc = await models.RatingPeriod.findOne({ alliance: alliance._id, period }).lean();
  const published = doc?.status === 'published' && doc.published ? doc.published : null;
  const rules: RatingRules = published ? ratingRulesOf({ ratingRules: published.rules }) : ratingRulesOf(alliance);
  const rows: RatingRow[] = published
    ? (published.rows as unknown as RatingRow[])
    : await liveRatingRows(
        models,
        alliance,
        period,
        rules,
        (doc?.adjustments ?? []) as Parameters<typeof liveRatingRows>[4],
      );
  const people = [published?.by, ...(doc?.history ?? []).map((h) => h.by)].filter((x): x is Types.ObjectId =>
    Boolean(x),
  );
  const names = new Map(
    (await models.User.find({ _id: { $in: people } }, { name: 1 }).lean()).map((u) => [String(u._id), u.name]),
  );
  const person = (id: Types.ObjectId) => ({ id: String(id), name: names.get(String(id)) ?? '—' });
  return {
    rows,
    view: {
      period,
      start: range.start.toISOString(),
      end: range.end.toISOString(),
      status: published ? 'published' : 'open',
      version: doc?.version ?? 1,
      rules,
      rows: rows.map(presentRow),
      published: published
        ? { at: published.at.toISOString(), by: person(published.by), note: published.note ?? '' }
        : null,
      history: [...(doc?.history ?? [])]
        .reverse()
        .map((h) => ({
          version: h.version,
          at: h.at.toISOString(),
          by: person(h.by),
          note: h.note ?? '',
          reopenReason: h.reopenReason,
        })),
      can: { manage: ratingPolicy.canManage(actor, alliance) },
    },
  };
}

/**
 * 趋势: the last `count` periods of the rules' kind up to the current one, oldest first; each
 * member unit's points in each (as published, or as they stand) and its published stars (null
 * where the period is not published).
 */
export async function ratingTrendView(
  models: Models,
  alliance: Alliance,
  count: number,
  now: Date,
): Promise<RatingTrend> {
  const rules = ratingRulesOf(alliance);
  const periods = [periodKey(now, rules.period)];
  while (periods.length < count) periods.unshift(previousPeriod(periods[0]!)!);
  const [units, docs] = await Promise.all([
    ratedUnits(models, alliance),
    models.RatingPeriod.find(
      { alliance: alliance._id, period: { $in: periods }, status: 'published' },
      { period: 1, published: 1 },
    ).lean(),
  ]);
  const columns = await Promise.all(
    periods.map(async (p) => {
      const rows = docs.find((d) => d.period === p)?.published?.rows;
      // A published period shows what it published: a unit that was not rated then has no figure.
      if (rows)
        return {
          published: true,
          byUnit: new Map(rows.map((r) => [String(r.unit), { points: r.points, stars: r.stars as number | null }])),
        };
      const totals = await pointTotalsFor(models, alliance, p);
      return {
        published: false,
        byUnit: new Map(totals.units.map((u) => [u.unit.id, { points: u.total, stars: null as number | null }])),
      };
    }),
  );
  return {
    periods,
    units: units.map((u) => ({
      unit: { id: String(u._id), name: u.name },
      points: columns.map((c) => c.byUnit.get(String(u._id))?.points ?? (c.published ? null : 0)),
      stars: columns.map((c) => c.byUnit.get(String(u._id))?.stars ?? null),
    })),
  };
}
