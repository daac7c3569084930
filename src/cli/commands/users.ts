import type { Command } from 'commander';
import { ROLES, type Role } from '../../platform/auth/roles.js';
import type { PlatformFlags } from '../context.js';
import { withApp } from '../context.js';
import { withPlatformOptions } from '../options.js';

/** `aduana users add|list`. The password comes from `--password` or the ADUANA_NEW_PASSWORD variable. */
export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('manage users');
  withPlatformOptions(users.command('add <username>'))
    .description('add a user')
    .requiredOption('--role <roles>', `comma-separated roles: ${ROLES.join(', ')}`)
    .option('--password <password>', 'initial password (or ADUANA_NEW_PASSWORD)')
    .option('--party <tin>', 'party TIN/EORI (required for traders)')
    .option('--party-name <name>', 'registers the party with this name if it is new')
    .option('--country <cc>', 'party country (ISO 3166 alpha-2)', 'JM')
    .option('--name <displayName>', 'display name')
    .option('--office <code>', 'customs office of an officer')
    .option('--locale <locale>', 'en, es, fr or pt', 'en')
    .action(
      async (
        username: string,
        flags: PlatformFlags & {
          role: string;
          password?: string;
          party?: string;
          partyName?: string;
          country: string;
          name?: string;
          office?: string;
          locale: string;
        },
      ) => {
        const password = flags.password ?? process.env.ADUANA_NEW_PASSWORD;
        if (!password) throw new Error('give --password or set ADUANA_NEW_PASSWORD');
        const roles = flags.role.split(',').map((r) => r.trim()) as Role[];
        await withApp(flags, async (app) => {
          if (flags.party && flags.partyName)
            await app.auth.repository.upsertParty({
              tin: flags.party,
              name: flags.partyName,
              country: flags.country,
              aeo: false,
            });
          if (flags.party && !(await app.auth.repository.findParty(flags.party)))
            throw new Error(`party ${flags.party} is not registered: add --party-name`);
          const p = await app.auth.addUser({
            username,
            password,
            roles,
            partyTin: flags.party ?? null,
            displayName: flags.name ?? username,
            office: flags.office ?? null,
            locale: flags.locale,
          });
          process.stdout.write(
            `added ${p.name} (${p.roles.join(', ')}${p.partyTin ? `, party ${p.partyTin}` : ''})\n`,
          );
        });
      },
    );
  withPlatformOptions(users.command('list'))
    .description('list users')
    .action(async (flags: PlatformFlags) => {
      await withApp(flags, async (app) => {
        for (const u of await app.auth.repository.listUsers())
          process.stdout.write(
            `${u.username.padEnd(16)} ${u.roles.join(',').padEnd(20)} ${u.party_tin ?? ''}\n`,
          );
      });
    });
}
