import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has embedded defaults: port 8080, ./data, PGlite, info logs', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.logLevel).toBe('info');
  });

  it('reads the environment and lets flags override it', () => {
    const c = loadConfig(
      { PORT: '9000', DATABASE_URL: 'postgres://u@h/db', LOG_LEVEL: 'debug' },
      { port: 9100 },
    );
    expect(c.port).toBe(9100);
    expect(c.databaseUrl).toBe('postgres://u@h/db');
    expect(c.logLevel).toBe('debug');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ MQTT_URL: 'http://broker' }, 'MQTT_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ADUANA_CHANNEL_RATES: 'green=50,yellow=10,red=10,blue=10' }, 'ADUANA_CHANNEL_RATES'],
  ])('fails fast naming the key for %o', (env, key) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(key);
  });

  it('parses channel rates', () => {
    expect(loadConfig({ ADUANA_CHANNEL_RATES: 'green=60,yellow=20,red=15,blue=5' }).channelRates).toEqual({
      green: 60,
      yellow: 20,
      red: 15,
      blue: 5,
    });
  });
});
