import type { Command } from 'commander';
import type { Principal } from '../../platform/auth/roles.js';
import { DomainError } from '../../platform/errors.js';
import type { Aduana } from '../../platform/app.js';
import { decodeXml, xmlFilesUnder } from '../../modules/interchange/index.js';
import fs from 'node:fs';
import type { PlatformFlags } from '../context.js';
import { withApp } from '../context.js';
import { withPlatformOptions } from '../options.js';
import { progressBar } from '../progress.js';

/** What `aduana import` did. */
export interface ImportSummary {
  files: number;
  accepted: number;
  rejected: number;
  rejectedByCode: Record<string, number>;
}

/**
 * Lodges WCO DEC-DMS:2 files (a file or every `.xml` under a directory) through a running platform's interchange
 * service, in process, as the trader of each message's declarant (or as `as`, when given). Amendments and
 * cancellations act on the declarations they reference.
 */
export async function importWcoFiles(
  app: Pick<Aduana, 'interchange'>,
  target: string,
  options: { as?: string; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportSummary> {
  const files = xmlFilesUnder(target);
  const summary: ImportSummary = { files: files.length, accepted: 0, rejected: 0, rejectedByCode: {} };
  let done = 0;
  for (const file of files) {
    let xml: string;
    try {
      xml = decodeXml(fs.readFileSync(file));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      summary.rejected++;
      summary.rejectedByCode[err.code] = (summary.rejectedByCode[err.code] ?? 0) + 1;
      options.onProgress?.(++done, files.length);
      continue;
    }
    const tin =
      options.as ??
      /<(?:\w+:)?Declarant>\s*(?:<!--[\s\S]*?-->\s*)*<(?:\w+:)?ID>([^<]+)</.exec(xml)?.[1] ??
      'UNKNOWN';
    const principal: Principal = {
      kind: 'user',
      id: `import-${tin}`,
      name: `aduana import (${tin})`,
      roles: ['trader'],
      partyTin: tin.trim(),
      office: null,
      locale: 'en',
    };
    try {
      await app.interchange.service.lodgeXml(principal, xml);
      summary.accepted++;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      summary.rejected++;
      for (const code of new Set(err.details.errors?.map((e) => e.code) ?? [err.code]))
        summary.rejectedByCode[code] = (summary.rejectedByCode[code] ?? 0) + 1;
    }
    options.onProgress?.(++done, files.length);
  }
  return summary;
}

/** `aduana import <file|dir> [--as TIN]`: lodges WCO DEC-DMS:2 XML with a progress bar and a summary. */
export function registerImportCommand(program: Command): void {
  withPlatformOptions(program.command('import <path>'))
    .description('lodge WCO DEC-DMS:2 XML declarations (a file or a directory)')
    .option('--as <tin>', "lodge as this party (default: each message's declarant EORI)")
    .action(async (target: string, flags: PlatformFlags & { as?: string }) => {
      await withApp(flags, async (app) => {
        const total = xmlFilesUnder(target).length;
        const bar = progressBar('importing', total);
        const summary = await importWcoFiles(app, target, {
          ...(flags.as ? { as: flags.as } : {}),
          onProgress: (n) => bar.update(n),
        });
        bar.stop();
        await app.dispatcher.drain();
        const lines = [
          `files     ${summary.files}`,
          `accepted  ${summary.accepted}`,
          `rejected  ${summary.rejected}`,
          ...Object.entries(summary.rejectedByCode)
            .sort((a, b) => b[1] - a[1])
            .map(([code, n]) => `  ${code.padEnd(28)} ${n}`),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
        if (summary.rejected > 0) process.exitCode = 1;
      });
    });
}
