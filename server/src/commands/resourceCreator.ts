import { ResourceCreateSchema, type ResourceCreate } from '@tongxin/shared';
import { listPolicy } from '../policies/lists.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, objectId } from './errors.js';
import { assertCategory, assertMemberUnit, keysOf } from './listLoaders.js';
import { readableAlliance } from './loaders.js';

/** 资源: a unit publishes what it can offer — a venue, volunteers, funds, expertise, equipment. */
export async function resourceCreator(ctx: CommandContext, allianceId: string, input: ResourceCreate) {
  const props = ResourceCreateSchema.parse(input);
  const alliance = await readableAlliance(ctx, allianceId);
  assertMemberUnit(alliance, props.unit, 'unit');
  if (!listPolicy.canWriteFor(ctx.actor, alliance, props.unit)) throw forbidden('you may publish resources for your own unit only');
  assertCategory(alliance, props.category);
  return inTransaction(ctx, async (session) => {
    const [resource] = await ctx.models.Resource.create(
      [
        {
          ...props,
          alliance: alliance._id,
          unit: objectId(props.unit, 'unit'),
          searchKeys: keysOf(props.title, props.description, props.category, props.quantity, props.tags.join(' ')),
          createdBy: ctx.actor.id,
        },
      ],
      { session },
    );
    await recordAudit(ctx, session, {
      action: 'resource.create',
      targetType: 'resource',
      targetId: resource!._id,
      alliance: alliance._id,
      event: { type: 'resource.created', allianceId: String(alliance._id), resourceId: String(resource!._id) },
      after: { title: props.title, category: props.category, unit: props.unit },
    });
    return resource!;
  });
}
