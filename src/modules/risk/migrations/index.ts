import type { ModuleMigrations } from '../../../platform/database/migrations.js';
import { m0001_risk } from './0001_risk.js';

export const riskMigrations: ModuleMigrations = {
  module: 'risk',
  migrations: { '0001_risk': m0001_risk },
};
