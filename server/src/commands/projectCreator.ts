import { ProjectCreateSchema, type ProjectCreate } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { listPolicy } from '../policies/lists.js';
import { recordAudit } from './audit.js';
import { emit, inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';
import { assertCategory, assertMemberUnit, keysOf } from './listLoaders.js';
import { readableAlliance } from './loaders.js';

/**
 * 共建项目: a lead unit carries a joint project with participating units and what each commits —
 * from a matched demand (which then counts as 办理中), from a decision, or on its own.
 */
export async function projectCreator(ctx: CommandContext, allianceId: string, input: ProjectCreate) {
  const props = ProjectCreateSchema.parse(input);
  const alliance = await readableAlliance(ctx, allianceId);
  assertMemberUnit(alliance, props.leadUnit, 'leadUnit');
  props.participants.forEach((p) => assertMemberUnit(alliance, p.unit, 'participants'));
  if (!listPolicy.canWriteFor(ctx.actor, alliance, props.leadUnit)) throw forbidden('a project is created by its lead unit or a secretary');
  assertCategory(alliance, props.category);
  const resourceIds = props.participants.flatMap((p) => (p.resource ? [p.resource] : []));
  if (resourceIds.length > 0) {
    const resources = await ctx.models.Resource.find({ _id: { $in: resourceIds.map((r) => objectId(r, 'resource')) } }, { unit: 1, alliance: 1 }).lean();
    const byId = new Map(resources.map((r) => [String(r._id), r]));
    for (const p of props.participants) {
      const r = p.resource ? byId.get(p.resource) : undefined;
      if (p.resource && (!r || String(r.alliance) !== String(alliance._id) || String(r.unit) !== p.unit)) {
        throw new AppError('VALIDATION', 'a committed resource must be the participating unit’s own', { field: 'participants' });
      }
    }
  }
  const demand = props.demandId ? await ctx.models.Demand.findById(objectId(props.demandId, 'demand')) : null;
  if (props.demandId && (!demand || String(demand.alliance) !== String(alliance._id))) throw notFound('demand');
  if (demand && !['claimed', 'in_progress', 'open'].includes(demand.status)) {
    throw new AppError('INVALID_STATE', `the demand is ${demand.status}`);
  }
  if (props.decisionId) {
    const decision = await ctx.models.Decision.findById(objectId(props.decisionId, 'decision'), { alliance: 1 }).lean();
    if (!decision || String(decision.alliance) !== String(alliance._id)) throw notFound('decision');
  }
  const category = props.category ?? demand?.category ?? '';
  return inTransaction(ctx, async (session) => {
    const [project] = await ctx.models.Project.create(
      [
        {
          alliance: alliance._id,
          title: props.title,
          description: props.description,
          category,
          leadUnit: objectId(props.leadUnit, 'unit'),
          participants: props.participants.map((p) => ({
            unit: objectId(p.unit, 'unit'),
            commitment: p.commitment,
            resource: p.resource ? objectId(p.resource, 'resource') : null,
          })),
          milestones: props.milestones,
          budget: props.budget,
          demand: demand?._id ?? null,
          decision: props.decisionId ? objectId(props.decisionId, 'decision') : null,
          searchKeys: keysOf(props.title, props.description, category),
          createdBy: ctx.actor.id,
          // The light counts the silence since creation (until the first progress entry) on the injectable clock.
          createdAt: ctx.clock.now(),
        },
      ],
      { session },
    );
    // A matched demand the project now carries is being worked on.
    if (demand?.status === 'claimed') {
      await ctx.models.Demand.updateOne({ _id: demand._id, status: 'claimed' }, { $set: { status: 'in_progress' } }, { session });
      emit(ctx, { type: 'demand.transitioned', allianceId: String(alliance._id), demandId: String(demand._id) });
    }
    await recordAudit(ctx, session, {
      action: 'project.create',
      targetType: 'project',
      targetId: project!._id,
      alliance: alliance._id,
      event: { type: 'project.created', allianceId: String(alliance._id), projectId: String(project!._id) },
      after: { title: props.title, leadUnit: props.leadUnit, demand: props.demandId, decision: props.decisionId },
    });
    return project!;
  });
}
