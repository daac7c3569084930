import type { ModuleMigrations } from '../../../platform/database/migrations.js';
import { m0001_provenance } from './0001_provenance.js';

export const provenanceMigrations: ModuleMigrations = {
  module: 'provenance',
  migrations: { '0001_provenance': m0001_provenance },
};
