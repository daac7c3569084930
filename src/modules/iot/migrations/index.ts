import type { ModuleMigrations } from '../../../platform/database/migrations.js';
import { m0001_iot } from './0001_iot.js';
import { m0002_monitor_state_json } from './0002_monitor_state_json.js';
import { m0003_incremental_rollup } from './0003_incremental_rollup.js';

export const iotMigrations: ModuleMigrations = {
  module: 'iot',
  migrations: {
    '0001_iot': m0001_iot,
    '0002_monitor_state_json': m0002_monitor_state_json,
    '0003_incremental_rollup': m0003_incremental_rollup,
  },
};
