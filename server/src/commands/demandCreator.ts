import { DemandCreateSchema, type DemandCreate } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { listPolicy } from '../policies/lists.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, objectId } from './errors.js';
import { assertCategory, assertMemberUnit, keysOf } from './listLoaders.js';
import { readableAlliance } from './loaders.js';

/**
 * 需求: a unit publishes what it needs — its own, a resident's request it recorded (群众诉求), or
 * one a meeting raised — on the alliance's demand list, where other units may claim it.
 */
export async function demandCreator(ctx: CommandContext, allianceId: string, input: DemandCreate) {
  const props = DemandCreateSchema.parse(input);
  const alliance = await readableAlliance(ctx, allianceId);
  assertMemberUnit(alliance, props.unit, 'unit');
  if (!listPolicy.canWriteFor(ctx.actor, alliance, props.unit)) throw forbidden('you may publish demands for your own unit only');
  assertCategory(alliance, props.category);
  if (props.meetingId) {
    const meeting = await ctx.models.Meeting.findById(objectId(props.meetingId, 'meeting'), { alliance: 1 }).lean();
    if (!meeting || String(meeting.alliance) !== String(alliance._id)) {
      throw new AppError('VALIDATION', 'the meeting belongs to another alliance', { field: 'meetingId' });
    }
  }
  return inTransaction(ctx, async (session) => {
    const [demand] = await ctx.models.Demand.create(
      [
        {
          alliance: alliance._id,
          title: props.title,
          description: props.description,
          category: props.category,
          location: props.location,
          unit: objectId(props.unit, 'unit'),
          source: props.source,
          residentName: props.source === 'resident' ? props.residentName : '',
          meeting: props.meetingId ? objectId(props.meetingId, 'meeting') : null,
          urgency: props.urgency,
          tags: props.tags,
          searchKeys: keysOf(props.title, props.description, props.category, props.location, props.tags.join(' ')),
          createdBy: ctx.actor.id,
        },
      ],
      { session },
    );
    await recordAudit(ctx, session, {
      action: 'demand.create',
      targetType: 'demand',
      targetId: demand!._id,
      alliance: alliance._id,
      event: { type: 'demand.created', allianceId: String(alliance._id), demandId: String(demand!._id) },
      after: { title: props.title, category: props.category, unit: props.unit },
    });
    return demand!;
  });
}
