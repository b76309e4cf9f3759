import {
  addCalendarDays,
  departmentLight,
  stepState,
  whistleLight,
  whistleStats,
  type Page,
  type Whistle,
  type WhistlePeriod,
  type WhistleQuery,
  type WhistleStage,
  type WhistleStatsView,
  zonedInstant,
} from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Actor } from '../auth/actor.js';
import type { Models } from '../db/models/index.js';
import { representedUnits, type AllianceFacts } from '../policies/alliance.js';
import { refOrGone, refOrNull, type Id, type Named } from '../presenters/refs.js';

// 吹哨报到 as the API shows it: each whistle with its departments' clocks and lights (computed
// at the moment asked, from the stored deadlines), the list's filters, and the statistics.

type Ref = Named | Id | null | undefined;
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/* eslint-disable @typescript-eslint/no-explicit-any -- populated lean documents */
const step = (dueAt: Date, doneAt: Date | null, by: any, note: string, now: Date) => ({
  dueAt: iso(dueAt)!,
  doneAt: iso(doneAt),
  by: refOrNull(by as Ref),
  note: note ?? '',
  state: stepState({ dueAt: new Date(dueAt), doneAt: doneAt ? new Date(doneAt) : null }, now),
});

function stageOf(w: any): WhistleStage {
  if (w.status === 'closed') return 'closed';
  if (w.departments.some((d: any) => !d.ackAt)) return 'awaitingAck';
  if (w.departments.some((d: any) => !d.reportedAt)) return 'inProgress';
  return 'awaitingRating';
}

export function presentWhistle(w: any, now: Date): Whistle {
  return {
    id: String(w._id),
    alliance: String(w.alliance),
    unit: refOrGone(w.unit as Ref),
    title: w.title,
    description: w.description ?? '',
    location: w.location ?? '',
    category: w.category,
    urgency: w.urgency,
    status: w.status,
    stage: stageOf(w),
    light: whistleLight(w, now),
    raisedAt: iso(w.raisedAt)!,
    raisedBy: refOrGone(w.raisedBy as Ref),
    closedAt: iso(w.closedAt),
    departments: (w.departments ?? []).map((d: any) => ({
      unit: refOrGone(d.unit as Ref),
      role: d.role,
      light: departmentLight(d, now),
      ack: step(d.ackDueAt, d.ackAt, d.ackBy, d.ackNote, now),
      contact: step(d.contactDueAt, d.contactAt, d.contactBy, d.contactNote, now),
      report: step(d.reportDueAt, d.reportedAt, d.reports?.[0]?.by ?? null, d.reports?.[0]?.text ?? '', now),
      reports: (d.reports ?? []).map((r: any) => ({ text: r.text, doneAt: iso(r.doneAt)!, at: iso(r.at)!, by: refOrGone(r.by as Ref) })),
      rating: d.rating ? { value: d.rating.value, comment: d.rating.comment ?? '', at: iso(d.rating.at)! } : null,
    })),
    reopenings: (w.reopenings ?? []).map((r: any) => ({ at: iso(r.at)!, by: refOrGone(r.by as Ref), reason: r.reason ?? '' })),
    agenda: (w.agenda ?? []).map((a: any) => ({
      meeting: { id: String(a.meeting?._id ?? a.meeting), name: a.meeting?.title ?? '—' },
      at: iso(a.at)!,
    })),
    project: w.project ? { id: String(w.project._id ?? w.project), name: w.project.title ?? '—' } : null,
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export const populateWhistle = <Q extends { populate(path: string, select: string): Q }>(q: Q) =>
  q
    .populate('unit', 'name')
    .populate('raisedBy', 'name')
    .populate('departments.unit', 'name')
    .populate('departments.ackBy', 'name')
    .populate('departments.contactBy', 'name')
    .populate('departments.reports.by', 'name')
    .populate('reopenings.by', 'name')
    .populate('agenda.meeting', 'title')
    .populate('project', 'title');

export async function whistleView(models: Models, id: Types.ObjectId | string, now: Date): Promise<Whistle> {
  const w = await populateWhistle(models.Whistle.findById(id)).lean();
  return presentWhistle(w, now);
}

/** An alliance holds far fewer whistles than this; lights are computed, so filtering by one reads them all. */
const CAP = 2000;

export async function whistlePage(models: Models, allianceId: Types.ObjectId, q: WhistleQuery, actor: Actor, alliance: AllianceFacts, now: Date): Promise<Page<Whistle>> {
  const filter: Record<string, unknown> = { alliance: allianceId };
  if (q.status) filter.status = q.status;
  if (q.category) filter.category = q.category;
  const units = (ids: string[]) => ({ $or: [{ unit: { $in: ids } }, { 'departments.unit': { $in: ids } }] });
  const and: Record<string, unknown>[] = [];
  if (q.unit) and.push(units([q.unit]));
  if (q.mine) and.push(units([...new Set([...representedUnits(actor, alliance), ...(actor.unit ? [actor.unit] : [])])]));
  if (and.length > 0) filter.$and = and;
  const docs = await populateWhistle(models.Whistle.find(filter).sort({ raisedAt: -1 }).limit(CAP)).lean();
  const all = docs.map((d) => presentWhistle(d, now)).filter((w) => !q.light || w.light === q.light);
  return { items: all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), page: q.page, pageSize: q.pageSize, total: all.length };
}

/** The statistics of an alliance's whistles raised in [from, to] (whole Beijing days). */
export async function whistleStatsView(
  models: Models,
  allianceId: Types.ObjectId,
  q: { period: WhistlePeriod; from?: string | undefined; to?: string | undefined },
  now: Date,
): Promise<WhistleStatsView> {
  const raisedAt: Record<string, Date> = {};
  if (q.from) raisedAt.$gte = zonedInstant(q.from);
  if (q.to) raisedAt.$lt = zonedInstant(addCalendarDays(q.to, 1));
  const docs = await models.Whistle.find({ alliance: allianceId, ...(q.from || q.to ? { raisedAt } : {}) }).sort({ raisedAt: 1 }).lean();
  const rows = whistleStats(
    docs.map((w) => ({
      raisedAt: w.raisedAt,
      closedAt: w.closedAt ?? null,
      departments: w.departments.map((d) => ({
        unit: String(d.unit),
        ackDueAt: d.ackDueAt,
        ackAt: d.ackAt ?? null,
        reportDueAt: d.reportDueAt,
        reportedAt: d.reportedAt ?? null,
        rating: d.rating?.value ?? null,
      })),
    })),
    q.period,
    now,
  );
  const names = new Map(
    (await models.Unit.find({ _id: { $in: [...new Set(rows.map((r) => r.unit))] } }, { name: 1 }).lean()).map((u) => [String(u._id), u.name]),
  );
  return { period: q.period, rows: rows.map((r) => ({ ...r, unit: { id: r.unit, name: names.get(r.unit) ?? '—' } })) };
}
