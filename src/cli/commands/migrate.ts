import type { Command } from 'commander';
import { ALL_MIGRATIONS } from '../../platform/app.js';
import { openDatabase } from '../../platform/database/database.js';
import { migrateAll } from '../../platform/database/migrations.js';
import { configFrom, type PlatformFlags } from '../context.js';
import { withPlatformOptions } from '../options.js';

/** `aduana migrate`: applies every module's pending migrations and lists what was applied. */
export function registerMigrateCommand(program: Command): void {
  withPlatformOptions(program.command('migrate'))
    .description('apply database migrations')
    .action(async (flags: PlatformFlags) => {
      const config = configFrom(flags);
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const report = await migrateAll(db.db, ALL_MIGRATIONS);
        for (const m of report)
          process.stdout.write(`${m.module}: ${m.applied.length ? m.applied.join(', ') : 'up to date'}\n`);
      } finally {
        await db.close();
      }
    });
}
