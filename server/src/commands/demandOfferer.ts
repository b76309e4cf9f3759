import { acceptsOffers, DemandOfferSchema, type DemandOffer, type DemandStatus } from '@tongxin/shared';
import { Types } from 'mongoose';
import { AppError } from '../errors.js';
import { listPolicy } from '../policies/lists.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, objectId } from './errors.js';
import { assertMemberUnit, readableDemand } from './listLoaders.js';

/**
 * 认领 (a unit takes the demand on) or 提供资源 (with one of its resources): an offer the raiser
 * then accepts. A unit has one offer pending per demand; a new one replaces it.
 */
export async function demandOfferer(ctx: CommandContext, demandId: string, input: DemandOffer) {
  const props = DemandOfferSchema.parse(input);
  const { demand, alliance } = await readableDemand(ctx, demandId);
  assertMemberUnit(alliance, props.unit, 'unit');
  if (!listPolicy.offerUnits(ctx.actor, alliance).includes(props.unit)) throw forbidden('you may offer for your own unit only');
  if (String(demand.unit) === props.unit) throw new AppError('VALIDATION', 'a unit does not claim its own demand', { field: 'unit' });
  if (!acceptsOffers(demand.status as DemandStatus)) throw new AppError('INVALID_STATE', `the demand is ${demand.status}: it takes no offers`);
  if (props.resource) {
    const resource = await ctx.models.Resource.findById(objectId(props.resource, 'resource'), { unit: 1, alliance: 1, status: 1 }).lean();
    if (!resource || String(resource.alliance) !== String(alliance._id) || String(resource.unit) !== props.unit) {
      throw new AppError('VALIDATION', 'the resource must be one the offering unit published here', { field: 'resource' });
    }
    if (resource.status !== 'available') throw new AppError('VALIDATION', 'the resource is not available', { field: 'resource' });
  }
  const offer = {
    _id: new Types.ObjectId(),
    unit: objectId(props.unit, 'unit'),
    resource: props.resource ? objectId(props.resource, 'resource') : null,
    note: props.note,
    status: 'pending',
    by: ctx.actor.id,
    at: ctx.clock.now(),
  };
  return inTransaction(ctx, async (session) => {
    await ctx.models.Demand.updateOne(
      { _id: demand._id },
      { $pull: { offers: { unit: offer.unit, status: 'pending' } } },
      { session },
    );
    const updated = await ctx.models.Demand.findOneAndUpdate(
      { _id: demand._id, status: 'open' },
      { $push: { offers: offer } },
      { session, returnDocument: 'after' },
    );
    if (!updated) throw new AppError('INVALID_STATE', 'the demand changed meanwhile; reload and try again');
    await recordAudit(ctx, session, {
      action: 'demand.offer',
      targetType: 'demand',
      targetId: demand._id,
      alliance: alliance._id,
      event: { type: 'demand.offered', allianceId: String(alliance._id), demandId: String(demand._id) },
      after: { unit: props.unit, resource: props.resource, note: props.note || undefined },
    });
    return updated;
  });
}
