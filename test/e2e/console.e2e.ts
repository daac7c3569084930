import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerNumber } from '../../src/modules/declarations/demo/generator.js';
import en from '../../web/src/i18n/locales/en.json' with { type: 'json' };
import es from '../../web/src/i18n/locales/es.json' with { type: 'json' };
import apiEn from '../../src/platform/i18n/messages.en.json' with { type: 'json' };
import apiEs from '../../src/platform/i18n/messages.es.json' with { type: 'json' };
import {
  ensureConsoleBuilt,
  launchChromium,
  newUser,
  screenshot,
  signIn,
  type Catalogue,
} from './browser.js';
import { startPlatform, type RunningPlatform } from './platform.js';

/**
 * A day's work across the console, in a real browser: a trader lodges a declaration, an officer finds it in the
 * queue, asks for documents, the trader answers, the officer records the arrival and a control result and releases
 * the goods, and the trader sees the release notification. The flow works whatever channel the random strategy
 * gives (a document request puts the declaration under control, so nothing is released on arrival behind the
 * officer's back). Run in Spanish and in English; screenshots of each page go to test-results/.
 */
let platform: RunningPlatform;
let browser: Browser;

beforeAll(async () => {
  ensureConsoleBuilt();
  platform = await startPlatform({ declarations: 120 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

const LANGS = [
  { lang: 'es', ui: es as Catalogue, api: apiEs, trader: 'trader.gt', office: 'GTSTC01', tin: 'GT-IMP-2001' },
  { lang: 'en', ui: en, api: apiEn, trader: 'trader', office: 'JMKIN01', tin: 'JM-IMP-1001' },
] as const;

/** A link of the main navigation (the breadcrumb may carry the same name). */
const navLink = (page: Page, ui: Catalogue, name: string) =>
  page.getByRole('navigation', { name: ui.shell.navigation }).getByRole('link', { name });

/** The titles of the notifications on the page (WCO function codes, in the console's language). */
const notificationTitles = (page: Page) => page.locator('.notification .title').allTextContents();

/** The confirmation an action leaves in the action bar. */
const actionDone = (page: Page) => page.locator('.action-bar [role="status"]').textContent();

describe.each(LANGS)('the console in $lang', ({ lang, ui, api, trader, office, tin }) => {
  const lrn = `E2E-${lang.toUpperCase()}-${Date.now().toString(36).toUpperCase()}`;
  let declarationPath = '';

  it('lets the trader switch language on the sign-in page and remembers it', async () => {
    const { context, page } = await newUser(browser, platform.url);
    await page.goto('/login');
    await page.getByLabel(en.language.label).selectOption(lang);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: ui.login.submit }).count()).toBe(1);
    await screenshot(page, `${lang}-01-sign-in`);
    await context.close();
  });

  it('validates as the trader types and lodges a declaration', async () => {
    const { context, page } = await newUser(browser, platform.url, lang);
    await signIn(page, ui, trader);
    await navLink(page, ui, ui.nav.lodge).click();
    await page.getByLabel(ui.field.lrn).fill(lrn);
    await page.getByLabel(ui.field.office).selectOption(office);
    const importer = page.getByRole('group', { name: ui.party.importer });
    await importer.getByLabel(ui.party.tin).fill(tin);
    await importer.getByLabel(ui.party.name).fill('Distribuidora E2E');
    await importer.getByLabel(ui.party.country).selectOption(tin.slice(0, 2));
    await page
      .getByLabel(ui.field.transport_containers_number.replace('{{n}}', '1'))
      .fill(containerNumber('MSCU', 424242));
    const n = (label: string) => label.replace('{{n}}', '1');
    await page.getByLabel(n(ui.field.goodsItems_hsCode)).fill('080810');
    await page.getByLabel(n(ui.field.goodsItems_description)).fill('Fresh apples');
    await page.getByLabel(n(ui.field.goodsItems_originCountry)).selectOption('US');
    await page.getByLabel(n(ui.field.goodsItems_netMassKg)).fill('12000');
    // Gross below net: the API's rule, answered by its dry run while typing, in the console's language.
    await page.getByLabel(n(ui.field.goodsItems_grossMassKg)).fill('11000');
    await page.getByLabel(n(ui.field.goodsItems_customsValue)).fill('16800');
    await page.getByLabel(ui.field.invoice_amount).fill('16800');
    await page.getByLabel(n(ui.field.goodsItems_grossMassKg)).blur();
    const grossRule = api.error.GROSS_LESS_THAN_NET.replace('{{value}}', '11000').replace('{{net}}', '12000');
    const errorsAtGross = () => page.locator('.field-invalid .field-errors').allTextContents();
    await expect.poll(errorsAtGross, { timeout: 10_000 }).toContain(grossRule);
    await page.getByLabel(n(ui.field.goodsItems_grossMassKg)).fill('12600');
    await expect.poll(errorsAtGross, { timeout: 10_000 }).toEqual([]);
    await expect
      .poll(() => page.locator('.check-state').textContent(), { timeout: 10_000 })
      .toBe(ui.lodge.noIssues);
    await screenshot(page, `${lang}-02-lodge-form`);
    await page.getByRole('button', { name: ui.lodge.submit }).click();
    await page.waitForURL(/\/declarations\/[0-9a-f-]{36}$/);
    declarationPath = new URL(page.url()).pathname;
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(lrn);
    await expect.poll(() => notificationTitles(page)).toContain(api.notification.accepted);
    // A trader never sees the risk reasons or the audit trail.
    expect(await page.getByRole('heading', { name: ui.declaration.channelDecision }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: ui.declaration.audit }).count()).toBe(0);
    await screenshot(page, `${lang}-03-trader-declaration`);
    await navLink(page, ui, ui.nav.myDeclarations).click();
    await expect.poll(() => page.getByRole('link', { name: lrn }).count()).toBe(1);
    await screenshot(page, `${lang}-04-my-declarations`);
    // Officer pages are not in a trader's navigation, and not open to a trader by address.
    expect(await navLink(page, ui, ui.nav.queue).count()).toBe(0);
    await page.goto('/queue');
    await expect.poll(() => page.getByRole('heading', { name: ui.forbidden.title }).count()).toBe(1);
    await context.close();
  });

  it('lets the officer find it in the queue and ask for documents', async () => {
    const { context, page } = await newUser(browser, platform.url, lang);
    await signIn(page, ui, 'officer');
    await navLink(page, ui, ui.nav.queue).click();
    await page.getByRole('table').waitFor();
    await screenshot(page, `${lang}-05-queue`);
    await page.getByLabel(ui.queue.lrn).fill(lrn);
    await expect.poll(() => page.getByRole('link', { name: lrn }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.locator('a.row-link').count()).toBe(1);
    await page.getByRole('link', { name: lrn }).click();
    await page.waitForURL(`**${declarationPath}`);
    await page.getByRole('button', { name: ui.actions['documents-request'] }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(ui.actions.documentsWanted).fill(ui.documentKind.certificate_of_origin);
    await dialog.getByLabel(ui.actions.reason).fill('Verify the origin of the apples');
    await dialog.getByRole('button', { name: ui.actions['documents-request'] }).click();
    await expect.poll(() => actionDone(page)).toBe(ui.actions.done['documents-request']);
    await context.close();
  });

  it('lets the trader answer the document request', async () => {
    const { context, page } = await newUser(browser, platform.url, lang);
    await signIn(page, ui, trader);
    await navLink(page, ui, ui.nav.notifications).click();
    await expect.poll(() => notificationTitles(page)).toContain(api.notification.documentsRequested);
    await screenshot(page, `${lang}-06-notifications`);
    await page.goto(declarationPath);
    await page.getByRole('button', { name: ui.actions.documents }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(ui.document.kind).selectOption('certificate_of_origin');
    await dialog.getByLabel(ui.document.reference).fill('COO-2026-0042');
    await dialog.getByRole('button', { name: ui.actions.documents }).click();
    await expect.poll(() => actionDone(page)).toBe(ui.actions.done.documents);
    await context.close();
  });

  it('lets the officer record arrival and a control result, then release', async () => {
    const { context, page } = await newUser(browser, platform.url, lang);
    await signIn(page, ui, 'officer');
    await page.goto(declarationPath);
    await page.getByRole('button', { name: ui.actions.arrival }).click();
    await page.getByRole('dialog').getByRole('button', { name: ui.actions.arrival }).click();
    await expect.poll(() => actionDone(page)).toBe(ui.actions.done.arrival);
    await page.getByRole('button', { name: ui.actions['control-result'] }).click();
    const control = page.getByRole('dialog');
    await control.getByLabel(ui.controlOutcome.compliant).check();
    await control.getByLabel(ui.control.findings).fill('Certificate of origin checked; goods match');
    await control.getByRole('button', { name: ui.actions['control-result'] }).click();
    await expect.poll(() => actionDone(page)).toBe(ui.actions.done['control-result']);
    await page.getByRole('button', { name: ui.actions.release, exact: true }).click();
    const release = page.getByRole('dialog');
    await release.getByLabel(ui.actions.reason).fill('Control completed');
    await release.getByRole('button', { name: ui.actions.release, exact: true }).click();
    await expect.poll(() => actionDone(page)).toBe(ui.actions.done.release);
    await expect.poll(() => page.locator('.header-badges').textContent()).toContain(ui.status.released);
    await expect.poll(() => page.getByRole('heading', { name: ui.declaration.audit }).count()).toBe(1);
    await screenshot(page, `${lang}-07-officer-declaration`);
    await context.close();
  });

  it('shows the trader the release notification', async () => {
    const { context, page } = await newUser(browser, platform.url, lang);
    await signIn(page, ui, trader);
    await page.goto(declarationPath);
    await expect.poll(() => notificationTitles(page)).toContain(api.notification.released);
    await expect.poll(() => page.locator('.header-badges').textContent()).toContain(ui.status.released);
    await screenshot(page, `${lang}-08-trader-released`);
    await context.close();
  });

  it("shows the supervisor today's figures with charts and the offline map", async () => {
    const { context, page } = await newUser(browser, platform.url, lang);
    await signIn(page, ui, 'supervisor');
    await page.waitForURL('**/dashboard');
    await expect.poll(() => page.getByText(ui.dashboard.lodgedToday, { exact: true }).count()).toBe(1);
    await expect.poll(() => page.locator('.map-land').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('figure.chart').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, `${lang}-09-dashboard`);
    await context.close();
  });
});
