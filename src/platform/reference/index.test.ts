import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

describe('reference data public face', () => {
  const startDirectory = process.cwd();
  afterEach(() => {
    process.chdir(startDirectory);
  });

  it('finds its assets relative to the module, whatever the working directory', async () => {
    process.chdir(tmpdir());
    vi.resetModules();
    const reference = await import('./index.js');
    expect(existsSync(join(process.cwd(), 'assets/ref'))).toBe(false);
    expect(reference.isKnownHsCode('080810')).toBe(true);
    expect(reference.getCountry('JM')?.nameEs).toBe('Jamaica');
    expect(reference.getSeaport('JMKIN')?.timezone).toBe('America/Jamaica');
    expect(existsSync(join(reference.REFERENCE_ASSETS_DIR, 'NOTICE.md'))).toBe(true);
  });

  it('preloads every dataset and reports what it loaded', async () => {
    vi.resetModules();
    const { preloadReferenceData } = await import('./index.js');
    const summary = preloadReferenceData();
    expect(summary).toMatchObject({ hsSubheadings: 5612, countries: 249, seaports: 1634 });
    expect(summary.activeCurrencies).toBeGreaterThan(150);
  });

  it('exposes lookups of every dataset and the container check', async () => {
    const reference = await import('./index.js');
    expect(reference.checkHsCode('2402')).toEqual({ ok: false, code: 'HS_NOT_SUBHEADING' });
    expect(reference.getCurrency('XCD')?.minorUnit).toBe(2);
    expect(reference.listAmericasCountries().length).toBe(57);
    expect(reference.checkContainerNumber('CSQU3054383').ok).toBe(true);
  });
});
