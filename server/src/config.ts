import path from 'node:path';
import { z } from 'zod';
import { LoginNameSchema, NameSchema, PasswordSchema } from '@tongxin/shared';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every setting comes from the environment; see the README's "Configuration" table. */
export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** A real MongoDB; when absent a local mongod or the bundled emulator is started. */
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, 'letters, digits, _ and - only').default('tongxin'),
  /**
   * Without MONGODB_URI: `auto` downloads a mongod through mongodb-memory-server when its site
   * answers (else the bundled emulator), `true` always tries, `false` never downloads.
   */
  MONGOD_DOWNLOAD: z
    .enum(['auto', 'true', 'false', '1', '0'])
    .default('auto')
    .transform((v) => (v === 'auto' ? 'auto' : v === 'true' || v === '1' ? 'always' : 'never')),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Fill an empty database with the demo alliance. */
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /**
   * The first administrator, created at start when the database has no administrator (and
   * ignored once it has one). The account must change this password at first login.
   */
  ADMIN_LOGIN: LoginNameSchema.optional(),
  ADMIN_PASSWORD: PasswordSchema.optional(),
  ADMIN_NAME: NameSchema.default('系统管理员'),
  /**
   * Tests only (NODE_ENV=test): the process starts its clock at this ISO time and accepts
   * `PUT /api/test/clock` to move it, so a test can walk several processes through weeks.
   */
  TEST_CLOCK_AT: z.iso.datetime({ offset: true }).optional(),
  /** The address people open the app at (e.g. https://tongxin.example.gov.cn), for links in group-robot messages; without it messages carry no link. */
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, 'must start with http:// or https://')
    .transform((s) => s.replace(/\/+$/, ''))
    .optional(),
  /** How often the group-robot outbox looks for messages to post, in milliseconds. */
  ROBOT_TICK_MS: z.coerce.number().int().min(10).max(600_000).default(5000),
  /** How often the reminder scheduler (提醒) looks for reminders due; 0 turns it off in this process. */
  REMINDER_TICK_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** How long a process holds a reminder it claimed before another may take it over and deliver it. */
  REMINDER_LEASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(120_000),
  /** Tests only (NODE_ENV=test): a pause between claiming a reminder and delivering it, so a test can kill the process inside its lease. */
  REMINDER_TEST_HOLD_MS: z.coerce.number().int().min(0).max(600_000).default(0),
});

export type Config = Omit<z.infer<typeof ConfigSchema>, 'SESSION_SECRET'> & {
  SESSION_SECRET: string;
  /** DATA_DIR made absolute against the directory the user ran the command in (pnpm's INIT_CWD). */
  dataDir: string;
};

export class ConfigError extends Error {}

/**
 * Parses the environment. A bad value stops the start with a message naming the variable,
 * because a server that guesses at its configuration fails later and further from the cause.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = env.INIT_CWD ?? process.cwd()): Config {
  // An empty variable means "not set", as it does in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if ((c.ADMIN_LOGIN === undefined) !== (c.ADMIN_PASSWORD === undefined)) {
    const missing = c.ADMIN_LOGIN === undefined ? 'ADMIN_LOGIN' : 'ADMIN_PASSWORD';
    throw new ConfigError(`Invalid configuration:\n  ${missing}: required with ${missing === 'ADMIN_LOGIN' ? 'ADMIN_PASSWORD' : 'ADMIN_LOGIN'}`);
  }
  if (c.TEST_CLOCK_AT !== undefined && c.NODE_ENV !== 'test') {
    throw new ConfigError('Invalid configuration:\n  TEST_CLOCK_AT: only with NODE_ENV=test');
  }
  if (c.REMINDER_TEST_HOLD_MS > 0 && c.NODE_ENV !== 'test') {
    throw new ConfigError('Invalid configuration:\n  REMINDER_TEST_HOLD_MS: only with NODE_ENV=test');
  }
  if (c.NODE_ENV === 'production' && c.SESSION_SECRET === undefined && c.MONGODB_URI !== undefined) {
    throw new ConfigError('Invalid configuration:\n  SESSION_SECRET: required in production with a real MONGODB_URI');
  }
  return {
    ...c,
    // Local runs get a per-process secret: sessions then end when the server restarts, which is
    // acceptable for a demo and never silently shared between installations.
    SESSION_SECRET: c.SESSION_SECRET ?? cryptoRandom(),
    dataDir: path.resolve(cwd, c.DATA_DIR),
  };
}

function cryptoRandom(): string {
  return globalThis.crypto.randomUUID() + globalThis.crypto.randomUUID();
}
