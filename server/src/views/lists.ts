import {
  localDate,
  nextOpenMilestone,
  projectLightAt,
  queryKeys,
  scoreMatch,
  type Demand,
  type LightSettings,
  type ListQuery,
  type Page,
  type Project,
  type Resource,
  type Suggestion,
} from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Actor } from '../auth/actor.js';
import type { Models } from '../db/models/index.js';
import { representedUnits, type AllianceFacts } from '../policies/alliance.js';
import { refOrGone, refOrNull, type Id, type Named } from '../presenters/refs.js';
import { DEFAULT_LIGHT_SETTINGS, lightSettingsByAlliance } from './itemLight.js';

// The three lists as the API shows them: one presenter per record, the list filters (category,
// status, unit, 本单位, search) and the suggested resources of a demand.

type Ref = Named | Id | null | undefined;
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : '');

/* eslint-disable @typescript-eslint/no-explicit-any -- populated lean documents */
export function presentDemand(d: any, projects: { _id: Id; title: string }[] = []): Demand {
  return {
    id: String(d._id),
    alliance: String(d.alliance),
    title: d.title,
    description: d.description ?? '',
    category: d.category,
    location: d.location ?? '',
    unit: refOrGone(d.unit as Ref),
    source: d.source,
    residentName: d.residentName ?? '',
    meeting: d.meeting ? { id: String(d.meeting._id ?? d.meeting), name: d.meeting.title ?? '—' } : null,
    urgency: d.urgency,
    tags: d.tags ?? [],
    status: d.status,
    rejectReason: d.rejectReason ?? '',
    claimedBy: refOrNull(d.claimedBy as Ref),
    resource: d.resource ? { id: String(d.resource._id ?? d.resource), name: d.resource.title ?? '—' } : null,
    offers: (d.offers ?? []).map((o: any) => ({
      id: String(o._id),
      unit: refOrGone(o.unit),
      resource: o.resource ? { id: String(o.resource._id ?? o.resource), name: o.resource.title ?? '—' } : null,
      note: o.note ?? '',
      status: o.status,
      by: refOrGone(o.by),
      at: iso(o.at),
    })),
    projects: projects.map((p) => ({ id: String(p._id), name: p.title })),
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  };
}

export function presentResource(r: any): Resource {
  return {
    id: String(r._id),
    alliance: String(r.alliance),
    unit: refOrGone(r.unit as Ref),
    kind: r.kind,
    category: r.category,
    title: r.title,
    description: r.description ?? '',
    quantity: r.quantity ?? '',
    availableFrom: r.availableFrom ?? null,
    availableTo: r.availableTo ?? null,
    contact: r.contact ?? '',
    conditions: r.conditions ?? '',
    tags: r.tags ?? [],
    status: r.status,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

/** When a project is shown: its light is computed at `now` with its alliance's rules and calendar. */
export interface LightAt {
  now: Date;
  settings: LightSettings;
}

export function presentProject(p: any, at: LightAt): Project {
  const next = nextOpenMilestone<{ _id: unknown; title: string; dueDate: string; done: boolean }>(p.milestones ?? []);
  return {
    id: String(p._id),
    alliance: String(p.alliance),
    title: p.title,
    description: p.description ?? '',
    category: p.category ?? '',
    leadUnit: refOrGone(p.leadUnit as Ref),
    participants: (p.participants ?? []).map((x: any) => ({
      unit: refOrGone(x.unit),
      commitment: x.commitment ?? '',
      resource: x.resource ? { id: String(x.resource._id ?? x.resource), name: x.resource.title ?? '—' } : null,
    })),
    milestones: (p.milestones ?? []).map((m: any) => ({
      id: String(m._id),
      title: m.title,
      dueDate: m.dueDate,
      done: Boolean(m.done),
      doneAt: m.doneAt ? iso(m.doneAt) : null,
    })),
    progress: (p.progress ?? []).map((e: any) => ({ text: e.text, by: refOrGone(e.by), unit: refOrNull(e.unit), at: iso(e.at) })),
    budget: p.budget ?? null,
    status: p.status,
    demand: p.demand ? { id: String(p.demand._id ?? p.demand), name: p.demand.title ?? '—' } : null,
    decision: p.decision ? { id: String(p.decision._id ?? p.decision), name: p.decision.title ?? '—' } : null,
    agenda: (p.agenda ?? []).map((a: any) => ({
      meeting: { id: String(a.meeting?._id ?? a.meeting), name: a.meeting?.title ?? '—' },
      itemId: a.itemId,
      at: iso(a.at),
    })),
    nextMilestone: next ? { id: String(next._id), title: next.title, dueDate: next.dueDate } : null,
    light: projectLightAt(
      { status: p.status, milestones: p.milestones ?? [], createdAt: new Date(p.createdAt), progress: p.progress ?? [] },
      at.settings,
      at.now,
    ),
    createdAt: iso(p.createdAt),
    updatedAt: iso(p.updatedAt),
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

const populateDemand = <Q extends { populate(path: string, select: string): Q }>(q: Q) =>
  q
    .populate('unit', 'name')
    .populate('claimedBy', 'name')
    .populate('resource', 'title')
    .populate('meeting', 'title')
    .populate('offers.unit', 'name')
    .populate('offers.resource', 'title')
    .populate('offers.by', 'name');
const populateResource = <Q extends { populate(path: string, select: string): Q }>(q: Q) => q.populate('unit', 'name');
export const populateProject = <Q extends { populate(path: string, select: string): Q }>(q: Q) =>
  q
    .populate('leadUnit', 'name')
    .populate('participants.unit', 'name')
    .populate('participants.resource', 'title')
    .populate('progress.by', 'name')
    .populate('progress.unit', 'name')
    .populate('demand', 'title')
    .populate('decision', 'title')
    .populate('agenda.meeting', 'title');

export type { ListKind } from '../presenters/listsExport.js';
import type { ListKind } from '../presenters/listsExport.js';

/**
 * The MongoDB filter of a list's filters. A search is split into keys the way records store
 * theirs and matched with `$all` on the multikey `searchKeys`; "本单位" is the units the caller
 * represents (raising, offering, leading or taking part).
 */
export function listFilter(kind: ListKind, allianceId: Types.ObjectId, q: Omit<ListQuery, 'page' | 'pageSize'>, actor: Actor, alliance: AllianceFacts) {
  const filter: Record<string, unknown> = { alliance: allianceId };
  if (q.category) filter.category = q.category;
  if (q.status) filter.status = q.status;
  const unitClause = (ids: string[]) =>
    kind === 'project'
      ? { $or: [{ leadUnit: { $in: ids } }, { 'participants.unit': { $in: ids } }] }
      : kind === 'demand'
        ? { $or: [{ unit: { $in: ids } }, { claimedBy: { $in: ids } }] }
        : { unit: { $in: ids } };
  const and: Record<string, unknown>[] = [];
  if (q.unit) and.push(unitClause([q.unit]));
  if (q.mine) and.push(unitClause([...new Set([...representedUnits(actor, alliance), ...(actor.unit ? [actor.unit] : [])])]));
  if (q.q) {
    const keys = queryKeys(q.q);
    // A query with nothing searchable in it (punctuation only) finds nothing rather than everything.
    and.push({ searchKeys: keys.length > 0 ? { $all: keys } : { $in: [] } });
  }
  if (and.length > 0) filter.$and = and;
  return filter;
}

/**
 * Ranks search hits: the more of the query's keys its title holds, the higher; newest first
 * among equals. (All hits hold all keys somewhere; the title is what the reader scans.)
 */
function rankByTitle<T extends { title: string; createdAt?: Date | string | null }>(docs: T[], query: string | undefined): T[] {
  if (!query) return docs;
  const keys = queryKeys(query);
  const hits = (t: string) => keys.filter((k) => t.toLowerCase().includes(k)).length;
  return [...docs].sort((a, b) => hits(b.title) - hits(a.title) || String(b.createdAt ?? '').localeCompare(String(a.createdAt ?? '')));
}

/** At most this many records are ranked per search; the lists of one alliance are far shorter. */
const SEARCH_CAP = 500;

async function listOf<T extends { title: string; createdAt?: Date | null }>(
  run: (skip: number, limit: number) => Promise<T[]>,
  count: () => Promise<number>,
  q: ListQuery,
): Promise<{ docs: T[]; total: number }> {
  if (q.q) {
    const all = rankByTitle(await run(0, SEARCH_CAP), q.q);
    return { docs: all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: all.length };
  }
  const [docs, total] = await Promise.all([run((q.page - 1) * q.pageSize, q.pageSize), count()]);
  return { docs, total };
}

export async function demandPage(models: Models, filter: Record<string, unknown>, q: ListQuery): Promise<Page<Demand>> {
  const { docs, total } = await listOf(
    (skip, limit) => populateDemand(models.Demand.find(filter).sort({ createdAt: -1, _id: -1 }).skip(skip).limit(limit)).lean<never[]>(),
    () => models.Demand.countDocuments(filter),
    q,
  );
  return { items: docs.map((d) => presentDemand(d)), page: q.page, pageSize: q.pageSize, total };
}

export async function resourcePage(models: Models, filter: Record<string, unknown>, q: ListQuery): Promise<Page<Resource>> {
  const { docs, total } = await listOf(
    (skip, limit) => populateResource(models.Resource.find(filter).sort({ createdAt: -1, _id: -1 }).skip(skip).limit(limit)).lean<never[]>(),
    () => models.Resource.countDocuments(filter),
    q,
  );
  return { items: docs.map(presentResource), page: q.page, pageSize: q.pageSize, total };
}

/** Projects as shown at `now`: each with its light, under its alliance's light settings (one read for all). */
export async function presentProjects(models: Models, docs: { alliance: Types.ObjectId }[], now: Date): Promise<Project[]> {
  const settings = await lightSettingsByAlliance(models, docs.map((d) => d.alliance));
  return docs.map((d) => presentProject(d, { now, settings: settings.get(String(d.alliance)) ?? DEFAULT_LIGHT_SETTINGS }));
}

export async function projectPage(models: Models, filter: Record<string, unknown>, q: ListQuery, now: Date): Promise<Page<Project>> {
  const { docs, total } = await listOf(
    (skip, limit) =>
      populateProject(models.Project.find(filter).sort({ createdAt: -1, _id: -1 }).skip(skip).limit(limit)).lean<
        { title: string; alliance: Types.ObjectId; createdAt?: Date | null }[]
      >(),
    () => models.Project.countDocuments(filter),
    q,
  );
  return { items: await presentProjects(models, docs, now), page: q.page, pageSize: q.pageSize, total };
}

/** Every record of a list matching the filters (exports), newest first. */
export async function listAll(models: Models, kind: ListKind, filter: Record<string, unknown>, query: string | undefined, now: Date) {
  const cap = 5000;
  if (kind === 'demand') {
    return rankByTitle(await populateDemand(models.Demand.find(filter).sort({ createdAt: -1 }).limit(cap)).lean<never[]>(), query).map((d) => presentDemand(d));
  }
  if (kind === 'resource') {
    return rankByTitle(await populateResource(models.Resource.find(filter).sort({ createdAt: -1 }).limit(cap)).lean<never[]>(), query).map(presentResource);
  }
  const projects = rankByTitle(
    await populateProject(models.Project.find(filter).sort({ createdAt: -1 }).limit(cap)).lean<
      { title: string; alliance: Types.ObjectId; createdAt?: Date | null }[]
    >(),
    query,
  );
  return presentProjects(models, projects, now);
}

export async function demandView(models: Models, id: Types.ObjectId): Promise<Demand> {
  const [d, projects] = await Promise.all([
    populateDemand(models.Demand.findById(id)).lean<never>(),
    models.Project.find({ demand: id }, { title: 1 }).lean(),
  ]);
  return presentDemand(d, projects);
}

export async function resourceView(models: Models, id: Types.ObjectId): Promise<Resource> {
  return presentResource(await populateResource(models.Resource.findById(id)).lean<never>());
}

export async function projectView(models: Models, id: Types.ObjectId, now: Date): Promise<Project> {
  const doc = await populateProject(models.Project.findById(id)).lean<{ title: string; alliance: Types.ObjectId }>();
  return (await presentProjects(models, [doc!], now))[0]!;
}

/**
 * 推荐资源: the alliance's resources available today, scored against the demand (`scoreMatch`),
 * best first, each with the reasons the reader sees. Resources of the raising unit are left out:
 * it would not need to ask for what it has.
 */
export async function suggestionsFor(
  models: Models,
  demand: { alliance: Types.ObjectId; unit: Types.ObjectId; category: string; title: string; description: string; tags: string[] },
  now: Date,
  limit = 10,
): Promise<Suggestion[]> {
  const today = localDate(now);
  const resources = await populateResource(
    models.Resource.find({ alliance: demand.alliance, status: 'available', unit: { $ne: demand.unit } }).limit(1000),
  ).lean<never[]>();
  return resources
    .flatMap((r: { title: string; description: string; category: string; tags: string[]; status: string; availableFrom: string | null; availableTo: string | null }) => {
      const match = scoreMatch(demand, r, today);
      return match ? [{ resource: presentResource(r), ...match }] : [];
    })
    .sort((a, b) => b.score - a.score || a.resource.title.localeCompare(b.resource.title, 'zh-CN'))
    .slice(0, limit);
}
