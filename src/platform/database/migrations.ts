import { Migrator, type Migration } from 'kysely/migration';
import type { AnyDb } from './database.js';

/** A module's versioned migrations, applied in name order and recorded in the module's own migration table. */
export interface ModuleMigrations {
  module: string;
  migrations: Record<string, Migration>;
}

/** Applies every module's pending migrations; throws with the module and migration name on failure. */
export async function migrateAll(
  db: AnyDb,
  modules: ModuleMigrations[],
): Promise<{ module: string; applied: string[] }[]> {
  const report: { module: string; applied: string[] }[] = [];
  for (const m of modules) {
    const migrator = new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve(m.migrations) },
      migrationTableName: `migrations_${m.module}`,
      migrationLockTableName: `migrations_${m.module}_lock`,
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
      throw new Error(
        `migration ${m.module}/${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
        {
          cause: error,
        },
      );
    }
    report.push({
      module: m.module,
      applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    });
  }
  return report;
}
