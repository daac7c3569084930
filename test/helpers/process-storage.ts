import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../src/platform/database/database.js';

/** Where a server child process keeps its data, and how a test opens the same database afterwards. */
export interface ProcessStorage {
  env: Record<string, string>;
  open: () => ReturnType<typeof openDatabase>;
  cleanup: () => Promise<void>;
}

/**
 * Fresh storage for a server process started by a test: an embedded data directory, or — when DATABASE_URL is set —
 * a new database on that PostgreSQL server, dropped by `cleanup`.
 */
export async function createProcessStorage(prefix: string): Promise<ProcessStorage> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `aduana-${prefix}-`));
    return {
      env: { ADUANA_DATA_DIR: dir },
      open: () => openDatabase({ dataDir: dir }),
      cleanup: () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })),
    };
  }
  const name = `aduana_${prefix.replaceAll('-', '_')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ databaseUrl: url.toString() }),
    cleanup: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
