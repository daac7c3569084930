import type { Command } from 'commander';
import { sealAuditTrail, verifyAuditChain } from '../../platform/audit/audit.js';
import type { PlatformFlags } from '../context.js';
import { withApp } from '../context.js';
import { withPlatformOptions } from '../options.js';
import { progressBar } from '../progress.js';

/** `aduana verify-audit`: seals what is pending, then recomputes the whole hash chain. Exit code 3 on tampering. */
export function registerAuditCommands(program: Command): void {
  withPlatformOptions(program.command('verify-audit'))
    .description('verify the hash chain of the audit trail')
    .option('--json', 'print the result as JSON')
    .action(async (flags: PlatformFlags & { json?: boolean }) => {
      const result = await withApp(flags, async (app) => {
        while ((await sealAuditTrail(app.database.db)) > 0) {
          /* seal everything committed so far */
        }
        let bar: ReturnType<typeof progressBar> | undefined;
        const r = await verifyAuditChain(app.database.db, (done, total) => {
          bar ??= progressBar('verifying audit chain', total);
          bar.update(done);
        });
        bar?.stop();
        return r;
      });
      if (flags.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else if (result.ok) process.stdout.write(`audit chain OK: ${result.checked} entries verified\n`);
      else
        process.stdout.write(
          `audit chain BROKEN at entry seq ${result.failure?.seq} (row id ${result.failure?.id}): ${result.failure?.problem}; ${result.checked} entries verified before it\n`,
        );
      process.exitCode = result.ok ? 0 : 3;
    });
}
