import { AppError } from '../errors.js';
import { listPolicy } from '../policies/lists.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound } from './errors.js';
import { readableDemand } from './listLoaders.js';

/**
 * The raiser accepts one offer: the demand is 已认领 by that unit (with its resource, if it
 * offered one); the other offers are declined.
 */
export async function demandOfferAccepter(ctx: CommandContext, demandId: string, offerId: string) {
  const { demand, alliance } = await readableDemand(ctx, demandId);
  if (!listPolicy.canAccept(ctx.actor, alliance, demand)) throw forbidden('only the raising unit accepts an offer');
  const offer = demand.offers.find((o) => String(o._id) === offerId);
  if (!offer) throw notFound('offer');
  if (offer.status !== 'pending' || demand.status !== 'open') throw new AppError('INVALID_STATE', 'the offer is no longer open');
  return inTransaction(ctx, async (session) => {
    const offers = demand.offers.map((o) => ({
      ...o.toObject(),
      status: String(o._id) === offerId ? 'accepted' : o.status === 'pending' ? 'declined' : o.status,
    }));
    const updated = await ctx.models.Demand.findOneAndUpdate(
      { _id: demand._id, status: 'open' },
      { $set: { status: 'claimed', claimedBy: offer.unit, resource: offer.resource ?? null, offers } },
      { session, returnDocument: 'after' },
    );
    if (!updated) throw new AppError('INVALID_STATE', 'the demand changed meanwhile; reload and try again');
    await recordAudit(ctx, session, {
      action: 'demand.accept',
      targetType: 'demand',
      targetId: demand._id,
      alliance: alliance._id,
      event: { type: 'demand.accepted', allianceId: String(alliance._id), demandId: String(demand._id) },
      before: { status: 'open' },
      after: { status: 'claimed', unit: String(offer.unit), resource: offer.resource ? String(offer.resource) : undefined },
    });
    return updated;
  });
}
