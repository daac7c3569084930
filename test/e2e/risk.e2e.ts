import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDeclaration, seededRandom } from '../../src/modules/declarations/demo/generator.js';
import type { DeclarationSubmission } from '../../src/modules/declarations/index.js';
import { publishEvents } from '../../src/platform/events/outbox.js';
import { CHEAP_CIGARETTES_PROFILE } from '../../src/modules/risk/test-support.js';
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
 * "Why this channel" in a real browser, against the whole platform with its bundled risk model: an analyst's live
 * profile ("cigarettes under 20 USD/kg → red") selects a trader's lodgement; the officer opens the declaration and
 * reads the channel, the profile that hit, the fields that moved the model's score and the per-item probabilities;
 * the trader opens the same declaration and the console never asks for the explanation. In English and Spanish;
 * screenshots go to test-results/risk-*.png.
 */
let platform: RunningPlatform;
let browser: Browser;
let red: { id: string; lrn: string; channel: string };

const PROFILE_NAME = CHEAP_CIGARETTES_PROFILE.name;

async function call<T>(user: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const login = await fetch(`${platform.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password: PASSWORDS[user] }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${platform.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** The demo broker's declaration of cigarettes at 8 USD/kg. */
function cheapCigarettes(): DeclarationSubmission {
  const d = generateDeclaration(seededRandom(11), {
    lrn: `E2E-RISK-${Date.now().toString(36)}`,
    declarant: { tin: 'JM-BRK-0001', name: 'Test Broker', country: 'JM', aeo: false },
    office: 'JMKIN01',
  });
  Object.assign(d.goodsItems[0]!, {
    hsCode: '240220',
    description: 'Cigarettes containing tobacco',
    netMassKg: 1000,
    grossMassKg: 1050,
    customsValue: 8000,
  });
  d.invoice.amount = Math.round(d.goodsItems.reduce((s, g) => s + g.customsValue!, 0) * 100) / 100;
  return d;
}

beforeAll(async () => {
  ensureConsoleBuilt();
  platform = await startPlatform();
  await platform.app.risk.ready();
  await call('analyst', 'POST', '/api/v1/risk/lists', {
    name: 'tobacco',
    list: { kind: 'hs', description: 'Tobacco and manufactured substitutes', entries: ['2401-2403'] },
  });
  await call('analyst', 'POST', '/api/v1/risk/profiles', {
    profile: { ...CHEAP_CIGARETTES_PROFILE, status: 'active' },
  });
  await platform.app.risk.engine.refresh();
  red = await call('trader', 'POST', '/api/v1/declarations', cheapCigarettes());
  // Later signals, as the origin and IoT modules publish them: a qualifying origin claim, then a seal breach.
  for (const [type, payload] of [
    ['origin.assessed', { declarationId: red.id, outcome: 'qualifies', agreement: 'CARICOM' }],
    [
      'iot.alarm-raised',
      { declarationId: red.id, severity: 'CRITICAL', type: 'SEAL_BREACH', containerNumber: 'SEGU5305059' },
    ],
  ] as const) {
    await publishEvents(platform.app.database.db, [
      { type, aggregateType: 'signal', aggregateId: red.id, payload },
    ]);
    await platform.app.dispatcher.drain();
  }
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

const LANGS = [
  { lang: 'en', ui: en },
  { lang: 'es', ui: es as Catalogue },
] as const;

describe.each(LANGS)('why this channel, in $lang', ({ lang, ui }) => {
  it('lodged a red declaration selected by the profile (the scenario holds)', () => {
    expect(red.channel).toBe('red');
  });

  it('shows the officer why the declaration went red: the profile, the score and the fields behind it', async () => {
    const { context, page } = await newUser(browser, platform.url, lang);
    await signIn(page, ui, 'officer');
    await page.goto(`/declarations/${red.id}`);
    const panel = page.getByRole('region', { name: ui.risk.why.title });
    await expect.poll(() => panel.getByText(ui.risk.why.source.rule).count(), { timeout: 15_000 }).toBe(1);
    const hits = panel.getByRole('list', { name: ui.risk.why.hits });
    expect(await hits.getByText(PROFILE_NAME, { exact: false }).count()).toBe(1);
    expect(await hits.getByText(ui.risk.why.hitItems_one.replace('{{items}}', '1')).count()).toBe(1);
    // The bundled model scored the cigarettes: bars on both sides of zero are labelled with fields in words.
    const bars = panel.locator('.risk-contributions g[data-direction]');
    expect(await bars.count()).toBeGreaterThan(0);
    const labels = await bars.locator('text:not(.bar-value)').allTextContents();
    expect(labels.every((l) => l.length > 0 && !/Id$|×$/.test(l))).toBe(true);
    expect(await panel.getByText(ui.risk.why.driving).count()).toBe(1);
    // The signals since lodgement, oldest first, each with what it did: the seal breach held the goods.
    const signals = panel.getByRole('list', { name: ui.risk.why.signals }).getByRole('listitem');
    expect(await signals.count()).toBe(2);
    expect(await signals.nth(0).textContent()).toContain(ui.risk.why.effect.recorded);
    expect(await signals.nth(1).textContent()).toContain(ui.iot.alarmType.SEAL_BREACH);
    expect(await signals.nth(1).textContent()).toContain(ui.risk.why.effect.held);
    // The features behind the bars unfold on demand, in words.
    await panel.getByText(ui.risk.why.featuresDetail).click();
    expect(await panel.locator('.risk-features dd[data-feature]').count()).toBeGreaterThan(0);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, `risk-${lang}-01-officer-declaration`);
    await context.close();
  });

  it('never asks for the explanation when the trader opens its own declaration', async () => {
    const { context, page } = await newUser(browser, platform.url, lang);
    const asked: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/v1/risk/')) asked.push(r.url());
    });
    await signIn(page, ui, 'trader');
    await page.goto(`/declarations/${red.id}`);
    await expect
      .poll(
        () => page.getByRole('heading', { name: ui.declaration.title.replace('{{lrn}}', red.lrn) }).count(),
        {
          timeout: 15_000,
        },
      )
      .toBe(1);
    expect(await page.getByRole('region', { name: ui.risk.why.title }).count()).toBe(0);
    expect(asked).toEqual([]);
    await screenshot(page, `risk-${lang}-02-trader-declaration`);
    await context.close();
  });
});
