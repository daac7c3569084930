import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../web/src/i18n/locales/en.json' with { type: 'json' };
import es from '../../web/src/i18n/locales/es.json' with { type: 'json' };
import apiEn from '../../src/platform/i18n/messages.en.json' with { type: 'json' };
import apiEs from '../../src/platform/i18n/messages.es.json' with { type: 'json' };
import { ensureConsoleBuilt, launchChromium, newUser, screenshot, signIn } from './browser.js';
import { startPlatform, type RunningPlatform } from './platform.js';

/**
 * WCO DM in the console, in a real browser: the trader uploads an HMRC DEC-DMS sample, sees a refusal at its field
 * with the fix, uploads it corrected, and downloads the declaration (DEC-DMS) and its notifications (RES-DMS).
 */
let platform: RunningPlatform;
let browser: Browser;

beforeAll(async () => {
  ensureConsoleBuilt();
  platform = await startPlatform({ declarations: 0 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

const SAMPLE = fs
  .readFileSync(
    new URL('../fixtures/wco/annotated_XML_samples/TT_IM001a/Step1_TT_IM001a.xml', import.meta.url),
    'utf8',
  )
  // Lodged by the demo broker (user `trader`): the declarant must be the trader's own party.
  .replace('<ID>GB603202734852</ID>', '<ID>JM-BRK-0001</ID>');
const withLrn = (xml: string, lrn: string) =>
  xml.replace(
    /<FunctionalReferenceID>[^<]*<\/FunctionalReferenceID>/,
    `<FunctionalReferenceID>${lrn}</FunctionalReferenceID>`,
  );
// The goods' origin (DE 5/15) is the item's only CountryCode followed by nothing else in its element.
const withOrigin = (xml: string, country: string) =>
  xml.replace(/(<Origin>\s*(?:<!--[\s\S]*?-->\s*)*<CountryCode>)US(<\/CountryCode>)/, `$1${country}$2`);

describe.each([
  { lang: 'en', ui: en, api: apiEn },
  { lang: 'es', ui: es, api: apiEs },
] as const)('WCO DM XML in the console ($lang)', ({ lang, ui, api }) => {
  it('shows a refusal at its field with the fix, lodges the corrected file, and downloads DEC and RES', async () => {
    const { context, page } = await newUser(browser, platform.url, lang);
    await signIn(page, ui, 'trader');
    await page.goto('/lodge');
    await page.getByRole('tab', { name: ui.lodge.mode.xml }).click();
    const lrn = `WCO-${lang.toUpperCase()}-${Date.now().toString(36).toUpperCase()}`;
    const bad = withOrigin(withLrn(SAMPLE, lrn), 'QQ');
    expect(bad).not.toBe(withLrn(SAMPLE, lrn));
    await page
      .getByLabel(ui.xml.file)
      .setInputFiles({ name: 'dec.xml', mimeType: 'application/xml', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: ui.xml.submit }).click();
    const problems = page.getByRole('list', { name: ui.xml.errors });
    await expect.poll(() => problems.count(), { timeout: 10_000 }).toBe(1);
    const problem = problems.getByRole('listitem').first();
    expect(await problem.textContent()).toContain(ui.field.goodsItems_originCountry.replace('{{n}}', '1'));
    expect(await problem.textContent()).toContain('42A/67A/68A/92A/063');
    expect(await problem.textContent()).toContain(api.error.COUNTRY_UNKNOWN.replace('{{value}}', 'QQ'));
    await screenshot(page, `wco-${lang}-01-refused`);

    await page.getByLabel(ui.xml.file).setInputFiles({
      name: 'dec.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(withLrn(SAMPLE, lrn)),
    });
    await page.getByRole('button', { name: ui.xml.submit }).click();
    await page.waitForURL(/\/declarations\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(lrn);
    // What the form does not show of the message is there, folded.
    expect(await page.getByRole('heading', { name: ui.declaration.wcoElements.title }).count()).toBe(1);
    await screenshot(page, `wco-${lang}-02-declaration`);

    for (const [label, root] of [
      [ui.declaration.wcoDownloads.declaration, 'urn:wco:datamodel:WCO:DEC-DMS:2'],
      [ui.declaration.wcoDownloads.notifications, 'urn:wco:datamodel:WCO:RES-DMS:2'],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: label }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^${lrn}-(DEC|RES)\\.xml$`));
      const text = fs.readFileSync(await download.path(), 'utf8');
      expect(text).toContain(root);
      expect(text).toContain(lrn);
    }
    await context.close();
  });
});
