import type { Connection } from 'mongoose';
import { hashPassword } from '../auth/passwords.js';
import type { Models } from '../db/models/index.js';
import { auditChanges } from './audit.js';
import { conflictOnDuplicate } from './errors.js';

export interface FirstAdminInput {
  /** Already parsed with the shared login schema. */
  login: string;
  name: string;
  password: string;
  /** Where it came from, for the audit trail: the environment at start, or `pnpm admin:create`. */
  via: 'env' | 'cli';
}

/**
 * Creates an administrator on an installation that has none to create one (the environment at
 * start, or an operator at the command line). The password has been seen outside the app, so
 * it must be changed at first login. Nobody is signed in: the audit event has no actor. A login
 * that exists is a CONFLICT; two processes starting at once both try, and the unique login index
 * lets exactly one succeed.
 */
export async function firstAdminCreator(models: Models, connection: Connection, input: FirstAdminInput) {
  const passwordHash = await hashPassword(input.password);
  return conflictOnDuplicate('a user with this login', () =>
    connection.transaction(async (session) => {
      const [user] = await models.User.create(
        [{ name: input.name, login: input.login, passwordHash, isAdmin: true, mustChangePassword: true }],
        { session },
      );
      await models.AuditEvent.create(
        [
          {
            action: 'admin.bootstrap',
            targetType: 'user',
            targetId: user!._id,
            ...auditChanges(undefined, { login: input.login, name: input.name, via: input.via }),
            at: new Date(),
          },
        ],
        { session },
      );
      return user!;
    }),
  );
}
