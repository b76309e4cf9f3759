import { adminPolicy } from '../policies/admin.js';
import { AppError } from '../errors.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';

/**
 * Deactivates (停用) or reactivates an account. A deactivated person cannot log in; every session
 * they have ends at once, and with it every open Socket.IO and Yjs connection (the
 * `user.sessionsEnded` event). Their name stays on everything they did. Nobody deactivates
 * themself: an installation must not lose its last admin by a slip of the hand.
 */
export async function userActivationSetter(ctx: CommandContext, id: string, active: boolean) {
  if (!adminPolicy.canManageUsers(ctx.actor)) throw forbidden('only admins deactivate accounts');
  const _id = objectId(id, 'user');
  if (!active && String(_id) === ctx.actor.id) {
    throw new AppError('INVALID_STATE', 'you cannot deactivate your own account');
  }
  return inTransaction(ctx, async (session) => {
    const user = await ctx.models.User.findById(_id).session(session);
    if (!user) throw notFound('user');
    if ((user.active !== false) === active) return user;
    user.set(
      active
        ? { active: true, deactivatedAt: undefined, deactivatedBy: undefined }
        : { active: false, deactivatedAt: new Date(), deactivatedBy: ctx.actor.id },
    );
    await user.save({ session });
    if (!active) await ctx.models.Session.deleteMany({ user: _id }, { session });
    await recordAudit(ctx, session, {
      action: active ? 'user.reactivate' : 'user.deactivate',
      targetType: 'user',
      targetId: _id,
      before: { active: !active },
      after: { active },
      ...(active ? {} : { event: { type: 'user.sessionsEnded', userId: String(_id) } as const }),
    });
    return user;
  });
}
