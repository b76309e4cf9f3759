import type { AuditAction } from '@tongxin/shared';
import { hashPassword, oneTimePassword, verifyPassword } from '../auth/passwords.js';
import { AppError } from '../errors.js';
import { adminPolicy } from '../policies/admin.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';

/** A user changes their own password. All their sessions end, this one included: a stolen
 * session must not outlive the password change, so the client logs in again. This is also how
 * a one-time password is replaced, which lifts the forced change. */
export async function passwordChanger(ctx: CommandContext, input: { currentPassword: string; newPassword: string }) {
  const user = await ctx.models.User.findById(ctx.actor.id).select('+passwordHash');
  if (!user) throw notFound('user');
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError('VALIDATION', 'the current password is not correct', { field: 'currentPassword' });
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError('VALIDATION', 'the new password must differ from the current one', { field: 'newPassword' });
  }
  await setPassword(ctx, user._id.toString(), input.newPassword, 'user.changePassword', false);
}

/**
 * An admin sets a new password for someone; that person's sessions all end. Without one, the
 * server makes a one-time password, returns it (once) and the person must change it at next
 * login. A password an API client sets itself is taken as given, with no forced change.
 */
export async function passwordResetter(ctx: CommandContext, userId: string, newPassword?: string) {
  if (!adminPolicy.canManageUsers(ctx.actor)) throw forbidden('only admins reset passwords');
  if (!(await ctx.models.User.exists({ _id: objectId(userId, 'user') }))) throw notFound('user');
  const generated = newPassword === undefined ? oneTimePassword() : null;
  await setPassword(ctx, userId, newPassword ?? generated!, 'user.resetPassword', generated !== null);
  return { oneTimePassword: generated };
}

async function setPassword(
  ctx: CommandContext,
  userId: string,
  password: string,
  action: AuditAction,
  mustChange: boolean,
) {
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx, async (session) => {
    await ctx.models.User.updateOne(
      { _id: userId },
      { $set: { passwordHash, mustChangePassword: mustChange } },
      { session },
    );
    await ctx.models.Session.deleteMany({ user: userId }, { session });
    // Every session of the person ends, and with them every connection they have open.
    await recordAudit(ctx, session, {
      action,
      targetType: 'user',
      targetId: userId,
      event: { type: 'user.sessionsEnded', userId },
    });
  });
}
