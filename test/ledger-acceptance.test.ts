import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerCheckDigit } from '../src/platform/reference/container-number.js';
import { recordGarment, recorderFor } from '../src/modules/provenance/test-support.js';
import { sampleDeclaration, startTestApp, type TestApp } from './helpers/test-app.js';

interface Verification {
  valid: boolean;
  checks: Record<string, string>;
  revocationReason: string | null;
  hiddenFields: number;
}
interface Worksheet {
  valueBasis: string;
  valueBasisMinor: number;
  vnmMinor: number;
  vomMinor: number;
  materials: { valueSharePercent: number; status: string; statusSource: string }[];
  deMinimis: { basis: string; sharePercent: number; ok: boolean } | null;
}
interface Assessment {
  outcome: string;
  reasons: { code: string }[];
  assessment: { worksheet: Worksheet; rule: { id: string } } | null;
}

const CONTAINER = `MSCU123456${containerCheckDigit('MSCU123456')}`;

/**
 * Issue 7 acceptance: a T-shirt traced cotton → yarn → fabric → garment across two countries and two
 * recording parties, with a certificate of origin, verified end to end over HTTP; worksheets under
 * CAFTA-DR and USMCA with hand-computed figures; revocation, selective disclosure, and tampering found
 * by `ledger verify`.
 */
describe('origin tracing on a tamper-evident ledger (issue 7 acceptance)', () => {
  let t: TestApp;
  let officer: Record<string, string>;
  let garment: string;
  let certificate: { id: string; document: Record<string, unknown> };

  beforeAll(async () => {
    t = await startTestApp({ ledgerBatchIntervalMs: 3_600_000 });
    officer = await t.login('officer');
  });
  afterAll(() => t?.close());

  const post = async <T>(
    url: string,
    headers: Record<string, string>,
    payload: unknown,
    status = 201,
  ): Promise<T> => {
    const res = await t.app.http.inject({
      method: 'POST',
      url,
      headers,
      payload: payload as Record<string, unknown>,
    });
    expect(res.statusCode, res.body).toBe(status);
    return res.json<T>();
  };
  const get = async <T>(url: string, headers: Record<string, string>): Promise<T> => {
    const res = await t.app.http.inject({ method: 'GET', url, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<T>();
  };

  it('records a signed trace across Honduras and Guatemala and verifies it end to end with its certificate', async () => {
    const spinner = await recorderFor(t.app.http, await t.login('trader'));
    const maker = await recorderFor(t.app.http, await t.login('trader.gt'));
    const trace = await recordGarment({
      upstream: spinner,
      maker,
      tag: 'CAFTA-OK',
      cottonCountry: 'US',
      yarnCountry: 'HN',
      garmentCountry: 'GT',
      container: CONTAINER,
    });
    garment = trace.garment;

    const issued = await post<{ documents: { id: string; document: Record<string, unknown> }[] }>(
      '/api/v1/documents',
      officer,
      {
        documents: [
          {
            kind: 'certificate_of_origin',
            reference: 'CO-GT-2025-0001',
            holderTin: 'GT-BRK-0002',
            data: {
              agreement: 'CAFTA-DR',
              exporter: { name: 'Textiles del Pacífico S.A.', country: 'GT' },
              goods: [
                {
                  description: "men's cotton T-shirt, knitted",
                  hsCode: '6109.10',
                  productIdentifier: garment,
                  originCriterion: 'PSR',
                },
              ],
              invoice: { number: 'INV-7781', amountMinor: 500_000, currency: 'USD' },
            },
          },
          {
            kind: 'invoice',
            reference: 'INV-7781',
            holderTin: 'GT-BRK-0002',
            data: { lines: [{ description: 'T-shirts', amountMinor: 500_000 }] },
          },
        ],
      },
    );
    certificate = issued.documents[0]!;

    await t.app.dispatcher.drain();
    const checkpoint = await t.app.ledger.publishCheckpoint();
    expect(checkpoint.batches).toBe(1);

    const graph = await get<{
      verified: boolean;
      nodes: {
        id: string;
        kind: string;
        event?: { signature: string; ledger: { state: string }; partyTin: string };
      }[];
      edges: { from: string; to: string; kind: string }[];
    }>(`/api/v1/provenance/trace?product=${encodeURIComponent(garment)}`, officer);
    const events = graph.nodes.filter((n) => n.kind === 'event');
    expect(events).toHaveLength(8); // cotton, yarn, dye, fabric, thread, label, garment, and its shipping
    expect(graph.verified).toBe(true);
    expect(new Set(events.map((e) => e.event?.partyTin))).toEqual(new Set(['JM-BRK-0001', 'GT-BRK-0002']));
    expect(events.every((e) => e.event?.signature === 'valid' && e.event.ledger.state === 'anchored')).toBe(
      true,
    );
    expect(graph.nodes.some((n) => n.id === trace.cotton)).toBe(true);

    const verdict = await post<Verification>(
      '/api/v1/documents/verify',
      officer,
      { document: certificate.document },
      200,
    );
    expect(verdict).toMatchObject({
      valid: true,
      checks: { integrity: 'valid', issuer: 'valid', anchored: 'anchored', revocation: 'not-revoked' },
    });
  });

  it('assesses preferential origin automatically when a declaration claims it, and traces the declaration', async () => {
    const d = sampleDeclaration(71, 'GT-BRK-0002');
    d.transport.containers = [{ number: CONTAINER }];
    d.goodsItems = [
      {
        ...d.goodsItems[0]!,
        hsCode: '610910',
        description: "men's cotton T-shirts, knitted",
        originCountry: 'GT',
        preferentialOrigin: { agreement: 'CAFTA-DR', country: 'GT' },
        documents: [{ kind: 'certificate_of_origin', reference: 'CO-GT-2025-0001', agreement: 'CAFTA-DR' }],
      },
    ];
    d.invoice = {
      ...d.invoice,
      amount: d.goodsItems[0]!.customsValue!,
      currency: d.goodsItems[0]!.currency!,
    };
    const lodged = await post<{ id: string }>('/api/v1/declarations', await t.login('trader.gt'), d);
    await t.app.dispatcher.drain();
    const { assessments } = await get<{ assessments: Assessment[] }>(
      `/api/v1/origin/declarations/${lodged.id}/assessments`,
      officer,
    );
    expect(assessments).toHaveLength(1);
    expect(assessments[0]).toMatchObject({
      outcome: 'qualifies',
      assessment: { rule: { id: 'cafta-6109' } },
    });

    const graph = await get<{ root: string; nodes: { kind: string }[]; edges: { kind: string }[] }>(
      `/api/v1/provenance/trace?declaration=${lodged.id}`,
      officer,
    );
    expect(graph.root).toBe(`declaration:${lodged.id}`);
    expect(graph.nodes.filter((n) => n.kind === 'container')).toHaveLength(1);
    expect(graph.edges.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['declared', 'packed', 'input', 'output']),
    );
  });

  it('computes the CAFTA-DR worksheet from the trace: qualifying and, with Chinese yarn, not', async () => {
    const good = await post<Assessment>('/api/v1/origin/assess', officer, {
      agreement: 'CAFTA-DR',
      productIdentifier: garment,
    });
    expect(good.outcome).toBe('qualifies');
    // Adjusted value 500: fabric 260 (52 %, originating by its trace), thread 12 (2.4 %), label 8 (1.6 %, non-originating).
    expect(good.assessment?.worksheet).toMatchObject({
      valueBasis: 'adjusted_value',
      valueBasisMinor: 500,
      vnmMinor: 8,
      vomMinor: 272,
    });
    expect(good.assessment?.worksheet.materials.map((m) => m.valueSharePercent)).toEqual([52, 2.4, 1.6]);

    const maker = await recorderFor(t.app.http, await t.login('trader.gt'));
    const chinese = await recordGarment({
      upstream: maker,
      maker,
      tag: 'CAFTA-CN',
      cottonCountry: 'US',
      yarnCountry: 'CN',
      garmentCountry: 'GT',
      chineseYarn: true,
    });
    const bad = await post<Assessment>('/api/v1/origin/assess', officer, {
      agreement: 'CAFTA-DR',
      productIdentifier: chinese.garment,
    });
    expect(bad.outcome).toBe('does_not_qualify');
    // The fabric fails yarn-forward, so it and the label are non-originating: 260 + 8; only the thread (12) originates.
    expect(bad.assessment?.worksheet).toMatchObject({ vnmMinor: 268, vomMinor: 12 });
    expect(bad.assessment?.worksheet.deMinimis).toMatchObject({
      basis: 'weight',
      sharePercent: 92,
      ok: false,
    });
    expect(bad.reasons.map((r) => r.code)).toContain('TARIFF_SHIFT_NOT_MET');
  });

  it('computes the USMCA worksheet on transaction value: US cotton and yarn qualify, Chinese yarn does not', async () => {
    const us = await recorderFor(t.app.http, await t.login('trader'));
    const mx = await recorderFor(t.app.http, await t.login('trader.gt'));
    const good = await recordGarment({
      upstream: us,
      maker: mx,
      tag: 'USMCA-OK',
      cottonCountry: 'US',
      yarnCountry: 'US',
      garmentCountry: 'MX',
    });
    const ok = await post<Assessment>('/api/v1/origin/assess', officer, {
      agreement: 'USMCA',
      productIdentifier: good.garment,
    });
    expect(ok).toMatchObject({ outcome: 'qualifies', assessment: { rule: { id: 'usmca-6109' } } });
    expect(ok.assessment?.worksheet).toMatchObject({
      valueBasis: 'transaction_value',
      valueBasisMinor: 500,
      vnmMinor: 8,
      vomMinor: 272,
    });

    const chinese = await recordGarment({
      upstream: mx,
      maker: mx,
      tag: 'USMCA-CN',
      cottonCountry: 'US',
      yarnCountry: 'CN',
      garmentCountry: 'MX',
      chineseYarn: true,
    });
    const bad = await post<Assessment>('/api/v1/origin/assess', officer, {
      agreement: 'USMCA',
      productIdentifier: chinese.garment,
    });
    expect(bad.outcome).toBe('does_not_qualify');
    expect(bad.assessment?.worksheet.materials[0]).toMatchObject({ status: 'non_originating' });
    expect(bad.assessment?.worksheet.deMinimis).toMatchObject({
      basis: 'weight',
      sharePercent: 92,
      ok: false,
    });
  });

  it('still verifies a selectively disclosed certificate, and fails a revoked one with its reason', async () => {
    const holder = await t.login('trader.gt');
    const disclosed = await get<{ document: Record<string, unknown> }>(
      `/api/v1/documents/${certificate.id}?hide=invoice,exporter.name`,
      holder,
    );
    expect(JSON.stringify(disclosed.document)).not.toContain('INV-7781');
    const shown = await post<Verification>(
      '/api/v1/documents/verify',
      officer,
      { document: disclosed.document },
      200,
    );
    expect(shown).toMatchObject({ valid: true, hiddenFields: 4 }); // invoice number, amount, currency; exporter name

    const edited = structuredClone(disclosed.document) as { data: { agreement: string } };
    edited.data.agreement = edited.data.agreement.replace('CAFTA-DR', 'USMCA');
    const forged = await post<Verification>('/api/v1/documents/verify', officer, { document: edited }, 200);
    expect(forged).toMatchObject({ valid: false, checks: { integrity: 'invalid' } });

    await post(
      '/api/v1/documents/' + certificate.id + '/revoke',
      await t.login('supervisor'),
      { reason: 'origin criterion not met on review' },
      200,
    );
    const revoked = await post<Verification>(
      '/api/v1/documents/verify',
      officer,
      { document: certificate.document },
      200,
    );
    expect(revoked).toMatchObject({
      valid: false,
      checks: { integrity: 'valid', anchored: 'anchored', revocation: 'revoked' },
      revocationReason: 'origin criterion not met on review',
    });
    // Its batch-mate, the invoice, is untouched by the revocation.
    const again = await t.app.http.inject({
      method: 'POST',
      url: `/api/v1/documents/${certificate.id}/revoke`,
      headers: await t.login('supervisor'),
      payload: { reason: 'twice' },
    });
    expect(again.json<{ code: string }>().code).toBe('DOCUMENT_ALREADY_REVOKED');
  });

  it('names each tampered record in ledger verify: an event, a certificate field, a log entry', async () => {
    await t.app.dispatcher.drain();
    await t.app.ledger.publishCheckpoint();
    const clean = await t.app.ledger.verify();
    expect(clean.divergences).toEqual([]);
    expect(clean.ok).toBe(true);
    expect(clean.rederived).toBeGreaterThan(20);

    const db = t.app.database.db;
    const [event] = (
      await sql<{
        event_id: string;
      }>`select event_id from provenance_events where event->>'type' = 'TransformationEvent' limit 1`.execute(
        db,
      )
    ).rows;
    await sql`update provenance_events set event = jsonb_set(event, '{ilmd,aduana:valueMinor}', '151') where event_id = ${event!.event_id}`.execute(
      db,
    );
    await sql`update documents set wrapped = jsonb_set(wrapped, '{data,documentNumber}', to_jsonb(replace(wrapped->'data'->>'documentNumber', 'CO-GT', 'CO-GX'))) where id = ${certificate.id}`.execute(
      db,
    );
    await sql`update ledger_entries set data = overlay(data placing '\\xff'::bytea from 5 for 1) where idx = 0`.execute(
      db,
    );

    const report = await t.app.ledger.verify();
    expect(report.ok).toBe(false);
    const named = report.divergences.map((d) => `${d.code} ${d.kind} ${d.itemId}`);
    expect(named).toContain(`RECORD_ALTERED provenance.event ${event!.event_id}`);
    expect(named).toContain('LEDGER_ENTRY_ALTERED ledger.entry 0');
    const documentDivergence = report.divergences.find(
      (d) => d.kind === 'document.batch' && d.code === 'RECORD_ALTERED',
    );
    expect(documentDivergence?.detail).toContain(
      `certificate_of_origin CO-GT-2025-0001 (document ${certificate.id})`,
    );
    const latest = await get<{ ok: boolean }>('/api/v1/ledger/verify-runs/latest', officer);
    expect(latest.ok).toBe(false);
  });
});
