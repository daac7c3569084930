import type { ModuleMigrations } from '../../../platform/database/migrations.js';
import { m0001_ledger } from './0001_ledger.js';

export const ledgerMigrations: ModuleMigrations = {
  module: 'ledger',
  migrations: { '0001_ledger': m0001_ledger },
};
