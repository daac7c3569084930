import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { AnyDb } from '../src/platform/database/database.js';
import { migrateAll } from '../src/platform/database/migrations.js';
import { TEMPLATE_ENV } from '../src/platform/database/test-database.js';

const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  );

/** A digest of every migration source, so a cached PGlite template is rebuilt whenever a migration changes. */
async function migrationsDigest(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await fs.readdir('src', { recursive: true }))
    .filter((f) => /(^|\/)migrations\/[^/]+\.ts$/.test(f) || f === path.join('platform', 'app.ts'))
    .sort();
  for (const f of files) hash.update(f).update(await fs.readFile(path.join('src', f)));
  return hash.digest('hex').slice(0, 16);
}

/** Every module's migrations applied to `db` (the platform is imported only when a template must be built). */
async function migrate(db: AnyDb): Promise<void> {
  const { ALL_MIGRATIONS } = await import('../src/platform/app.js');
  await migrateAll(db, ALL_MIGRATIONS);
}

/**
 * Once per test run: a database with every module's migrations applied, which each test file's fresh database then
 * copies (`openTestDatabase`). On PGlite a dump of the data directory (initdb in WebAssembly costs seconds per file),
 * cached under node_modules/.cache between runs and keyed by the migrations' digest; on PostgreSQL a template
 * database, dropped when the run ends.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const cache = path.resolve('node_modules', '.cache', 'aduana');
    const file = path.join(cache, `pglite-template-${await migrationsDigest()}.tar`);
    process.env[TEMPLATE_ENV] = file;
    if (await exists(file)) return () => Promise.resolve();
    const pglite = new PGlite();
    const db: AnyDb = new Kysely({ dialect: new PGliteDialect(pglite) });
    await migrate(db);
    const dump = await pglite.dumpDataDir('none');
    await db.destroy();
    await fs.mkdir(cache, { recursive: true });
    // Older templates go once no run can still be reading them.
    for (const old of await fs.readdir(cache)) {
      const at = path.join(cache, old);
      if (old.startsWith('pglite-template-') && (await fs.stat(at)).mtimeMs < Date.now() - 86_400_000)
        await fs.rm(at, { force: true });
    }
    // Written aside, then renamed: a run started in parallel never reads half a file.
    const partial = `${file}.${process.pid}.partial`;
    await fs.writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await fs.rename(partial, file);
    return () => Promise.resolve();
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
  await migrate(db);
  await db.destroy();
  process.env[TEMPLATE_ENV] = name;
  return async () => {
    delete process.env[TEMPLATE_ENV];
    await admin(`drop database if exists ${name} with (force)`);
  };
}
