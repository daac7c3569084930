import type { ModuleMigrations } from '../../../platform/database/migrations.js';
import { m0001_documents } from './0001_documents.js';
import { m0002_pending_batches } from './0002_pending_batches.js';

export const documentMigrations: ModuleMigrations = {
  module: 'documents',
  migrations: { '0001_documents': m0001_documents, '0002_pending_batches': m0002_pending_batches },
};
