import type { ModuleMigrations } from '../../../platform/database/migrations.js';
import { m0001_iot } from './0001_iot.js';

export const iotMigrations: ModuleMigrations = {
  module: 'iot',
  migrations: { '0001_iot': m0001_iot },
};
