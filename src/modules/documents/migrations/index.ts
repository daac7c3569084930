import type { ModuleMigrations } from '../../../platform/database/migrations.js';
import { m0001_documents } from './0001_documents.js';

export const documentMigrations: ModuleMigrations = {
  module: 'documents',
  migrations: { '0001_documents': m0001_documents },
};
