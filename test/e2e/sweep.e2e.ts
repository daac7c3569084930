import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { AduanaClient } from '../../src/modules/iot/simulator/aduana-client.js';
import {
  playFleet,
  prepareFleet,
  type SimulatedContainer,
} from '../../src/modules/iot/simulator/fleet-simulator.js';
import { eventually } from '../../src/modules/iot/testing/iot-test-kit.js';
import apiEn from '../../src/platform/i18n/messages.en.json' with { type: 'json' };
import apiEs from '../../src/platform/i18n/messages.es.json' with { type: 'json' };
import en from '../../web/src/i18n/locales/en.json' with { type: 'json' };
import es from '../../web/src/i18n/locales/es.json' with { type: 'json' };
import {
  ensureConsoleBuilt,
  launchChromium,
  newUser,
  PASSWORDS,
  screenshot,
  signIn,
  type Catalogue,
} from './browser.js';
import { startPlatform, type RunningPlatform } from './platform.js';

/**
 * A sweep of the whole console, in a real browser: every role signs in, in English and in Spanish, and opens every
 * page its navigation offers, a declaration, a smart container and (for customs) the declaration's risk panel. On
 * each page: no uncaught error, no console error, no 5xx from the API, no raw translation key or `{{param}}` left on
 * screen, the page's heading in the chosen language, and each list's filter narrows (or keeps) the list. A trader
 * never sees customs navigation. Screenshots go to test-results/sweep-<role>-<lang>-<page>.png.
 */
let platform: RunningPlatform;
let browser: Browser;
let watched: SimulatedContainer;
let watchedLrn = '';
const playback = new AbortController();
let playing: Promise<unknown> = Promise.resolve();

const COMPRESSED_IOT = { ADUANA_IOT_TICK_MS: '200', ADUANA_IOT_BATCH_WAIT_MS: '5' };

beforeAll(async () => {
  ensureConsoleBuilt();
  Object.assign(process.env, COMPRESSED_IOT);
  platform = await startPlatform({ declarations: 60 });
  const trader = new AduanaClient(platform.url, { username: 'trader', password: PASSWORDS.trader! });
  // The demo trader's pharmaceutical container sails into a temperature excursion: the fleet, the alarm board and
  // the container's page all have something to show, for the trader and for customs.
  const fleet = await prepareFleet({
    api: trader,
    topics: platform.app.iot.topics,
    containers: 1,
    rate: 10,
    scenario: 'excursion',
    seed: 7,
  });
  watched = fleet.containers[0]!;
  playing = playFleet(fleet, {
    topics: platform.app.iot.topics,
    signal: playback.signal,
    leadBeforeIncidentMs: 3 * 3_600_000,
  });
  watchedLrn = (await trader.request<{ lrn: string }>('GET', `/api/v1/declarations/${watched.declarationId}`))
    .lrn;
  await eventually(async () => {
    const { items } = await trader.request<{ items: unknown[] }>(
      'GET',
      `/api/v1/iot/alarms?container=${watched.containerNumber}`,
    );
    return items.length > 0;
  }, 60_000);
  browser = await launchChromium();
});
afterAll(async () => {
  for (const key of Object.keys(COMPRESSED_IOT)) delete process.env[key];
  playback.abort();
  await playing.catch(() => undefined);
  await browser?.close();
  await platform?.close();
});

const CATALOGUES = { en, es: es as Catalogue } as const;
type Lang = keyof typeof CATALOGUES;
const LANGS: Lang[] = ['en', 'es'];

/** A list's filter: the text box (by its label) and the rows it narrows; the first row gives the text to type. */
interface ListFilter {
  label: (ui: Catalogue) => string;
  rows: string;
  probe: string;
}

interface SweptPage {
  name: string;
  /** Reached through this navigation entry, else opened by address. */
  nav?: (ui: Catalogue) => string;
  path: () => string;
  heading: (ui: Catalogue) => string;
  list?: ListFilter;
  /** Panels (regions by title) the page must show this role. */
  panels?: (ui: Catalogue) => string[];
  /** Panels it must not show this role. */
  hiddenPanels?: (ui: Catalogue) => string[];
}

const ROWS = 'main table.data-table tbody tr:not(:has(td.empty))';
const fill = (text: string, values: Record<string, string>) =>
  Object.entries(values).reduce((s, [k, v]) => s.replace(`{{${k}}}`, v), text);

const FLEET: ListFilter = { label: (ui) => ui.iot.fleet.container, rows: ROWS, probe: `${ROWS} td a.mono` };
const ALARMS: ListFilter = { label: (ui) => ui.iot.alarms.container, rows: ROWS, probe: `${ROWS} td .mono` };
const DECLARATIONS: ListFilter = { label: (ui) => ui.queue.lrn, rows: ROWS, probe: `${ROWS} a.row-link` };

const declarationPage = (customs: boolean): SweptPage => ({
  name: 'declaration',
  path: () => `/declarations/${watched.declarationId}`,
  heading: (ui) => fill(ui.declaration.title, { lrn: watchedLrn }),
  panels: (ui) => [ui.iot.panel.title, ...(customs ? [ui.risk.why.title, ui.declaration.audit] : [])],
  hiddenPanels: (ui) => (customs ? [] : [ui.risk.why.title, ui.declaration.audit]),
});
const containerPage: SweptPage = {
  name: 'container',
  path: () => `/iot/containers/${watched.containerNumber}`,
  heading: (ui) => fill(ui.iot.container.title, { container: watched.containerNumber }),
};

const TRADER_PAGES: SweptPage[] = [
  {
    name: 'my-declarations',
    nav: (ui) => ui.nav.myDeclarations,
    path: () => '/my/declarations',
    heading: (ui) => ui.queue.mine,
    list: DECLARATIONS,
  },
  { name: 'lodge', nav: (ui) => ui.nav.lodge, path: () => '/lodge', heading: (ui) => ui.lodge.title },
  {
    name: 'notifications',
    nav: (ui) => ui.nav.notifications,
    path: () => '/notifications',
    heading: (ui) => ui.notifications.title,
    list: { label: (ui) => ui.notifications.lrn, rows: 'ol.feed > li', probe: 'ol.feed > li a' },
  },
  {
    name: 'fleet',
    nav: (ui) => ui.nav.myFleet,
    path: () => '/iot/fleet',
    heading: (ui) => ui.iot.fleet.title,
    list: FLEET,
  },
  {
    name: 'alarms',
    nav: (ui) => ui.nav.alarms,
    path: () => '/iot/alarms',
    heading: (ui) => ui.iot.alarms.title,
    list: ALARMS,
  },
  declarationPage(false),
  containerPage,
];

const CUSTOMS_PAGES: SweptPage[] = [
  {
    name: 'dashboard',
    nav: (ui) => ui.nav.dashboard,
    path: () => '/dashboard',
    heading: (ui) => ui.dashboard.title,
  },
  {
    name: 'queue',
    nav: (ui) => ui.nav.queue,
    path: () => '/queue',
    heading: (ui) => ui.queue.title,
    list: DECLARATIONS,
  },
  {
    name: 'fleet',
    nav: (ui) => ui.nav.fleet,
    path: () => '/iot/fleet',
    heading: (ui) => ui.iot.fleet.title,
    list: FLEET,
  },
  {
    name: 'alarms',
    nav: (ui) => ui.nav.alarms,
    path: () => '/iot/alarms',
    heading: (ui) => ui.iot.alarms.title,
    list: ALARMS,
  },
  declarationPage(true),
  containerPage,
];

/** The risk pages: profiles and lists, the model registry, office rates and hit rates (analysts, supervisors, admins). */
const RISK_PAGES: SweptPage[] = (['profiles', 'lists', 'models', 'rates', 'hitRates'] as const).map(
  (page) => ({
    name: `risk-${page}`,
    nav: (ui) => ui.risk[page].nav,
    path: () => `/risk/${page === 'hitRates' ? 'hit-rates' : page}`,
    heading: (ui) => ui.risk[page].title,
  }),
);
const RISK_NAV = (ui: Catalogue) => RISK_PAGES.map((p) => p.nav!(ui));

const TRADER_NAV = (ui: Catalogue) => [
  ui.nav.myDeclarations,
  ui.nav.lodge,
  ui.nav.notifications,
  ui.nav.myFleet,
  ui.nav.alarms,
];
const CUSTOMS_NAV = (ui: Catalogue) => [ui.nav.dashboard, ui.nav.queue, ui.nav.fleet, ui.nav.alarms];
const RISK_ROLE_NAV = (ui: Catalogue) => [...CUSTOMS_NAV(ui), ...RISK_NAV(ui)];

const ROLES = [
  { role: 'trader', user: 'trader', home: '/my/declarations', pages: TRADER_PAGES, nav: TRADER_NAV },
  { role: 'officer', user: 'officer', home: '/queue', pages: CUSTOMS_PAGES, nav: CUSTOMS_NAV },
  {
    role: 'analyst',
    user: 'analyst',
    home: '/queue',
    pages: [...CUSTOMS_PAGES, ...RISK_PAGES],
    nav: RISK_ROLE_NAV,
  },
  {
    role: 'supervisor',
    user: 'supervisor',
    home: '/dashboard',
    pages: [...CUSTOMS_PAGES, ...RISK_PAGES],
    nav: RISK_ROLE_NAV,
  },
  {
    role: 'admin',
    user: 'admin',
    home: '/queue',
    pages: [...CUSTOMS_PAGES, ...RISK_PAGES],
    nav: RISK_ROLE_NAV,
  },
] as const;

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`),
  );
const CONSOLE_KEYS = new Set(leaves(en).map(([k]) => k.replace(/_(zero|one|two|few|many|other)$/, '')));

/**
 * Text that looks like a translation key of the console (`namespace.key…`, `api:namespace.key…`) or an
 * interpolation left unfilled. The namespaces are the catalogues' top-level keys; `namespace.word` alone counts only
 * when it is a real key, so a file name such as `declaration.xml` on screen is not taken for one.
 */
const NAMESPACES = [...new Set([...Object.keys(en), ...Object.keys(apiEn)])].join('|');
const KEY_LIKE = new RegExp(
  `(?<![\\w@/.:-])(?:api:)?(?:${NAMESPACES})\\.[A-Za-z][\\w-]*(?:\\.[\\w-]+)*|\\{\\{`,
  'g',
);
function rawKeys(text: string): string[] {
  return [...text.matchAll(KEY_LIKE)]
    .map((m) => m[0])
    .filter((k) => k === '{{' || k.startsWith('api:') || k.split('.').length > 2 || CONSOLE_KEYS.has(k));
}

/** A line that is a platform code shown as it came (`channel_escalated`) rather than in words. */
const RAW_CODE = /^[a-z]+(?:_[a-z]+)+$/;

/** A catalogue text as a pattern over a whole line of screen text (parameters match anything). */
const PLACEHOLDER = /\{\{\s*\w+\s*\}\}/g;
const template = (text: string) =>
  new RegExp(
    `^${text
      .split(PLACEHOLDER)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+')}$`,
    's',
  );
/** The texts only the other language has (at least a word long), as whole-line patterns. */
function otherLanguageOnly(own: Tree[], other: Tree[]): RegExp[] {
  const mine = own.flatMap((t) => leaves(t).map(([, v]) => template(v)));
  const ownTexts = new Set(own.flatMap((t) => leaves(t).map(([, v]) => v)));
  return [...new Set(other.flatMap((t) => leaves(t).map(([, v]) => v)))]
    .filter((v) => !ownTexts.has(v) && v.replace(PLACEHOLDER, '').replace(/\W/g, '').length >= 4)
    .map(template)
    .filter((pattern) => !mine.some((m) => m.source === pattern.source));
}
const FOREIGN: Record<Lang, RegExp[]> = {
  en: otherLanguageOnly([en, apiEn], [es, apiEs]),
  es: otherLanguageOnly([es, apiEs], [en, apiEn]),
};

/** The page's lines of text (each text node, trimmed): what a translation shows as one piece. */
const textNodes = (page: Page) =>
  page.evaluate<string[]>(`(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const out = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim();
      if (text) out.push(text);
    }
    return out;
  })()`);

/** Everything a user can read or hear on the page: its text and the accessible names given by attribute. */
const readableText = (page: Page) =>
  page.evaluate<string>(`(() => {
    const named = [...document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')];
    const attributes = named.flatMap((el) =>
      ['aria-label', 'title', 'placeholder', 'alt'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [document.body.innerText, document.title, ...attributes].join('\\n');
  })()`);

/** What went wrong in the browser since the page was last checked. */
interface Trouble {
  pageErrors: string[];
  consoleErrors: string[];
  serverErrors: string[];
}

function watch(page: Page): Trouble {
  const trouble: Trouble = { pageErrors: [], consoleErrors: [], serverErrors: [] };
  page.on('pageerror', (err) => trouble.pageErrors.push(err.message));
  page.on('console', (m) => {
    if (m.type() === 'error') trouble.consoleErrors.push(`${m.text()} @ ${m.location().url}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 500) trouble.serverErrors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return trouble;
}

const clear = (t: Trouble) => {
  t.pageErrors.length = 0;
  t.consoleErrors.length = 0;
  t.serverErrors.length = 0;
};

const mainNav = (page: Page, ui: Catalogue) => page.getByRole('navigation', { name: ui.shell.navigation });

/** The page has drawn its data: its heading is up and nothing in it is still loading. */
async function settled(expect: ExpectStatic, page: Page, heading: string): Promise<void> {
  await expect.poll(() => page.locator('main h1').first().textContent(), { timeout: 15_000 }).toBe(heading);
  await expect
    .poll(() => page.locator('main .loading, main [aria-busy="true"]').count(), { timeout: 15_000 })
    .toBe(0);
  // Late answers (a query, a lazy panel) have their chance to fail.
  await page.waitForTimeout(300);
}

/** Types the first row's own text into the list's filter: the list keeps that row and only rows that match. */
async function checkFilter(expect: ExpectStatic, page: Page, ui: Catalogue, list: ListFilter): Promise<void> {
  const rows = page.locator(list.rows);
  await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
  const before = await rows.count();
  const probe = ((await page.locator(list.probe).first().textContent()) ?? '').trim();
  expect(probe).not.toBe('');
  const box: Locator = page.getByRole('search').getByLabel(list.label(ui), { exact: true });
  await box.fill(probe);
  const texts = () => rows.allTextContents();
  await expect
    .poll(async () => (await texts()).every((row) => row.toUpperCase().includes(probe.toUpperCase())), {
      timeout: 10_000,
    })
    .toBe(true);
  const after = await rows.count();
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThanOrEqual(before);
}

/** Every table filter on a page (declaration, container): typing narrows or keeps the rows, and says how many. */
async function checkTableFilters(expect: ExpectStatic, page: Page, ui: Catalogue): Promise<void> {
  const filters = page.locator('main .table-filter[role="search"]:has(input[aria-controls])');
  for (const filter of await filters.all()) {
    const input = filter.locator('input[aria-controls]');
    const table = page.locator(`[id="${await input.getAttribute('aria-controls')}"]`);
    const rows = table.locator('tbody tr:not(:has(td.empty))');
    const before = await rows.count();
    if (before === 0) continue;
    const firstCell = ((await rows.first().locator('td').first().textContent()) ?? '').trim();
    const word = firstCell.split(/\s+/)[0] ?? '';
    await input.fill(word);
    await expect
      .poll(async () => (await filter.locator('.table-filter-count').textContent())?.trim(), {
        timeout: 5_000,
      })
      .toBe(
        fill(ui.tableFilter.shown, {
          shown: String(await rows.count()),
          total: String(before),
        }),
      );
    expect(await rows.count()).toBeLessThanOrEqual(before);
    await input.fill('');
    await expect.poll(() => rows.count(), { timeout: 5_000 }).toBe(before);
  }
}

describe('the sweep', () => {
  it('recognises a translation key or an unfilled parameter left on screen, and nothing else', () => {
    const found = rawKeys;
    expect(found('Alarms: iot.alarms.title')).toEqual(['iot.alarms.title']);
    expect(found('api:problem.NOT_FOUND')).toEqual(['api:problem.NOT_FOUND']);
    expect(found('Declaration {{lrn}}')).toEqual(['{{']);
    expect(found('trader@app.example, declaration.xml, 12.5 kg, https://status.example/app.js')).toEqual([]);
  });

  it('recognises a platform code left on screen as a line of its own', () => {
    expect(RAW_CODE.test('channel_escalated')).toBe(true);
    expect(RAW_CODE.test(en.auditAction.channel_escalated)).toBe(false);
    expect(RAW_CODE.test('MSKU0117040')).toBe(false);
  });

  it('recognises a text of the other language on screen', () => {
    const foreign = (lang: Lang, line: string) => FOREIGN[lang].some((p) => p.test(line));
    expect(foreign('es', en.iot.alarms.title)).toBe(true);
    expect(foreign('es', fill(en.queue.total_other, { formatted: '1,000,000' }))).toBe(true);
    expect(foreign('es', es.iot.alarms.title)).toBe(false);
    expect(foreign('en', es.queue.title)).toBe(true);
    expect(foreign('en', en.queue.lrn)).toBe(false);
  });
});

const SWEEPS = ROLES.flatMap((r) => LANGS.map((lang) => ({ ...r, lang })));

// Each role and language in its own browser profile, a few at a time (`maxConcurrency` in the e2e config): the
// sweep stays within a few minutes, and a loaded 2-core machine still renders each page within the polls' timeouts.
describe.concurrent('the console', () => {
  it.for(SWEEPS)(
    'offers every page of the $role in $lang without a fault',
    async ({ role, user, home, pages, nav, lang }, { expect }) => {
      const ui = CATALOGUES[lang];
      const other = CATALOGUES[lang === 'en' ? 'es' : 'en'];
      const { context, page } = await newUser(browser, platform.url, lang);
      const trouble = watch(page);
      try {
        await signIn(page, ui, user);
        await page.waitForURL(`**${home}`);
        const links = mainNav(page, ui).getByRole('link');
        await expect.poll(() => links.allTextContents(), { timeout: 15_000 }).toEqual(nav(ui));
        const offered = await links.allTextContents();
        if (role === 'trader')
          for (const customsOnly of [ui.nav.queue, ui.nav.dashboard, ui.nav.fleet])
            expect(offered).not.toContain(customsOnly);

        const faults: string[] = [];
        for (const swept of pages) {
          clear(trouble);
          const heading = swept.heading(ui);
          const label = swept.nav?.(ui);
          if (label) await mainNav(page, ui).getByRole('link', { name: label, exact: true }).click();
          else await page.goto(swept.path());
          await page.waitForURL(`**${swept.path()}`);
          await settled(expect, page, heading);
          // The heading is in the chosen language, not the other one.
          expect(heading, `${swept.name} heading is translated`).not.toBe(swept.heading(other));

          for (const title of swept.panels?.(ui) ?? [])
            await expect
              .poll(() => page.getByRole('region', { name: title, exact: true }).count(), { timeout: 10_000 })
              .toBe(1);
          for (const title of swept.hiddenPanels?.(ui) ?? [])
            expect(await page.getByRole('region', { name: title, exact: true }).count()).toBe(0);

          const raw = rawKeys(await readableText(page));
          if (raw.length) faults.push(`${swept.name}: raw text ${[...new Set(raw)].join(', ')}`);
          const lines = await textNodes(page);
          const codes = lines.filter((line) => RAW_CODE.test(line));
          if (codes.length) faults.push(`${swept.name}: raw code ${[...new Set(codes)].join(', ')}`);
          const foreign = lines.filter((line) => FOREIGN[lang].some((p) => p.test(line)));
          if (foreign.length)
            faults.push(`${swept.name}: not in ${lang}: ${[...new Set(foreign)].join(' | ')}`);

          await screenshot(page, `sweep-${role}-${lang}-${swept.name}`);
          if (swept.list) await checkFilter(expect, page, ui, swept.list);
          await checkTableFilters(expect, page, ui);

          for (const e of trouble.pageErrors) faults.push(`${swept.name}: page error ${e}`);
          for (const e of trouble.consoleErrors) faults.push(`${swept.name}: console error ${e}`);
          for (const e of trouble.serverErrors) faults.push(`${swept.name}: server error ${e}`);
        }
        expect(faults).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
