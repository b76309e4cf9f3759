import type { AuditAction } from '@tongxin/shared';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { AppError } from '../errors.js';
import { adminPolicy } from '../policies/admin.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';

/** A user changes their own password. All their sessions end, this one included: a stolen
 * session must not outlive the password change, so the client logs in again. */
export async function passwordChanger(ctx: CommandContext, input: { currentPassword: string; newPassword: string }) {
  const user = await ctx.models.User.findById(ctx.actor.id).select('+passwordHash');
  if (!user) throw notFound('user');
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError('VALIDATION', 'the current password is not correct', { field: 'currentPassword' });
  }
  await setPassword(ctx, user._id.toString(), input.newPassword, 'user.changePassword');
}

/** An admin sets a new password for someone; that person's sessions all end. */
export async function passwordResetter(ctx: CommandContext, userId: string, newPassword: string) {
  if (!adminPolicy.canManageUsers(ctx.actor)) throw forbidden('only admins reset passwords');
  if (!(await ctx.models.User.exists({ _id: objectId(userId, 'user') }))) throw notFound('user');
  await setPassword(ctx, userId, newPassword, 'user.resetPassword');
}

async function setPassword(ctx: CommandContext, userId: string, password: string, action: AuditAction) {
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx, async (session) => {
    await ctx.models.User.updateOne({ _id: userId }, { $set: { passwordHash } }, { session });
    await ctx.models.Session.deleteMany({ user: userId }, { session });
    // Every session of the person ends, and with them every connection they have open.
    await recordAudit(ctx, session, { action, targetType: 'user', targetId: userId, event: { type: 'user.sessionsEnded', userId } });
  });
}
