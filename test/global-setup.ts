import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { ALL_MIGRATIONS } from '../src/platform/app.js';
import type { AnyDb } from '../src/platform/database/database.js';
import { migrateAll } from '../src/platform/database/migrations.js';
import { TEMPLATE_ENV } from '../src/platform/database/test-database.js';

/**
 * Once per test run: a database with every module's migrations applied, which each test file's fresh database then
 * copies (`openTestDatabase`). On PGlite a dump of the data directory (initdb in WebAssembly costs seconds per file);
 * on PostgreSQL a template database. Removed when the run ends.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const pglite = new PGlite();
    const db: AnyDb = new Kysely({ dialect: new PGliteDialect(pglite) });
    await migrateAll(db, ALL_MIGRATIONS);
    const dump = await pglite.dumpDataDir('none');
    await db.destroy();
    const file = path.join(
      os.tmpdir(),
      `aduana-test-template-${process.pid}-${randomBytes(4).toString('hex')}.tar`,
    );
    await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()));
    process.env[TEMPLATE_ENV] = file;
    return async () => {
      delete process.env[TEMPLATE_ENV];
      await fs.rm(file, { force: true });
    };
  }
  const name = `aduana_template_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db: AnyDb = new Kysely({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 1 }) }),
  });
  await migrateAll(db, ALL_MIGRATIONS);
  await db.destroy();
  process.env[TEMPLATE_ENV] = name;
  return async () => {
    delete process.env[TEMPLATE_ENV];
    await admin(`drop database if exists ${name} with (force)`);
  };
}
