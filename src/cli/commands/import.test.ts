import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
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

describe('aduana import of files in other encodings', () => {
  it('lodges a Windows-1252 file labelled ISO-8859-1 and counts a mislabelled one as XML_ENCODING_INVALID', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aduana-import-'));
    const sample = fs
      .readFileSync(
        new URL(
          '../../../test/fixtures/wco/annotated_XML_samples/TT_IM001a/Step1_TT_IM001a.xml',
          import.meta.url,
        ),
        'utf8',
      )
      .replace('<Description>Parts for electric shavers', '<Description>Piezas para máquinas de afeitar');
    const lrn = (s: string, id: string) =>
      s.replace(/<FunctionalReferenceID>[^<]*</, `<FunctionalReferenceID>${id}-${Date.now().toString(36)}<`);
    fs.writeFileSync(
      path.join(dir, 'a-latin1.xml'),
      iconv.encode(lrn(sample, 'ENC1').replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), 'windows-1252'),
    );
    fs.writeFileSync(path.join(dir, 'b-mislabelled.xml'), iconv.encode(lrn(sample, 'ENC2'), 'windows-1252'));
    const summary = await importWcoFiles(t.app, dir, { as: 'GB603202734852' });
    expect(summary).toMatchObject({
      files: 2,
      accepted: 1,
      rejected: 1,
      rejectedByCode: { XML_ENCODING_INVALID: 1 },
    });
    fs.rmSync(dir, { recursive: true });
  });
});
