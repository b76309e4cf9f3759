import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { collectStartupGarbage } from './http/startupGarbage.js';
import { startServer } from './server.js';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
const log = createLogger(config);

// A promise someone forgot to handle is a bug to fix, not a reason to drop every user's
// connection: log it and keep serving. (An uncaught *exception* still ends the process, as
// Node's default: the state it leaves behind is unknown.)
process.on('unhandledRejection', (reason: unknown) => {
  log.error({ err: reason }, 'unhandled promise rejection; the server keeps serving');
});

try {
  const server = await startServer(config, log);
  collectStartupGarbage();
  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    // A second Ctrl-C means "now": the first one is already flushing what it can.
    if (++signals > 1) process.exit(1);
    log.info({ signal }, 'signal received');
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
} catch (err) {
  log.fatal({ err }, 'could not start');
  process.exit(1);
}
