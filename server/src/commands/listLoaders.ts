import { DEFAULT_LIST_CATEGORIES, documentKeys } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { alliancePolicy } from '../policies/alliance.js';
import type { CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';

type Reader = Pick<CommandContext, 'models' | 'actor'>;

interface AllianceLists {
  memberships: { unit: unknown }[];
  listCategories?: string[] | null | undefined;
}

/** The alliance's categories (清单类别): its own list, or the defaults until a secretary sets one. */
export function listCategoriesOf(alliance: { listCategories?: string[] | null | undefined }): string[] {
  return alliance.listCategories && alliance.listCategories.length > 0 ? [...alliance.listCategories] : [...DEFAULT_LIST_CATEGORIES];
}

export function assertCategory(alliance: AllianceLists, category: string | undefined): void {
  if (category !== undefined && !listCategoriesOf(alliance).includes(category)) {
    throw new AppError('VALIDATION', 'not one of the alliance’s categories', { field: 'category' });
  }
}

export function assertMemberUnit(alliance: AllianceLists, unitId: string, field: string): void {
  if (!alliance.memberships.some((m) => String(m.unit) === unitId)) {
    throw new AppError('VALIDATION', 'must be a member unit of the alliance', { field });
  }
}

/** The search keys of a record's texts (see `documentKeys` in shared for why bigrams). */
export const keysOf = (...texts: (string | null | undefined)[]) => documentKeys(...texts.map((t) => t ?? ''));

async function allianceOf(ctx: Reader, allianceId: unknown, what: string) {
  const alliance = await ctx.models.Alliance.findById(allianceId);
  if (!alliance) throw notFound(what);
  if (!alliancePolicy.canRead(ctx.actor, alliance)) throw forbidden('your unit is not a member of this alliance');
  return alliance;
}

export async function readableDemand(ctx: Reader, id: string) {
  const demand = await ctx.models.Demand.findById(objectId(id, 'demand'));
  if (!demand) throw notFound('demand');
  return { demand, alliance: await allianceOf(ctx, demand.alliance, 'demand') };
}

export async function readableResource(ctx: Reader, id: string) {
  const resource = await ctx.models.Resource.findById(objectId(id, 'resource'));
  if (!resource) throw notFound('resource');
  return { resource, alliance: await allianceOf(ctx, resource.alliance, 'resource') };
}

export async function readableProject(ctx: Reader, id: string) {
  const project = await ctx.models.Project.findById(objectId(id, 'project'));
  if (!project) throw notFound('project');
  return { project, alliance: await allianceOf(ctx, project.alliance, 'project') };
}
