import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { importWcoFiles } from './import.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

describe('aduana import', () => {
  it('lodges a directory of WCO files and sums accepted and rejected by code', async () => {
    const dir = fileURLToPath(
      new URL('../../../test/fixtures/wco/example_messages/Imports', import.meta.url),
    );
    const progress: number[] = [];
    const summary = await importWcoFiles(t.app, dir, { onProgress: (n) => progress.push(n) });
    expect(summary.files).toBe(8);
    expect(progress.at(-1)).toBe(8);
    expect(summary.accepted).toBe(1);
    expect(summary.rejectedByCode).toMatchObject({
      ELEMENT_REQUIRED: 1,
      PROCEDURE_UNKNOWN: 1,
      FIELD_TOO_BIG: 1,
    });
    expect(summary.rejected).toBe(7);
  });
});
