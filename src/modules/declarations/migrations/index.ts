import type { ModuleMigrations } from '../../../platform/database/migrations.js';
import { m0001_declarations } from './0001_declarations.js';

export const declarationMigrations: ModuleMigrations = {
  module: 'declarations',
  migrations: { '0001_declarations': m0001_declarations },
};
