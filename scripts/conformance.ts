/**
 * `npm run conformance -- <dir> [--json]`: lodges every WCO DEC-DMS:2 message under a directory through the real
 * declarations service on a fresh in-memory database and prints how many parsed, validated against the DMS schema,
 * were accepted or rejected (by code), and were mapped without loss (dropped elements counted and listed).
 */
import pino from 'pino';
import { runConformance } from '../src/modules/interchange/index.js';
import { createApp } from '../src/platform/app.js';
import { loadConfig } from '../src/platform/config.js';
import { openTestDatabase } from '../src/platform/database/test-database.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) {
  process.stderr.write('usage: npm run conformance -- <dir> [--json]\n');
  process.exit(2);
}

const database = await openTestDatabase();
const app = await createApp(loadConfig({}, { port: 0, logLevel: 'silent' }), {
  database,
  logger: pino({ level: 'silent' }),
});
try {
  const { report, outcomes } = await runConformance(dir, app.declarations.service, (done, total) => {
    if (!json && process.stderr.isTTY) process.stderr.write(`\rlodging ${done}/${total}`);
  });
  if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    if (process.stderr.isTTY) process.stderr.write('\n');
    const pct = (n: number, of: number) => (of === 0 ? '—' : `${((100 * n) / of).toFixed(1)} %`);
    const validAccepted = outcomes.filter((o) => o.schemaValid && o.accepted).length;
    const lines = [
      `files               ${report.files}`,
      `declarations        ${report.declarations}`,
      `schemaValid         ${report.schemaValid}`,
      `accepted            ${report.accepted}  (${pct(validAccepted, report.schemaValid)} of schema-valid)`,
      `rejected            ${report.rejected}`,
      `mappedWithoutLoss   ${report.mappedWithoutLoss}`,
      `droppedElements     ${report.droppedElements.count}`,
      ...report.droppedElements.elements.map((d) => `  ${d.file}: ${d.path} (${d.reason})`),
      'rejectionsByCode',
      ...Object.entries(report.rejectionsByCode)
        .sort((a, b) => b[1] - a[1])
        .map(([code, n]) => `  ${code.padEnd(28)} ${n}`),
      'rejected declarations',
      ...outcomes
        .filter((o) => !o.accepted)
        .map(
          (o) => `  ${o.file} [${o.kind}${o.schemaValid ? '' : ', schema-invalid'}]: ${o.codes.join(', ')}`,
        ),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
} finally {
  await app.close();
}
