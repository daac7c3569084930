/**
 * Builds the console (`npm run build:web`) when `web/dist` is missing or older than any of its sources: the web
 * sources, the Vite config, and the platform files the console bundles (the declaration schema and the message
 * catalogues). Run before `npm start`, so a fresh clone serves an up-to-date console.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const stamp = path.join(repo, 'web/dist/index.html');
const SOURCES = [
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.ts',
  'src/modules/declarations/declaration.schema.ts',
  'src/platform/i18n/messages.en.json',
  'src/platform/i18n/messages.es.json',
  'package-lock.json',
];

function newestMtime(p: string): number {
  const full = path.join(repo, p);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(full, { withFileTypes: true })
    .reduce((max, e) => Math.max(max, newestMtime(path.join(p, e.name))), stat.mtimeMs);
}

const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
const newest = Math.max(...SOURCES.map(newestMtime));
if (built >= newest) {
  console.log('Web console is up to date (web/dist).');
} else {
  console.log(built ? 'Web console sources changed: rebuilding…' : 'Web console not built yet: building…');
  execFileSync(
    process.execPath,
    [
      path.join(repo, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: repo,
      stdio: 'inherit',
    },
  );
  console.log('Web console built (web/dist).');
}
