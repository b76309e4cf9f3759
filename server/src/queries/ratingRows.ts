import { DEFAULT_RATING_RULES, rateUnits, type RatingRules } from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import { appraisalScoresFor } from './appraisalScores.js';
import { pointTotalsFor } from './pointTotals.js';

/** One unit's line of a period's rating, live or as published (the stored snapshot's shape). */
export interface RatingRow {
  unit: Types.ObjectId;
  unitName: string;
  points: number;
  /** Points by criterion after caps (`meeting.attended` → 6), for the letter's breakdown. */
  byCriterion: Record<string, number>;
  appraisal: number | null;
  composite: number;
  rank: number;
  computedStars: number;
  stars: number;
  adjustment: { stars: number; reason: string; by: Types.ObjectId; byName: string; at: Date } | null;
}

/** A mean of scores (87.333…) in the two decimals the tables and letters show. */
const roundAppraisal = (x: number | undefined) => (x === undefined ? null : Math.round(x * 100) / 100);

export interface RatingAdjustment {
  unit: Types.ObjectId;
  stars: number;
  reason: string;
  by: Types.ObjectId;
  at: Date;
}

interface AllianceForRating {
  _id: Types.ObjectId;
  pointRules?: unknown;
  ratingRules?: {
    period: string;
    method: string;
    pointsWeight: number;
    appraisalWeight: number;
    thresholds: number[];
    rankShares: number[];
  } | null;
  memberships: { unit: Types.ObjectId; role: string }[];
}

/** The alliance's 星级评定规则, or the defaults while it has set none. */
export function ratingRulesOf(alliance: Pick<AllianceForRating, 'ratingRules'>): RatingRules {
  const r = alliance.ratingRules;
  if (!r) return DEFAULT_RATING_RULES;
  return {
    period: r.period as RatingRules['period'],
    method: r.method as RatingRules['method'],
    pointsWeight: r.pointsWeight,
    appraisalWeight: r.appraisalWeight,
    thresholds: [...r.thresholds] as RatingRules['thresholds'],
    rankShares: [...r.rankShares] as RatingRules['rankShares'],
  };
}

/** The units a period rates: the alliance's members, not its observers (列席), by name. */
export async function ratedUnits(
  models: Models,
  alliance: Pick<AllianceForRating, 'memberships'>,
): Promise<{ _id: Types.ObjectId; name: string }[]> {
  const ids = alliance.memberships.filter((m) => m.role !== 'observer').map((m) => m.unit);
  const units = await models.Unit.find({ _id: { $in: ids } }, { name: 1 }).lean();
  return units.map((u) => ({ _id: u._id, name: u.name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
}

/**
 * A period's rating as it stands: each member unit's points (from the points engine) and 述职评议
 * score (from closed sessions of the period), rated under `rules`, with the secretaries'
 * adjustments applied. This is what an open period shows and what publishing freezes.
 */
export async function liveRatingRows(
  models: Models,
  alliance: AllianceForRating,
  period: string,
  rules: RatingRules,
  adjustments: RatingAdjustment[],
): Promise<RatingRow[]> {
  const [units, totals, appraisals] = await Promise.all([
    ratedUnits(models, alliance),
    pointTotalsFor(models, alliance, period),
    appraisalScoresFor(models, String(alliance._id), period),
  ]);
  const pointsOf = new Map(totals.units.map((u) => [u.unit.id, u]));
  const rated = rateUnits(
    rules,
    units.map((u) => ({
      unit: String(u._id),
      points: pointsOf.get(String(u._id))?.total ?? 0,
      appraisal: roundAppraisal(appraisals.get(String(u._id))),
    })),
  );
  const byId = new Map(units.map((u) => [String(u._id), u]));
  const adjusters = await models.User.find({ _id: { $in: adjustments.map((a) => a.by) } }, { name: 1 }).lean();
  const nameOf = new Map(adjusters.map((u) => [String(u._id), u.name]));
  return rated.map((r) => {
    const unit = byId.get(r.unit)!;
    const adj = adjustments.find((a) => String(a.unit) === r.unit);
    return {
      unit: unit._id,
      unitName: unit.name,
      points: r.points,
      byCriterion: { ...(pointsOf.get(r.unit)?.byCriterion ?? {}) },
      appraisal: r.appraisal,
      composite: r.composite,
      rank: r.rank,
      computedStars: r.computedStars,
      stars: adj?.stars ?? r.computedStars,
      adjustment: adj
        ? { stars: adj.stars, reason: adj.reason, by: adj.by, byName: nameOf.get(String(adj.by)) ?? '—', at: adj.at }
        : null,
    };
  });
}
