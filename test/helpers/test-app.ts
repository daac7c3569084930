import pino from 'pino';
import { createApp, type Aduana } from '../../src/platform/app.js';
import { loadConfig, type Config } from '../../src/platform/config.js';
import { openTestDatabase } from '../../src/platform/database/test-database.js';
import type { Database } from '../../src/platform/database/database.js';
import { seedDemoUsers } from '../../src/modules/declarations/demo/seed.js';
import type { DeclarationSubmission } from '../../src/modules/declarations/index.js';
import { generateDeclaration, seededRandom } from '../../src/modules/declarations/demo/generator.js';

export interface TestApp {
  app: Aduana;
  /** Logs in and returns an `authorization` header. */
  login(username: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

const PASSWORDS: Record<string, string> = {
  trader: 'trader-demo-1',
  'trader.gt': 'trader-demo-2',
  officer: 'officer-demo-1',
  analyst: 'analyst-demo-1',
  supervisor: 'supervisor-demo-1',
  admin: 'admin-demo-1',
};

/** The whole platform on a fresh database (PGlite, or PostgreSQL when DATABASE_URL is set), demo users seeded. */
export async function startTestApp(overrides: Partial<Config> = {}, given?: Database): Promise<TestApp> {
  const database = given ?? (await openTestDatabase());
  const config = loadConfig(
    {},
    {
      port: 0,
      mqttPort: 0,
      mqttWsPort: 0,
      logLevel: 'silent',
      outboxPollMs: 50,
      loginRateLimitPerMinute: 1000,
      ...overrides,
    },
  );
  const app = await createApp(config, { database, logger: pino({ level: 'silent' }) });
  await seedDemoUsers(app.auth);
  const tokens = new Map<string, string>();
  return {
    app,
    async login(username) {
      let token = tokens.get(username);
      if (!token) {
        const res = await app.http.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username, password: PASSWORDS[username] },
        });
        if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.body}`);
        token = res.json<{ token: string }>().token;
        tokens.set(username, token);
      }
      return { authorization: `Bearer ${token}` };
    },
    close: () => app.close(),
  };
}

let counter = 0;
/** A valid declaration lodged by the demo broker JM-BRK-0001 (user `trader`), with a unique LRN. */
export function sampleDeclaration(seed = ++counter, declarantTin = 'JM-BRK-0001'): DeclarationSubmission {
  const d = generateDeclaration(seededRandom(seed), {
    lrn: `T-${process.pid}-${seed}-${Date.now().toString(36)}`,
    declarant: { tin: declarantTin, name: 'Test Broker', country: 'JM', aeo: false },
    office: 'JMKIN01',
  });
  return d;
}
