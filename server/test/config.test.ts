import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration from the environment', () => {
  it('starts with sensible defaults on an empty environment', () => {
    const c = loadConfig({}, '/srv/tongxin');
    expect(c.PORT).toBe(3000);
    expect(c.MONGODB_URI).toBeUndefined();
    expect(c.dataDir).toBe('/srv/tongxin/.data');
    expect(c.SESSION_SECRET.length).toBeGreaterThanOrEqual(16);
  });

  it('a bad value stops the start with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' }, '/')).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' }, '/')).toThrow(/PORT/);
    expect(() => loadConfig({ MONGODB_URI: 'http://db' }, '/')).toThrow(/MONGODB_URI/);
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' }, '/')).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' }, '/')).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ SESSION_SECRET: 'short' }, '/')).toThrow(/SESSION_SECRET/);
  });

  it('production against a real database requires a session secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://db:27017' }, '/')).toThrow(
      /SESSION_SECRET/,
    );
  });

  it('an empty variable counts as unset', () => {
    expect(loadConfig({ REDIS_URL: '', PORT: '' }, '/').REDIS_URL).toBeUndefined();
  });
});
