import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/test-app.js';

/** The platform on the EVM engine (in-process chain): certificates anchored in the document store. */
describe('verifiable documents on the EVM ledger engine', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      ledgerEngine: 'evm',
      ledgerEvmRpcUrl: 'embedded',
      ledgerBatchIntervalMs: 3_600_000,
    });
  });
  afterAll(() => t?.close());

  it('issues a certificate whose issuer is the document store, verifies it, and revokes it', async () => {
    const officer = await t.login('officer');
    const issued = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/documents',
      headers: officer,
      payload: {
        documents: [
          {
            kind: 'certificate_of_origin',
            reference: 'CO-EVM-1',
            data: { agreement: 'CAFTA-DR', goods: [{ hsCode: '6109.10' }] },
          },
        ],
      },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const doc = issued.json<{ documents: { id: string; document: { data: { issuers: unknown[] } } }[] }>()
      .documents[0]!;
    const contract = t.app.ledger.info().contract as string;
    expect(JSON.stringify(doc.document.data.issuers).toLowerCase()).toContain(contract.toLowerCase()); // salted: "<salt>:string:<address>"

    const verify = async () =>
      (
        await t.app.http.inject({
          method: 'POST',
          url: '/api/v1/documents/verify',
          headers: officer,
          payload: { document: doc.document },
        })
      ).json<{
        valid: boolean;
        checks: Record<string, string>;
        ledger: { engine: string };
      }>();
    expect(await verify()).toMatchObject({
      valid: true,
      ledger: { engine: 'evm' },
      checks: { anchored: 'anchored' },
    });

    const revoked = await t.app.http.inject({
      method: 'POST',
      url: `/api/v1/documents/${doc.id}/revoke`,
      headers: await t.login('supervisor'),
      payload: { reason: 'withdrawn by the issuing office' },
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(await verify()).toMatchObject({ valid: false, checks: { revocation: 'revoked' } });
    const report = await t.app.ledger.verify();
    expect(report).toMatchObject({ ok: true, engine: 'evm' });
  });
});
