import type { ModuleMigrations } from '../../../platform/database/migrations.js';
import { m0001_declarations } from './0001_declarations.js';
import { m0002_warnings } from './0002_warnings.js';
import { m0003_lodged_content_hash } from './0003_lodged_content_hash.js';

export const declarationMigrations: ModuleMigrations = {
  module: 'declarations',
  migrations: {
    '0001_declarations': m0001_declarations,
    '0002_warnings': m0002_warnings,
    '0003_lodged_content_hash': m0003_lodged_content_hash,
  },
};
