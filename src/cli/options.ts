import { InvalidArgumentError, Option, type Command } from 'commander';

/** Options every command that touches the platform accepts; each overrides its environment variable. */
export function withPlatformOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--data-dir <dir>', 'embedded data directory').env('ADUANA_DATA_DIR'))
    .addOption(
      new Option('--database-url <url>', 'PostgreSQL URL (instead of embedded PGlite)').env('DATABASE_URL'),
    )
    .addOption(new Option('--log-level <level>', 'log level').env('LOG_LEVEL'));
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}
