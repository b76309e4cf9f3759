import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/** `destination`: stdout unless given (tests read what would be logged). */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, destination?: DestinationStream): Logger {
  const options = {
    name: 'tongxin',
    level: config.LOG_LEVEL,
    // Credentials must never reach a log line, whichever object they arrive in.
    redact: ['password', '*.password', 'req.headers.cookie', 'req.headers.authorization'],
  };
  return destination ? pino(options, destination) : pino(options);
}
