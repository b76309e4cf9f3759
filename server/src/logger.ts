import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({
    name: 'tongxin',
    level: config.LOG_LEVEL,
    // Credentials must never reach a log line, whichever object they arrive in.
    redact: ['password', '*.password', 'req.headers.cookie', 'req.headers.authorization'],
  });
}
