// Foreground emulator: prints its mongodb:// URI as one stdout line, logs to stderr.
// Usage: tsx src/cli.ts [--port 27017] [--host 127.0.0.1] [--data-dir ./x] [--repl-set rs0] [--fsync]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startMongoEmulator } from './index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '27017' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    'repl-set': { type: 'string', default: 'rs0' },
    fsync: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port ${values.port}`);
  process.exit(2);
}

const emulator = await startMongoEmulator({
  port,
  host: values.host,
  // Relative to where the user typed the command: `pnpm mongo-emulator` runs this script from the
  // package folder, and INIT_CWD is where pnpm was invoked.
  dataDir: values['data-dir'] && path.resolve(process.env.INIT_CWD ?? process.cwd(), values['data-dir']),
  replSetName: values['repl-set'],
  fsync: values.fsync,
  logger: values.quiet ? undefined : (msg) => console.error(`[mongo-emulator] ${msg}`),
});
console.log(emulator.uri);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.error(`[mongo-emulator] ${signal}: shutting down`);
  emulator.close().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
