import { Writable } from 'node:stream';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { LoginNameSchema, NameSchema, PasswordSchema } from '@tongxin/shared';
import { firstAdminCreator } from '../commands/firstAdminCreator.js';
import { ConfigError, loadConfig } from '../config.js';
import { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { createLogger } from '../logger.js';

// `pnpm admin:create --login <login> --name <name>`: creates an administrator in the database the
// server uses (MONGODB_URI, or the local one under DATA_DIR — stop a server using that local
// database first, it is one process's at a time). Asks for the password on the terminal without
// echo, twice; without a terminal it reads one line from stdin, so a script can pipe it in. The
// account must change the password at first login. An existing login is refused (exit 1).

const USAGE =
  'usage: pnpm admin:create --login <login> --name <name>   (the password is asked for, or read from stdin)';

// What this command answers the person who ran it is plain text on stdout/stderr, not a log line:
// the server's JSON logs (pino) are for operators' collectors, and are kept at warn here.
const say = (text: string) => process.stdout.write(`${text}\n`);

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** One line from the terminal with what is typed hidden, or the first line of piped stdin. */
async function readPassword(prompt: string): Promise<string> {
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const tty = process.stdin.isTTY === true;
  if (tty) process.stderr.write(prompt);
  const rl = readline.createInterface({ input: process.stdin, output: tty ? muted : undefined, terminal: tty });
  try {
    const line = await new Promise<string | null>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(null));
    });
    if (tty) process.stderr.write('\n');
    if (line === null) fail('no password given (stdin ended)');
    return line;
  } finally {
    rl.close();
  }
}

async function main() {
  let args;
  try {
    args = parseArgs({
      options: { login: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' } },
    }).values;
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`, 2);
  }
  if (args.help) {
    say(USAGE);
    return;
  }
  const login = LoginNameSchema.safeParse(args.login ?? '');
  if (!login.success) fail(`--login: ${login.error.issues[0]?.message ?? 'invalid'}\n${USAGE}`, 2);
  const name = NameSchema.safeParse(args.name ?? '');
  if (!name.success) fail(`--name: ${name.error.issues[0]?.message ?? 'invalid'}\n${USAGE}`, 2);

  const password = await readPassword('Password (at least 10 characters): ');
  const parsed = PasswordSchema.safeParse(password);
  if (!parsed.success) fail(`password: ${parsed.error.issues[0]?.message ?? 'invalid'}`, 2);
  if (process.stdin.isTTY && (await readPassword('Repeat the password: ')) !== password)
    fail('the two passwords differ', 2);

  const config = loadConfig();
  // The CLI's own output is the one line below; the server's info logs would bury it.
  const log = createLogger({ LOG_LEVEL: process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn' });
  const db = await Database.open(config, log);
  let exists = false;
  try {
    await firstAdminCreator(db.models, db.connection, {
      login: login.data,
      name: name.data,
      password: parsed.data,
      via: 'cli',
    });
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
    exists = true;
  } finally {
    await db.close();
  }
  if (exists) fail(`the login "${login.data}" already exists; nothing was changed`);
  say(`created administrator "${login.data}" (${name.data}); the password must be changed at first login`);
}

try {
  await main();
} catch (err) {
  fail(err instanceof ConfigError ? err.message : String((err as Error)?.stack ?? err));
}
