import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  Kysely,
  PostgresDialect,
  sql,
  type Compilable,
  type OperationNodeSource,
  type Transaction,
} from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';

/**
 * The query layer for both engines. Modules narrow it to their own tables with `tablesOf<T>()`; a module never
 * names another module's tables.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTransaction = Transaction<any>;

export type DatabaseEngine = 'pglite' | 'postgres';

export interface Database {
  db: AnyDb;
  engine: DatabaseEngine;
  /** Where the data lives: a directory for PGlite, the URL without password for PostgreSQL. */
  location: string;
  /** True when a trivial query answers within the timeout. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Narrows the shared query builder to one module's table types. */
export function tablesOf<T>(db: AnyDb): Kysely<T> {
  return db as Kysely<T>;
}

// PostgreSQL bigint (int8) and numeric come back as strings by default; counts and ids we keep below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` for an in-memory database. */
  dataDir?: string;
  /** For an in-memory PGlite: start from this data directory dump (`PGlite.dumpDataDir`) instead of an empty one. */
  loadDataDir?: Blob;
  poolSize?: number;
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable)';
  }
}

/** Opens PostgreSQL when `databaseUrl` is set, otherwise the embedded PGlite under `dataDir/pg`. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: 30_000,
      // No query waits forever on a connection that died without closing.
      query_timeout: 30_000,
    });
    // A dropped connection must not crash the process: the query in flight fails (503) and /ready reports it.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db: AnyDb = new Kysely({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      engine: 'postgres',
      location: redactUrl(options.databaseUrl),
      ping: (timeoutMs = 2000) => ping(db, timeoutMs),
      close: () => db.destroy(),
    };
  }
  const dir = options.dataDir ?? './data';
  let pglite: PGlite;
  if (dir === 'memory://') {
    pglite = new PGlite(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  } else {
    const pgDir = path.join(dir, 'pg');
    fs.mkdirSync(pgDir, { recursive: true });
    pglite = new PGlite(pgDir);
  }
  await pglite.waitReady;
  const db: AnyDb = new Kysely({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    location: dir,
    ping: (timeoutMs = 2000) => ping(db, timeoutMs),
    close: () => db.destroy(),
  };
}

async function ping(db: AnyDb, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const query = sql`select 1`.execute(db).then(() => true);
    return await Promise.race([query, timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** True for errors that mean "the database cannot be reached", as opposed to a bad query. */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: string }).code;
  if (
    code &&
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      'ENOTFOUND',
      '57P01',
      '57P03',
      '08006',
      '08001',
      '08003',
    ].includes(code)
  )
    return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|PGLite not initialized|PGlite is closed/i.test(
    err.message,
  );
}

/** Unique-violation check (SQLSTATE 23505), for idempotent inserts. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code !== '23505') return false;
  return constraint === undefined || e.constraint === constraint || (e.message ?? '').includes(constraint);
}

/** Foreign-key-violation check (SQLSTATE 23503): a row naming one that does not exist. */
export function isForeignKeyViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23503';
}

/**
 * Runs several data-modifying statements (inserts, updates) as ONE statement: each becomes a CTE of a final
 * `select 1`. PostgreSQL runs every data-modifying CTE to completion, atomically, in one round trip — no explicit
 * transaction needed.
 */
export async function executeTogether(
  db: AnyDb | AnyTransaction,
  statements: (Compilable & OperationNodeSource)[],
): Promise<void> {
  if (statements.length === 0) return;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let q: any = db;
  statements.forEach((s, i) => {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access
    q = q.with(`w${i}`, () => s);
  });

  await (q as AnyDb).selectNoFrom(sql<number>`1`.as('done')).execute();
}
