import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { runConformance, type ConformanceOutcome, type ConformanceReport } from './conformance.js';

const CORPUS = fileURLToPath(new URL('../../../test/fixtures/wco', import.meta.url));

let t: TestApp;
let report: ConformanceReport;
let outcomes: ConformanceOutcome[];
beforeAll(async () => {
  t = await startTestApp();
  ({ report, outcomes } = await runConformance(CORPUS, t.app.declarations.service));
}, 120_000);
afterAll(async () => t.close());

/**
 * The conformance report over the shipped HMRC corpus (see docs/wco-conformance.md for why the rest is rejected).
 * Thresholds are the figures this build reaches; a mapping regression or a silently dropped element fails them.
 */
describe('conformance over the HMRC WCO DM corpus', () => {
  it('finds the declarations and every one validates against the DMS schema', () => {
    expect(report.files).toBeGreaterThan(500);
    expect(report.declarations).toBeGreaterThanOrEqual(220);
    expect(report.schemaValid).toBe(report.declarations - outcomes.filter((o) => !o.schemaValid).length);
  });

  it('maps every accepted declaration without dropping or losing an element', () => {
    expect(report.droppedElements.count).toBe(0);
    expect(report.mappedWithoutLoss).toBe(report.accepted);
  });

  it('accepts at least the share of schema-valid declarations this build reaches, and explains each rejection by code', () => {
    const validAccepted = outcomes.filter((o) => o.schemaValid && o.accepted).length;
    expect(validAccepted / report.schemaValid).toBeGreaterThanOrEqual(0.52);
    for (const o of outcomes.filter((x) => !x.accepted)) expect(o.codes.length).toBeGreaterThan(0);
    expect(Object.values(report.rejectionsByCode).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(
      report.rejected,
    );
  });

  it('rejects what CDS rejected in the export sample pairs and accepts what it accepted', () => {
    const pairs = outcomes.filter(
      (o) => o.file.startsWith('example_messages/') && o.file.includes('/Declaration/'),
    );
    const accepted = pairs.filter((o) => o.file.includes('/Accepted/'));
    const rejected = pairs.filter((o) => o.file.includes('/Rejected/'));
    expect(rejected.length).toBe(6);
    expect(rejected.filter((o) => !o.accepted).map((o) => o.file)).toEqual(rejected.map((o) => o.file));
    expect(accepted.filter((o) => o.accepted).length).toBe(2);
  });

  it('acts on originals with their amendments and cancellations', () => {
    const acted = outcomes.filter((o) => o.kind !== 'original' && o.accepted);
    expect(acted.length).toBeGreaterThanOrEqual(2);
  });
});
