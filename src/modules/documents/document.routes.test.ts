import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';

describe('issuing a document whose data is nested deeper than wrapping can walk', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  const issue = async (data: string) =>
    t.app.http.inject({
      method: 'POST',
      url: '/api/v1/documents',
      headers: { ...(await t.login('officer')), 'content-type': 'application/json' },
      payload: `{"documents":[{"kind":"invoice","reference":"INV-DEEP","data":${data}}]}`,
    });
  /** Items on the ledger (a document batch is anchored before its documents are stored). */
  const ledgerItems = async () =>
    Number(
      (
        await t.app.database.db
          .selectFrom('ledger_items' as never)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses it at its field and anchors nothing (was a 500 after the batch was anchored)', async () => {
    const before = await ledgerItems();
    for (const depth of [34, 5000, 20_000]) {
      const res = await issue('{"x":'.repeat(depth) + '1' + '}'.repeat(depth));
      expect(res.statusCode, `depth ${depth}`).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ code: 'FIELD_INVALID_VALUE', pointer: '/documents/0/data' }],
      });
    }
    expect(await ledgerItems()).toBe(before);
  });

  it('issues data with objects 32 levels below it', async () => {
    const res = await issue('{"x":'.repeat(33) + '1' + '}'.repeat(33));
    expect(res.statusCode, res.body).toBe(201);
    expect(await ledgerItems()).toBeGreaterThan(0);
  });
});
