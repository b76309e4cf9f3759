import type { UserCreate } from '@tongxin/shared';
import { hashPassword } from '../auth/passwords.js';
import { adminPolicy } from '../policies/admin.js';
import { recordAudit, summarize } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { conflictOnDuplicate, forbidden } from './errors.js';
import { assertUnitsExist } from './loaders.js';

export async function userCreator(ctx: CommandContext, input: UserCreate) {
  if (!adminPolicy.canManageUsers(ctx.actor)) throw forbidden('only admins manage users');
  if (input.unit) await assertUnitsExist(ctx, [input.unit]);
  const { password, ...fields } = input;
  const passwordHash = await hashPassword(password);
  return conflictOnDuplicate('a user with this login', () =>
    inTransaction(ctx, async (session) => {
      const [user] = await ctx.models.User.create([{ ...fields, passwordHash }], { session });
      await recordAudit(ctx, session, {
        action: 'user.create',
        targetType: 'user',
        targetId: user!._id,
        // The password is never summarized, logged or returned.
        after: summarize({ name: fields.name, login: fields.login, unit: fields.unit, isAdmin: fields.isAdmin }),
      });
      return user!;
    }),
  );
}
