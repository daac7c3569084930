import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import pg from 'pg';
import { openDatabase, type Database } from './database.js';

/**
 * Where a test run's migrated template database is (set by the test run's global setup, `test/global-setup.ts`): a
 * PGlite data directory dump (a file) on the embedded engine, a database name on PostgreSQL.
 */
export const TEMPLATE_ENV = 'ADUANA_TEST_DB_TEMPLATE';

/**
 * A fresh database for one test file: in-memory PGlite by default, or — when `DATABASE_URL` is set (CI runs the suite
 * a second time against the machine's PostgreSQL) — a new database created on that server and dropped afterwards.
 * When the test run prepared a template (every migration applied once), the database starts as a copy of it, which
 * spares each file PGlite's initdb and the migrations; the copy is byte for byte what migrating afresh gives.
 */
export async function openTestDatabase(): Promise<Database & { url?: string }> {
  const base = process.env.DATABASE_URL;
  const template = process.env[TEMPLATE_ENV];
  if (!base) {
    if (!template) return openDatabase({ dataDir: 'memory://' });
    return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([await fs.readFile(template)]) });
  }
  const name = `aduana_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
