import type { Connection } from 'mongoose';
import type { Config } from '../config.js';
import { firstAdminCreator } from '../commands/firstAdminCreator.js';
import type { Models } from '../db/models/index.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';

/** The exact steps, logged when an installation starts with no administrator at all. */
export const NO_ADMIN_HELP =
  'No administrator exists, so nobody can sign in to set this installation up. Create the first one either way: ' +
  '(1) set ADMIN_LOGIN and ADMIN_PASSWORD (at least 10 characters; ADMIN_NAME optional) and restart the server; or ' +
  '(2) run `npx -y pnpm@10.34.9 admin:create --login <login> --name <name>` with the same MONGODB_URI (or DATA_DIR) as the server, ' +
  'which asks for the password. The account must change its password at first login.';

export type FirstAdminOutcome = 'created' | 'exists' | 'ignored' | 'missing';

/**
 * At start, after the demo seed (whose `admin` counts as an administrator): creates the first
 * administrator from ADMIN_LOGIN / ADMIN_PASSWORD when there is none. The variables are read only
 * then; once an administrator exists they are ignored, said at info level. Safe when several
 * processes start together: the unique login index lets one create it, and the others find it.
 */
export async function ensureFirstAdmin(
  db: { models: Models; connection: Connection },
  config: Pick<Config, 'ADMIN_LOGIN' | 'ADMIN_PASSWORD' | 'ADMIN_NAME'>,
  log: Logger,
): Promise<FirstAdminOutcome> {
  const { ADMIN_LOGIN: login, ADMIN_PASSWORD: password, ADMIN_NAME: name } = config;
  if (await db.models.User.exists({ isAdmin: true, active: { $ne: false } })) {
    if (login !== undefined) log.info({ login }, 'an administrator exists: ADMIN_LOGIN and ADMIN_PASSWORD are ignored');
    return login !== undefined ? 'ignored' : 'exists';
  }
  if (login === undefined || password === undefined) {
    log.warn(NO_ADMIN_HELP);
    return 'missing';
  }
  try {
    await firstAdminCreator(db.models, db.connection, { login, name, password, via: 'env' });
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
    // Another process starting at the same moment created it, or the login belongs to someone.
    const existing = await db.models.User.findOne({ login }, { isAdmin: 1 }).lean();
    if (existing?.isAdmin) {
      log.info({ login }, 'the first administrator was created by another process');
      return 'exists';
    }
    log.error(
      { login },
      `ADMIN_LOGIN names an existing account that is not an administrator; choose another login. ${NO_ADMIN_HELP}`,
    );
    return 'missing';
  }
  log.info({ login }, 'created the first administrator from ADMIN_LOGIN; the password must be changed at first login');
  return 'created';
}
