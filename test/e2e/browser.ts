import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type en from '../../web/src/i18n/locales/en.json';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const RESULTS_DIR = path.join(REPO, 'test-results');

/** Debian's Chromium (`apt-get install chromium`); never a downloaded browser build. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-dev-shm-usage',
];

/** Builds the console when its sources are newer than web/dist (as `npm start` does). */
export function ensureConsoleBuilt(): void {
  execFileSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'web/scripts/ensure-build.ts')], {
    cwd: REPO,
    stdio: 'inherit',
  });
}

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

/** A fresh browser profile (own storage) sized like a laptop, with the console's language preset. */
export async function newUser(
  browser: Browser,
  baseURL: string,
  lang?: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
  });
  if (lang)
    await context.addInitScript({
      content: `localStorage.setItem('aduana.language', ${JSON.stringify(lang)});`,
    });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS_DIR, `${name}.png`), fullPage: true });
}

/** The demo users' passwords (seeded by `seedDemoUsers`). */
export const PASSWORDS: Record<string, string> = {
  trader: 'trader-demo-1',
  'trader.gt': 'trader-demo-2',
  officer: 'officer-demo-1',
  analyst: 'analyst-demo-1',
  supervisor: 'supervisor-demo-1',
  admin: 'admin-demo-1',
};

/** The console's texts in one language (the English catalogue's shape). */
export type Catalogue = typeof en;

/** Signs in through the console's login page and waits to leave it. */
export async function signIn(page: Page, ui: Catalogue, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel(ui.login.username).fill(username);
  await page.getByLabel(ui.login.password).fill(PASSWORDS[username]!);
  await page.getByRole('button', { name: ui.login.submit }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
