/**
 * Console benchmark: the officer's queue over 100,000 declarations, measured in Debian's Chromium with the
 * Performance API, against the raw API call for the same query in the same run.
 *
 *   npm run bench:console [-- --declarations 100000 --fresh]
 *
 * Data: `data/bench-console/` (reused across runs when it already holds enough declarations; `--fresh` rebuilds).
 * The first 2,000 declarations are lodged, arrived and controlled through the real DeclarationService (validation,
 * channel, audit, notifications); the rest are copies of those rows with new ids, LRNs and lodgement times spread
 * over 60 days, so the queue's indexes and counts work over the full volume. Progress goes to stderr.
 *
 * Figures: time to first meaningful render of the queue (first rows painted, from navigation start, cold cache),
 * time to apply a filter (click → rows of the new result painted), time to open a declaration (click → header and
 * notifications painted), next page and a deep page; JS and CSS gzip sizes of the initial load. Prints a table,
 * then one line of JSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { ensureConsoleBuilt, launchChromium } from '../test/e2e/browser.js';
import { startPlatform, type RunningPlatform } from '../test/e2e/platform.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const TARGET = Number(arg('declarations', '100000'));
const SERVICE_SEEDED = Math.min(TARGET, Number(arg('service-seeded', '2000')));
const RUNS = Number(arg('runs', '5'));
const REPO = fileURLToPath(new URL('../', import.meta.url));
const DATA_DIR = path.join(REPO, 'data', 'bench-console');
const progress = (msg: string) => process.stderr.write(`${msg}\n`);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (n: number) => Math.round(n * 10) / 10;

async function countDeclarations(p: RunningPlatform): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from declarations`.execute(p.app.database.db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Copies the service-made rows until the table holds `target` declarations, in batches, with progress. */
async function replicate(p: RunningPlatform, target: number): Promise<void> {
  const db = p.app.database.db;
  const cols = await sql<{ column_name: string }>`
    select column_name from information_schema.columns where table_name = 'declarations' order by ordinal_position`.execute(
    db,
  );
  const names = cols.rows.map((c) => c.column_name);
  const shifted = new Set([
    'lodged_at',
    'accepted_at',
    'channel_at',
    'arrived_at',
    'control_at',
    'released_at',
    'updated_at',
  ]);
  let have = await countDeclarations(p);
  let round = 1;
  while (have < target) {
    const batch = Math.min(SERVICE_SEEDED, target - have);
    const select = names.map((c) => {
      if (c === 'id') return sql`gen_random_uuid()`;
      if (c === 'lrn') return sql`lrn || ${`-C${round}`}`;
      // Spread copies over 60 days, each round further back, so date filters and "newest first" see real spread.
      if (shifted.has(c))
        return sql`${sql.ref(c)} - make_interval(secs => ((${round} * 7919 + row_number() over ()) % 5184000))`;
      return sql.ref(c);
    });
    await sql`insert into declarations (${sql.join(names.map((c) => sql.ref(c)))})
      select ${sql.join(select)} from (select * from declarations where lrn like 'DEMO-%' and lrn not like '%-C%' order by lodged_at limit ${batch}) src`.execute(
      db,
    );
    have += batch;
    round++;
    progress(`  copies: ${have.toLocaleString('en')} / ${target.toLocaleString('en')}`);
  }
  await sql`analyze declarations`.execute(db);
}

async function preparePlatform(): Promise<RunningPlatform> {
  const fresh = args.includes('--fresh');
  if (fresh) fs.rmSync(DATA_DIR, { recursive: true, force: true });
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const reuse = fs.existsSync(path.join(DATA_DIR, 'pg'));
  progress(
    reuse
      ? `Reusing ${DATA_DIR}`
      : `Seeding ${DATA_DIR} (${SERVICE_SEEDED.toLocaleString('en')} through the service)…`,
  );
  const started = Date.now();
  const p = await startPlatform({
    dataDir: DATA_DIR,
    declarations: reuse ? 0 : SERVICE_SEEDED,
    onProgress: (n) => {
      if (n % 250 === 0) progress(`  lodged through the service: ${n} / ${SERVICE_SEEDED}`);
    },
  });
  const have = await countDeclarations(p);
  if (have < TARGET) await replicate(p, TARGET);
  progress(
    `Data ready: ${(await countDeclarations(p)).toLocaleString('en')} declarations (${round((Date.now() - started) / 1000)} s)`,
  );
  return p;
}

async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** The raw API round trip for a path, median of `RUNS` after one warm-up. */
async function apiMs(url: string, token: string, pathAndQuery: string): Promise<number> {
  const once = async () => {
    const t0 = performance.now();
    const res = await fetch(`${url}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    return performance.now() - t0;
  };
  await once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await once());
  return median(times);
}

/** Waits in the page until the queue shows rows and is not fetching; returns performance.now(). */
const ROWS_PAINTED = `new Promise((resolve) => {
  const done = () => {
    const table = document.querySelector('table.data-table');
    const rows = document.querySelectorAll('table.data-table tbody a.row-link');
    return table && table.getAttribute('aria-busy') !== 'true' && rows.length > 0;
  };
  const tick = () => (done() ? requestAnimationFrame(() => resolve(performance.now())) : requestAnimationFrame(tick));
  tick();
})`;

async function queueFirstRender(
  browser: Awaited<ReturnType<typeof launchChromium>>,
  url: string,
  token: string,
) {
  const context = await browser.newContext({ baseURL: url, viewport: { width: 1280, height: 900 } });
  await context.addInitScript({
    content: `sessionStorage.setItem('aduana.session', ${JSON.stringify(token)}); localStorage.setItem('aduana.language', 'en');`,
  });
  const page = await context.newPage();
  await page.goto('/queue');
  const painted = await page.evaluate<number>(ROWS_PAINTED);
  const resources = await page.evaluate<string[]>(
    `performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js')).map((r) => r.name)`,
  );
  return { page, context, painted, scripts: resources.length };
}

/**
 * Clicks (in the page, timed there) and waits for the queue to repaint with rows matching `check`. Also returns how
 * long the queue's API request took inside that span (Resource Timing), so the console's own share shows.
 */
async function timeQueueChange(
  page: Page,
  action: string,
  check: string,
): Promise<{ total: number; request: number }> {
  return page.evaluate<{ total: number; request: number }>(`(async () => {
    const t0 = performance.now();
    ${action};
    await new Promise((resolve) => {
      const tick = () => {
        const table = document.querySelector('table.data-table');
        const rows = [...document.querySelectorAll('table.data-table tbody tr')];
        const ok = table && table.getAttribute('aria-busy') !== 'true' && rows.length > 0 && rows.every((tr) => ${check});
        ok ? requestAnimationFrame(resolve) : requestAnimationFrame(tick);
      };
      tick();
    });
    const total = performance.now() - t0;
    const api = performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime >= t0 && e.name.includes('/api/v1/declarations?'))
      .map((e) => e.responseEnd - e.startTime);
    return { total, request: api.length ? Math.max(...api) : 0 };
  })()`);
}

function bundleSizes() {
  const dist = path.join(REPO, 'web/dist');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const gz = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(dist, file))).length;
  const initialJs = initial.filter((f) => f.endsWith('.js')).reduce((s, f) => s + gz(f), 0);
  const initialCss = initial.filter((f) => f.endsWith('.css')).reduce((s, f) => s + gz(f), 0);
  const allJs = fs
    .readdirSync(path.join(dist, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .reduce((s, f) => s + gz(`/assets/${f}`), 0);
  return {
    initialJsKb: round(initialJs / 1024),
    initialCssKb: round(initialCss / 1024),
    allJsKb: round(allJs / 1024),
    initialFiles: initial.length,
  };
}

async function main() {
  ensureConsoleBuilt();
  const platform = await preparePlatform();
  const browser = await launchChromium();
  try {
    const { url } = platform;
    const token = await login(url, 'officer', 'officer-demo-1');
    const total = await countDeclarations(platform);

    const apiQueue = await apiMs(url, token, '/api/v1/declarations?sort=-lodgedAt&limit=50&offset=0');
    const apiFilter = await apiMs(
      url,
      token,
      '/api/v1/declarations?channel=red&sort=-lodgedAt&limit=50&offset=0',
    );
    const apiDeep = await apiMs(url, token, '/api/v1/declarations?sort=-lodgedAt&limit=50&offset=50000');
    const sample = (await (
      await fetch(`${url}/api/v1/declarations?limit=1`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { items: { id: string }[] };
    const firstId = sample.items[0]?.id ?? '';
    const apiDetail = await apiMs(url, token, `/api/v1/declarations/${firstId}`);

    const firstRender: number[] = [];
    const filter: number[] = [];
    const open: number[] = [];
    const nextPage: number[] = [];
    const filterRequest: number[] = [];
    let scripts = 0;
    for (let i = 0; i < RUNS; i++) {
      progress(`Browser run ${i + 1} / ${RUNS}`);
      const { page, context, painted, scripts: s } = await queueFirstRender(browser, url, token);
      firstRender.push(painted);
      scripts = s;
      const channel = i % 2 === 0 ? 'red' : 'yellow';
      const label = channel === 'red' ? 'Red' : 'Yellow';
      const filtered = await timeQueueChange(
        page,
        `[...document.querySelectorAll('label.chip')].find((l) => l.textContent.includes('${label}')).querySelector('input').click()`,
        `tr.querySelector('.badge.channel-${channel}')`,
      );
      filter.push(filtered.total);
      filterRequest.push(filtered.request);
      const firstLrn = (await page.locator('a.row-link').first().textContent()) ?? '';
      nextPage.push(
        (
          await timeQueueChange(
            page,
            `[...document.querySelectorAll('nav.pagination button')].at(-1).click()`,
            `document.querySelector('a.row-link').textContent !== ${JSON.stringify(firstLrn)}`,
          )
        ).total,
      );
      open.push(
        await page.evaluate<number>(`(async () => {
          const link = document.querySelector('a.row-link');
          const lrn = link.textContent;
          const t0 = performance.now();
          link.click();
          await new Promise((resolve) => {
            const tick = () => {
              const h1 = document.querySelector('h1');
              const ok = h1 && h1.textContent.includes(lrn) && document.querySelector('.notification');
              ok ? requestAnimationFrame(resolve) : requestAnimationFrame(tick);
            };
            tick();
          });
          return performance.now() - t0;
        })()`),
      );
      await context.close();
    }
    const bundle = bundleSizes();
    const figures = {
      declarations: total,
      queueFirstRenderMs: round(median(firstRender)),
      filterMs: round(median(filter)),
      filterRequestInBrowserMs: round(median(filterRequest)),
      nextPageMs: round(median(nextPage)),
      openDeclarationMs: round(median(open)),
      apiQueueMs: round(apiQueue),
      apiFilterMs: round(apiFilter),
      apiDeepPageMs: round(apiDeep),
      apiDetailMs: round(apiDetail),
      ...bundle,
      scriptsOnQueueLoad: scripts,
      targets: { queueInteractiveMs: 1500, filterMs: 300, initialJsKb: 300 },
    };
    const ok = (v: number, t: number) => (v < t ? 'yes' : 'NO');
    const rows: [string, string, string, string][] = [
      [
        'queue first meaningful render (cold)',
        `${figures.queueFirstRenderMs} ms`,
        `API ${figures.apiQueueMs} ms`,
        `< 1500 ms: ${ok(figures.queueFirstRenderMs, 1500)}`,
      ],
      [
        'apply a channel filter',
        `${figures.filterMs} ms`,
        `API ${figures.apiFilterMs} ms`,
        `< 300 ms: ${ok(figures.filterMs, 300)}`,
      ],
      ['  of which its API request (browser)', `${figures.filterRequestInBrowserMs} ms`, '', ''],
      ['next page', `${figures.nextPageMs} ms`, `API deep page ${figures.apiDeepPageMs} ms`, ''],
      ['open a declaration', `${figures.openDeclarationMs} ms`, `API ${figures.apiDetailMs} ms`, ''],
      [
        'initial JS (gzip)',
        `${figures.initialJsKb} kB`,
        `all JS ${figures.allJsKb} kB`,
        `< 300 kB: ${ok(figures.initialJsKb, 300)}`,
      ],
      ['initial CSS (gzip)', `${figures.initialCssKb} kB`, '', ''],
    ];
    const w = [38, 14, 26, 20];
    console.log(
      `Console over ${total.toLocaleString('en')} declarations (median of ${RUNS} runs, Chromium headless)`,
    );
    console.log(['measure', 'console', 'baseline', 'target'].map((h, i) => h.padEnd(w[i]!)).join(' | '));
    console.log(w.map((n) => '-'.repeat(n)).join('-|-'));
    for (const r of rows) console.log(r.map((c, i) => c.padEnd(w[i]!)).join(' | '));
    console.log(JSON.stringify(figures));
  } finally {
    await browser.close();
    await platform.close();
  }
}

await main();
