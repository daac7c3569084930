import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { seedDeclarations, seedDemoUsers } from '../../src/modules/declarations/demo/seed.js';
import { createApp, type Aduana } from '../../src/platform/app.js';
import { loadConfig } from '../../src/platform/config.js';

export interface RunningPlatform {
  app: Aduana;
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The whole platform as `npm start` runs it — embedded PGlite on disk, the built console at `/` — on a fresh
 * temporary data directory and an ephemeral port, with the demo users and `declarations` seeded through the real
 * service.
 */
export async function startPlatform(
  options: {
    declarations?: number;
    dataDir?: string;
    keepData?: boolean;
    onProgress?: (n: number) => void;
  } = {},
): Promise<RunningPlatform> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'aduana-e2e-'));
  const config = loadConfig(
    { ...process.env, DATABASE_URL: '' },
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      logLevel: 'silent',
      loginRateLimitPerMinute: 1000,
      // Any free ports for the embedded MQTT broker: the machine may run one already.
      mqttPort: 0,
      mqttWsPort: 0,
    },
  );
  const app = await createApp(config, { logger: pino({ level: 'silent' }) });
  await seedDemoUsers(app.auth);
  if (options.declarations)
    await seedDeclarations(app.declarations.service, {
      count: options.declarations,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  const url = await app.listen();
  return {
    app,
    url,
    dataDir,
    async close() {
      await app.close();
      if (!options.keepData && !options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
