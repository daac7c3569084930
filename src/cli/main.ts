import { Command } from 'commander';
import { registerAuditCommands } from './commands/audit.js';
import { registerDocumentCommands } from './commands/documents.js';
import { registerImportCommand } from './commands/import.js';
import { registerIotCommands } from './commands/iot.js';
import { registerLedgerCommands } from './commands/ledger.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerRiskCommands } from './commands/risk.js';
import { registerSeedCommand } from './commands/seed.js';
import { registerServeCommand } from './commands/serve.js';
import { registerUserCommands } from './commands/users.js';

const program = new Command()
  .name('aduana')
  .description('Aduana — smart customs platform (declarations, risk, IoT, origin)')
  .showHelpAfterError();

registerServeCommand(program);
registerMigrateCommand(program);
registerUserCommands(program);
registerSeedCommand(program);
registerAuditCommands(program);
registerImportCommand(program);
registerRiskCommands(program);
registerLedgerCommands(program);
registerIotCommands(program);
registerDocumentCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`aduana: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
