/**
 * bench:lodge — lodges N declarations over HTTP with concurrency (validation, persistence, channel assignment, audit,
 * outbox) against a real server process, on PGlite and, when DATABASE_URL is set, PostgreSQL. Baseline in the same
 * run: the raw insert rate of the same rows straight into the same database.
 *
 *   npm run bench:lodge -- [--n 20000] [--concurrency 32]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { Agent, request } from 'undici';
import { generateDeclaration, seededRandom } from '../src/modules/declarations/demo/generator.js';
import type { DeclarationInput } from '../src/modules/declarations/index.js';
import { openDatabase, type Database } from '../src/platform/database/database.js';
import { loginOver, startServerProcess, waitForExit } from '../test/helpers/server-process.js';
import { cpuSeconds, peakRssMiB, percentiles, printTable } from './lib/report.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('n', 20_000);
const CONCURRENCY = arg('concurrency', 32);
const progress = (label: string, done: number) => {
  if (done % Math.max(1, Math.floor(N / 10)) === 0) process.stderr.write(`${label}: ${done}/${N}\n`);
};

interface Run {
  engine: string;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  peakRssMiB: number | null;
  /** Server process CPU (user + system) per declaration, ms: what one lodgement costs, whatever the load. */
  serverCpuMsPerDeclaration: number | null;
  /** The benchmark client's own CPU per declaration (it shares the machine). */
  clientCpuMsPerDeclaration: number;
  rawThroughput: number;
  ratio: number;
}

function bodies(): DeclarationInput[] {
  const random = seededRandom(2026);
  const run = randomBytes(3).toString('hex').toUpperCase();
  return Array.from({ length: N }, (_, i) =>
    generateDeclaration(random, {
      lrn: `BENCH-${run}-${i}`,
      declarant: { tin: 'JM-BRK-0001', name: 'Caribbean Customs Brokers Ltd', country: 'JM', aeo: true },
    }),
  );
}

async function lodgeAll(url: string, token: string, docs: DeclarationInput[], label: string) {
  const agent = new Agent({ connections: CONCURRENCY, pipelining: 1 });
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const payloads = docs.map((d) => JSON.stringify(d));
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < payloads.length; i = next++) {
        const t0 = performance.now();
        const res = await request(`${url}/api/v1/declarations`, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: payloads[i],
        });
        await res.body.dump();
        latencies.push(performance.now() - t0);
        if (res.statusCode !== 201) errors++;
        progress(label, latencies.length);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  return { throughput: docs.length / seconds, ...percentiles(latencies), errors };
}

/** The same rows (declaration table shape, JSON document included) inserted directly, one statement each. */
async function rawInserts(database: Database, docs: DeclarationInput[], label: string): Promise<number> {
  await sql`create table if not exists bench_raw_declarations (like declarations including defaults)`.execute(
    database.db,
  );
  await sql`truncate bench_raw_declarations`.execute(database.db);
  let next = 0;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < docs.length; i = next++) {
        const d = docs[i]!;
        const now = new Date();
        await database.db
          .insertInto('bench_raw_declarations')
          .values({
            id: randomUUID(),
            lrn: d.lrn,
            declarant_tin: d.parties.declarant.tin,
            importer_tin: d.parties.importer?.tin ?? null,
            type: d.type,
            office: d.office,
            status: 'channel_assigned',
            channel: 'green',
            content_hash: 'x'.repeat(64),
            document: JSON.stringify(d),
            hs_codes: d.goodsItems.map((g) => g.hsCode),
            container_numbers: d.transport.containers.map((c) => c.number),
            origin_countries: d.goodsItems.map((g) => g.originCountry),
            total_value: d.invoice.amount,
            currency: d.invoice.currency,
            item_count: d.goodsItems.length,
            lodged_at: now,
            updated_at: now,
          })
          .execute();
        progress(label, ++done);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await sql`drop table bench_raw_declarations`.execute(database.db);
  return docs.length / seconds;
}

async function benchEngine(engine: 'pglite' | 'postgres'): Promise<Run> {
  const docs = bodies();
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  if (engine === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aduana-bench-'));
    env = { ADUANA_DATA_DIR: dir, DATABASE_URL: '' };
    cleanup = () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true }));
  } else {
    const base = process.env.DATABASE_URL!;
    const name = `aduana_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    env = { DATABASE_URL: url.toString() };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  try {
    const server = await startServerProcess({ ...env, LOG_LEVEL: 'error', ADUANA_RATE_LIMIT_OFF: '1' });
    const token = await loginOver(server.url, 'trader', 'trader-demo-1');
    // Warm-up: JIT, connection pool, reference data.
    await lodgeAll(
      server.url,
      token,
      bodies()
        .slice(0, 200)
        .map((d, i) => ({ ...d, lrn: `WARM-${randomBytes(3).toString('hex')}-${i}` })),
      `${engine} warm-up`,
    );
    const serverCpuBefore = cpuSeconds(server.child.pid!);
    const clientCpuBefore = process.cpuUsage();
    const result = await lodgeAll(server.url, token, docs, `${engine} lodge`);
    const serverCpuAfter = cpuSeconds(server.child.pid!);
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const serverCpuMsPerDeclaration =
      serverCpuBefore === null || serverCpuAfter === null
        ? null
        : ((serverCpuAfter - serverCpuBefore) * 1000) / docs.length;
    const clientCpuMsPerDeclaration = (clientCpu.user + clientCpu.system) / 1000 / docs.length;
    const rss = peakRssMiB(server.child.pid!);
    server.child.kill('SIGTERM');
    await waitForExit(server.child);
    const database = await openDatabase(
      engine === 'pglite'
        ? { dataDir: env.ADUANA_DATA_DIR! }
        : { databaseUrl: env.DATABASE_URL!, poolSize: CONCURRENCY },
    );
    const rawThroughput = await rawInserts(database, docs, `${engine} raw insert`);
    await database.close();
    return {
      engine,
      ...result,
      peakRssMiB: rss,
      serverCpuMsPerDeclaration,
      clientCpuMsPerDeclaration,
      rawThroughput,
      ratio: result.throughput / rawThroughput,
    };
  } finally {
    await cleanup();
  }
}

const only = (() => {
  const i = process.argv.indexOf('--engine');
  return i > 0 ? process.argv[i + 1] : undefined;
})();
const runs: Run[] = [];
if (only !== 'postgres') runs.push(await benchEngine('pglite'));
if (only !== 'pglite') {
  if (process.env.DATABASE_URL) runs.push(await benchEngine('postgres'));
  else process.stderr.write('DATABASE_URL not set: PostgreSQL run skipped\n');
}

process.stdout.write(
  `\nbench:lodge — ${N} declarations over HTTP, concurrency ${CONCURRENCY}, ${os.cpus().length} cores, Node ${process.version}\n\n`,
);
printTable(
  [
    'engine',
    'decl/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'errors',
    'server peak RSS MiB',
    'server CPU ms/decl',
    'client CPU ms/decl',
    'baseline raw insert rows/s',
    'pipeline / raw',
  ],
  runs.map((r) => [
    r.engine,
    r.throughput,
    r.p50,
    r.p95,
    r.p99,
    r.errors,
    r.peakRssMiB ?? 'n/a',
    r.serverCpuMsPerDeclaration ?? 'n/a',
    r.clientCpuMsPerDeclaration,
    r.rawThroughput,
    `${(r.ratio * 100).toFixed(1)} %`,
  ]),
);
process.stdout.write(
  '\nTargets (PostgreSQL): ≥ 1,000 decl/s, p99 < 100 ms, pipeline ≥ 40 % of raw insert rate.\n',
);
process.stdout.write(`${JSON.stringify({ bench: 'lodge', n: N, concurrency: CONCURRENCY, runs })}\n`);
