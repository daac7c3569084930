import type { Command } from 'commander';
import type { LedgerVerifyReport } from '../../modules/ledger/index.js';
import type { PlatformFlags } from '../context.js';
import { withApp } from '../context.js';
import { withPlatformOptions } from '../options.js';

function printReport(report: LedgerVerifyReport & { runId: number }): void {
  const out = process.stdout;
  if (report.ok) {
    out.write(
      `ledger OK (${report.engine}): ${report.logEntries ?? '-'} log entries against ${report.checkpoints ?? '-'} signed checkpoints, ` +
        `${report.batches} batches, ${report.items} anchored records (${report.rederived} re-derived from their modules, ${report.digestOnly} by digest only)\n`,
    );
    return;
  }
  out.write(`ledger DIVERGES (${report.engine}): ${report.divergences.length} problem(s)\n`);
  for (const d of report.divergences) out.write(`  ${d.code} ${d.kind} ${d.itemId}: ${d.detail}\n`);
}

/**
 * `aduana ledger …`: `verify` re-derives every anchored root from the database (exit code 3 on any
 * divergence, each one named); `checkpoint` seals pending records, signs a checkpoint and gathers witness
 * cosignatures; `keys` prints this administration's public keys for partners.
 */
export function registerLedgerCommands(program: Command): void {
  const ledger = program.command('ledger').description('tamper-evident ledger: verify, checkpoint, keys');

  withPlatformOptions(ledger.command('verify'))
    .description(
      're-derive every anchored root (events, documents, worksheets, log entries) and report divergences',
    )
    .option('--json', 'print the report as JSON')
    .action(async (flags: PlatformFlags & { json?: boolean }) => {
      const report = await withApp(flags, async (app) => {
        await app.dispatcher.drain();
        await app.ledger.publishCheckpoint();
        return app.ledger.verify();
      });
      if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
      else printReport(report);
      process.exitCode = report.ok ? 0 : 3;
    });

  withPlatformOptions(ledger.command('checkpoint'))
    .description('seal pending records, sign a checkpoint and ask the witnesses to cosign it')
    .option('--json', 'print the result as JSON')
    .action(async (flags: PlatformFlags & { json?: boolean }) => {
      const result = await withApp(flags, async (app) => {
        await app.dispatcher.drain();
        return app.ledger.publishCheckpoint();
      });
      if (flags.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else {
        const cp = result.checkpoint;
        process.stdout.write(
          `checkpoint size ${cp.size} root ${cp.rootHash} (${result.batches} new batch(es)); cosigned by ${cp.cosignatures.map((c) => c.witness).join(', ') || 'no witness'}; final: ${cp.final ?? 'n/a'}\n`,
        );
        for (const w of result.witnesses)
          if (w.errorCode) process.stdout.write(`  witness ${w.witness} (${w.url}): ${w.errorCode}\n`);
      }
    });

  withPlatformOptions(ledger.command('keys'))
    .description(
      "print this administration's public ledger keys (log and witness) for partner administrations",
    )
    .action(async (flags: PlatformFlags) => {
      const info = await withApp(flags, (app) => Promise.resolve(app.ledger.info()));
      process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
    });
}
