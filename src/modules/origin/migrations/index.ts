import type { ModuleMigrations } from '../../../platform/database/migrations.js';
import { m0001_origin } from './0001_origin.js';

export const originMigrations: ModuleMigrations = {
  module: 'origin',
  migrations: { '0001_origin': m0001_origin },
};
