/**
 * `npm run bench:xml`: throughput of decode + parse + XSD-validate + map over the WCO corpus (test/fixtures/wco),
 * against the baseline of bare XML parsing (UTF-8 decode and saxes, no tree) of the same files in the same run. Table, then one line of JSON.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import {
  decodeXml,
  findDeclaration,
  mapDeclaration,
  parseXml,
  validateAgainstSchema,
  warmUpSchemas,
  xmlFilesUnder,
} from '../src/modules/interchange/index.js';

const dir = process.argv[2] ?? fileURLToPath(new URL('../test/fixtures/wco', import.meta.url));
const rounds = Number(process.env.ROUNDS ?? 5);
const docs = xmlFilesUnder(dir)
  .map((f) => fs.readFileSync(f))
  .filter((x) => {
    try {
      return findDeclaration(parseXml(decodeXml(x))).declaration !== undefined;
    } catch {
      return false;
    }
  });
const bytes = docs.reduce((s, x) => s + x.length, 0);
process.stderr.write(`${docs.length} declarations, ${(bytes / 1e6).toFixed(2)} MB, ${rounds} rounds\n`);
warmUpSchemas();

function measure(name: string, run: (xml: Buffer) => void) {
  for (const x of docs.slice(0, 10)) run(x);
  const times: number[] = [];
  const started = performance.now();
  for (let r = 0; r < rounds; r++)
    for (const x of docs) {
      const t0 = performance.now();
      run(x);
      times.push(performance.now() - t0);
    }
  const secs = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  return {
    name,
    docsPerSec: (docs.length * rounds) / secs,
    mbPerSec: (bytes * rounds) / 1e6 / secs,
    p50ms: q(0.5),
    p99ms: q(0.99),
  };
}

const baseline = measure('bare parse (saxes, baseline)', (x) => {
  new SaxesParser({ xmlns: true }).write(x.toString('utf8')).close();
});
const safeParse = measure('safe decode + parse to tree', (x) => void parseXml(decodeXml(x)));
const full = measure('safe decode + parse + XSD + map', (x) => {
  const text = decodeXml(x);
  const tree = parseXml(text);
  validateAgainstSchema(text, tree);
  const { declaration, envelope } = findDeclaration(tree);
  if (declaration) mapDeclaration(declaration, envelope);
});
const rows = [baseline, safeParse, full];
const fmt = (n: number, d = 1) => n.toFixed(d).padStart(10);
process.stdout.write(
  `${'stage'.padEnd(34)}${'docs/s'.padStart(10)}${'MB/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}\n`,
);
for (const r of rows)
  process.stdout.write(
    `${r.name.padEnd(34)}${fmt(r.docsPerSec, 0)}${fmt(r.mbPerSec, 2)}${fmt(r.p50ms, 2)}${fmt(r.p99ms, 2)}\n`,
  );
process.stdout.write(
  `${JSON.stringify({ bench: 'xml', docs: docs.length, bytes, rounds, heapMB: Math.round(process.memoryUsage().heapUsed / 1e6), results: rows })}\n`,
);
