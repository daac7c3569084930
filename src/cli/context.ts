import { createApp, type Aduana } from '../platform/app.js';
import { ConfigError, loadConfig, type Config } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';

export interface PlatformFlags {
  dataDir?: string;
  databaseUrl?: string;
  logLevel?: string;
  port?: number;
  host?: string;
  mqttUrl?: string;
}

/** Configuration from the environment with command-line flags on top; a bad value stops the command naming its key. */
export function configFrom(flags: PlatformFlags): Config {
  const overrides: Partial<Config> = {};
  if (flags.dataDir) overrides.dataDir = flags.dataDir;
  if (flags.databaseUrl) overrides.databaseUrl = flags.databaseUrl;
  if (flags.logLevel) overrides.logLevel = flags.logLevel as Config['logLevel'];
  if (flags.port !== undefined) overrides.port = flags.port;
  if (flags.host) overrides.host = flags.host;
  if (flags.mqttUrl) overrides.mqttUrl = flags.mqttUrl;
  try {
    return loadConfig(process.env, overrides);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

/** Runs a job against the platform (migrated), then closes it. Logs are quiet unless asked. */
export async function withApp<T>(flags: PlatformFlags, job: (app: Aduana) => Promise<T>): Promise<T> {
  const config = configFrom({ logLevel: 'warn', ...flags });
  const app = await createApp(config, { logger: createLogger(config.logLevel) });
  try {
    return await job(app);
  } finally {
    await app.close();
  }
}
