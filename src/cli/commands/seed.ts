import type { Command } from 'commander';
import { seedDeclarations, seedDemoUsers } from '../../modules/declarations/demo/seed.js';
import type { PlatformFlags } from '../context.js';
import { withApp } from '../context.js';
import { positiveInt, withPlatformOptions } from '../options.js';
import { progressBar } from '../progress.js';

/** `aduana seed --declarations N`: demo users plus N believable declarations, lodged and worked through the real service. */
export function registerSeedCommand(program: Command): void {
  withPlatformOptions(program.command('seed'))
    .description('seed demo users and declarations')
    .option('--declarations <n>', 'number of declarations', positiveInt, 300)
    .option('--seed <n>', 'random seed', positiveInt, 42)
    .option('--worked <share>', 'share of declarations arrived and controlled (0..1)', parseFloat, 0.6)
    .action(async (flags: PlatformFlags & { declarations: number; seed: number; worked: number }) => {
      await withApp(flags, async (app) => {
        await seedDemoUsers(app.auth);
        const bar = progressBar('lodging', flags.declarations);
        const started = Date.now();
        const result = await seedDeclarations(app.declarations.service, {
          count: flags.declarations,
          seed: flags.seed,
          workedShare: flags.worked,
          onProgress: (n) => bar.update(n),
        });
        bar.stop();
        await app.dispatcher.drain();
        const secs = (Date.now() - started) / 1000;
        process.stdout.write(
          `seeded ${result.lodged} declarations (${result.released} released) in ${secs.toFixed(1)} s\n`,
        );
      });
    });
}
