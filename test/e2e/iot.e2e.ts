import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AduanaClient } from '../../src/modules/iot/simulator/aduana-client.js';
import {
  playFleet,
  prepareFleet,
  type SimulatedContainer,
} from '../../src/modules/iot/simulator/fleet-simulator.js';
import { eventually } from '../../src/modules/iot/testing/iot-test-kit.js';
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
 * Smart containers in the console, in a real browser, against the whole platform with its embedded MQTT broker: the
 * demo trader's pharmaceutical container (PHARMA_2_8) sails an excursion and another party's container (trader.gt)
 * a normal voyage, both published over MQTT as devices do. The officer sees the fleet live on the map, finds the
 * TEMPERATURE_EXCURSION on the alarm board and acts on it, and sees the container's alarms on its declaration and
 * its charts against the profile band; the owning trader sees the alarm on its container and nothing of the other
 * party's. In English and Spanish; screenshots go to test-results/.
 */
let platform: RunningPlatform;
let browser: Browser;
let excursion: SimulatedContainer;
let otherParty: SimulatedContainer;
const playback = new AbortController();
let playing: Promise<unknown> = Promise.resolve();

const COMPRESSED_IOT = { ADUANA_IOT_TICK_MS: '200', ADUANA_IOT_BATCH_WAIT_MS: '5' };

beforeAll(async () => {
  ensureConsoleBuilt();
  // Time-based rules (a silent device) evaluated often, readings written at once: the voyage is compressed.
  Object.assign(process.env, COMPRESSED_IOT);
  platform = await startPlatform();
  const topics = platform.app.iot.topics;
  const own = await prepareFleet({
    api: new AduanaClient(platform.url, { username: 'trader', password: PASSWORDS.trader! }),
    topics,
    containers: 1,
    rate: 10,
    scenario: 'excursion',
    seed: 7,
  });
  const other = await prepareFleet({
    api: new AduanaClient(platform.url, { username: 'trader.gt', password: PASSWORDS['trader.gt']! }),
    topics,
    containers: 1,
    rate: 10,
    scenario: 'normal',
    seed: 8,
    declarantTin: 'GT-BRK-0002',
  });
  excursion = own.containers[0]!;
  otherParty = other.containers[0]!;
  // The voyages keep sailing while the browser looks (the map moves live); they stop when the file ends.
  const options = { topics, signal: playback.signal, leadBeforeIncidentMs: 3 * 3_600_000 };
  playing = Promise.all([playFleet(own, options), playFleet(other, options)]);
  const officer = new AduanaClient(platform.url, { username: 'officer', password: PASSWORDS.officer! });
  await eventually(async () => {
    const { items } = await officer.request<{ items: { containerNumber: string }[] }>(
      'GET',
      `/api/v1/iot/alarms?type=TEMPERATURE_EXCURSION&container=${excursion.containerNumber}`,
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

const LANGS = [
  { lang: 'en', ui: en, officerAction: 'acknowledge' },
  { lang: 'es', ui: es as Catalogue, officerAction: 'comment' },
] as const;

const navLink = (page: Page, ui: Catalogue, name: string) =>
  page.getByRole('navigation', { name: ui.shell.navigation }).getByRole('link', { name, exact: true });

const fill = (text: string, values: Record<string, string>) =>
  Object.entries(values).reduce((s, [k, v]) => s.replace(`{{${k}}}`, v), text);

describe.each(LANGS)('smart containers in the console in $lang', ({ lang, ui, officerAction }) => {
  it('shows the officer the fleet live on the offline map', async () => {
    const { context, page } = await newUser(browser, platform.url, lang);
    await signIn(page, ui, 'officer');
    await navLink(page, ui, ui.nav.fleet).click();
    await page.waitForURL('**/iot/fleet');
    await expect.poll(() => page.locator('.map-land').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.locator('.live-live').count(), { timeout: 10_000 }).toBe(1);
    await expect
      .poll(() => page.locator(`.iot-marker[data-container="${excursion.containerNumber}"]`).count(), {
        timeout: 20_000,
      })
      .toBe(1);
    expect(await page.locator(`.iot-marker[data-container="${otherParty.containerNumber}"]`).count()).toBe(1);
    // The pharmaceutical container is coloured by its alarm, not as all well.
    expect(
      await page.locator(`.iot-marker[data-container="${excursion.containerNumber}"]`).getAttribute('class'),
    ).not.toContain('iot-ok');
    if (lang === 'en') {
      // The voyages sail on: markers move from the stream, without reloading the page.
      const positions = () =>
        page.locator('.iot-marker').evaluateAll((gs) => gs.map((g) => g.getAttribute('transform')));
      const before = await positions();
      await expect.poll(positions, { timeout: 20_000 }).not.toEqual(before);
    }
    await page.getByLabel(ui.iot.fleet.profile, { exact: true }).selectOption('PHARMA_2_8');
    await expect.poll(() => new URL(page.url()).searchParams.get('profile')).toBe('PHARMA_2_8');
    await screenshot(page, `iot-${lang}-01-officer-fleet`);
    await context.close();
  });

  it(`lets the officer find the pharma excursion on the alarm board and ${officerAction} it`, async () => {
    const { context, page } = await newUser(browser, platform.url, lang);
    await signIn(page, ui, 'officer');
    await navLink(page, ui, ui.nav.alarms).click();
    await page.getByLabel(ui.iot.alarms.type, { exact: true }).selectOption('TEMPERATURE_EXCURSION');
    const row = page
      .getByRole('row')
      .filter({ hasText: excursion.containerNumber })
      .filter({ hasText: ui.iot.alarmType.TEMPERATURE_EXCURSION });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    const what = { type: ui.iot.alarmType.TEMPERATURE_EXCURSION, container: excursion.containerNumber };
    if (officerAction === 'acknowledge') {
      await row.getByRole('button', { name: fill(ui.iot.action.acknowledgeLabel, what) }).click();
      await expect.poll(() => page.getByText(ui.iot.action.done.acknowledge).count()).toBe(1);
      await expect
        .poll(() => row.locator('.alarm-status').textContent())
        .toMatch(new RegExp(`${ui.iot.alarmStatus.ACTIVE_ACK}|${ui.iot.alarmStatus.CLEARED_ACK}`));
    } else {
      await row.getByRole('button', { name: fill(ui.iot.action.commentLabel, what) }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(ui.iot.action.commentText).fill('Farmacéutico responsable informado');
      await dialog.getByRole('button', { name: ui.iot.action.comment, exact: true }).click();
      await expect.poll(() => page.getByText(ui.iot.action.done.comment).count()).toBe(1);
      await expect
        .poll(() => row.locator('.alarm-comments').textContent())
        .toContain('Farmacéutico responsable');
    }
    await screenshot(page, `iot-${lang}-02-officer-alarm-board`);

    await row.getByRole('link', { name: ui.iot.alarms.openDeclaration }).click();
    await page.waitForURL(`**/declarations/${excursion.declarationId}`);
    const panel = page.getByRole('region', { name: ui.iot.panel.title });
    await expect
      .poll(() => panel.getByRole('link', { name: fill(ui.iot.panel.open, what) }).count(), {
        timeout: 10_000,
      })
      .toBe(1);
    await expect.poll(() => panel.getByText(ui.iot.alarmType.TEMPERATURE_EXCURSION).count()).toBe(1);
    // The excursion raised the declaration's risk: escalated to the red channel, the alarm named in the trail in the
    // reader's words ("IoT alarm Temperature excursion (…)"), not by its code.
    expect(await page.locator('.header-badges').textContent()).toContain(ui.channel.red);
    const trail = () => page.getByRole('region', { name: ui.declaration.audit }).textContent();
    const named = fill(ui.auditReason.iot_alarm, {
      type: ui.iot.alarmType.TEMPERATURE_EXCURSION,
      severity: '',
    });
    await expect.poll(trail, { timeout: 10_000 }).toContain(named.slice(0, named.lastIndexOf(' (')));
    expect(await trail()).not.toContain('TEMPERATURE_EXCURSION');
    await screenshot(page, `iot-${lang}-03-officer-declaration`);

    await panel.getByRole('link', { name: fill(ui.iot.panel.open, what) }).click();
    await page.waitForURL(`**/iot/containers/${excursion.containerNumber}`);
    await expect
      .poll(() => page.locator('.temperature-chart rect.chart-band').count(), { timeout: 10_000 })
      .toBe(1);
    await expect.poll(() => page.locator('path.iot-track').count()).toBe(1);
    expect(await page.locator('path.iot-corridor').count()).toBe(1);
    // The excursion's readings stand outside the 2–8 °C band.
    expect(await page.locator('.temperature-chart circle.chart-outside').count()).toBeGreaterThan(0);
    await screenshot(page, `iot-${lang}-04-officer-container`);
    await context.close();
  });

  it('shows the trader the alarm on its own container and nothing of the other party’s', async () => {
    const { context, page } = await newUser(browser, platform.url, lang);
    await signIn(page, ui, 'trader');
    // Officer pages stay out of reach: the trader's entries are its own fleet and alarms.
    expect(await navLink(page, ui, ui.nav.fleet).count()).toBe(0);
    await navLink(page, ui, ui.nav.myFleet).click();
    await page.waitForURL('**/iot/fleet');
    await expect
      .poll(() => page.getByRole('link', { name: excursion.containerNumber, exact: true }).count(), {
        timeout: 10_000,
      })
      .toBe(1);
    expect(await page.locator('.iot-marker').count()).toBe(1);
    expect(await page.getByText(otherParty.containerNumber).count()).toBe(0);
    await screenshot(page, `iot-${lang}-05-trader-fleet`);

    await navLink(page, ui, ui.nav.alarms).click();
    const row = page
      .getByRole('row')
      .filter({ hasText: excursion.containerNumber })
      .filter({ hasText: ui.iot.alarmType.TEMPERATURE_EXCURSION });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('.alarm-actions').count()).toBe(0);
    expect(await page.getByRole('button', { name: ui.iot.action.acknowledge }).count()).toBe(0);
    expect(await page.getByText(otherParty.containerNumber).count()).toBe(0);
    await screenshot(page, `iot-${lang}-06-trader-alarms`);

    await page.goto(`/declarations/${excursion.declarationId}`);
    const panel = page.getByRole('region', { name: ui.iot.panel.title });
    await expect
      .poll(() => panel.getByText(ui.iot.alarmType.TEMPERATURE_EXCURSION).count(), { timeout: 10_000 })
      .toBe(1);
    await screenshot(page, `iot-${lang}-07-trader-declaration`);

    // Another party's container is not found, by its address either.
    await page.goto(`/iot/containers/${otherParty.containerNumber}`);
    await expect.poll(() => page.getByRole('alert').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('.chart-band').count()).toBe(0);
    await context.close();
  });
});
