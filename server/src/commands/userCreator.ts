import type { UserCreate } from '@tongxin/shared';
import { hashPassword, oneTimePassword } from '../auth/passwords.js';
import { adminPolicy } from '../policies/admin.js';
import { listableUnits } from '../queries/users.js';
import { recordAudit, summarize } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { conflictOnDuplicate, forbidden } from './errors.js';
import { assertUnitsExist } from './loaders.js';

/**
 * Creates an account. Admins create anyone; a secretary creates non-admin people for the units of
 * their own alliances. Without a password the server makes a one-time one: it is answered once,
 * and the person must replace it at first login (it has been seen by whoever created the account).
 */
export async function userCreator(ctx: CommandContext, input: UserCreate) {
  const listable = ctx.actor.isAdmin ? 'all' : await listableUnits(ctx.models, ctx.actor);
  if (!adminPolicy.canCreateUser(ctx.actor, listable, input)) {
    throw forbidden(
      ctx.actor.isAdmin || listable
        ? 'secretaries create non-admin people for their own alliances’ units only'
        : 'only admins and secretaries create people',
    );
  }
  if (input.unit) await assertUnitsExist(ctx, [input.unit]);
  const { password, ...fields } = input;
  const generated = password === undefined ? oneTimePassword() : null;
  const passwordHash = await hashPassword(password ?? generated!);
  const user = await conflictOnDuplicate('a user with this login', () =>
    inTransaction(ctx, async (session) => {
      const [user] = await ctx.models.User.create(
        [{ ...fields, passwordHash, mustChangePassword: generated !== null }],
        {
          session,
        },
      );
      await recordAudit(ctx, session, {
        action: 'user.create',
        targetType: 'user',
        targetId: user!._id,
        // The password is never summarized, logged or returned (a one-time one is returned once, below).
        after: summarize({ name: fields.name, login: fields.login, unit: fields.unit, isAdmin: fields.isAdmin }),
      });
      return user!;
    }),
  );
  return { user, oneTimePassword: generated };
}
