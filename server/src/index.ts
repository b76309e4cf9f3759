export { loadConfig, ConfigSchema, type Config } from './config.js';
export { createLogger, type Logger } from './logger.js';
export { startServer, type RunningServer } from './server.js';
