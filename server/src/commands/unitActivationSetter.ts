import { adminPolicy } from '../policies/admin.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';

/**
 * Deactivates (停用) or reactivates a unit. Nothing is deleted: its memberships, meetings, votes
 * and action items stay as they were, shown with a "已停用" badge; it is no longer offered when
 * members are added. Setting the state it already has changes nothing and records nothing.
 */
export async function unitActivationSetter(ctx: CommandContext, id: string, active: boolean) {
  if (!adminPolicy.canManageUnits(ctx.actor)) throw forbidden('only admins deactivate units');
  const _id = objectId(id, 'unit');
  return inTransaction(ctx, async (session) => {
    const unit = await ctx.models.Unit.findById(_id).session(session);
    if (!unit) throw notFound('unit');
    if ((unit.active !== false) === active) return unit;
    unit.set(
      active
        ? { active: true, deactivatedAt: undefined, deactivatedBy: undefined }
        : { active: false, deactivatedAt: new Date(), deactivatedBy: ctx.actor.id },
    );
    await unit.save({ session });
    await recordAudit(ctx, session, {
      action: active ? 'unit.reactivate' : 'unit.deactivate',
      targetType: 'unit',
      targetId: _id,
      before: { active: !active },
      after: { active },
    });
    return unit;
  });
}
