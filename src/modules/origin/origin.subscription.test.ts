import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDeclaration, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const assessmentsOf = async (id: string) =>
  (
    await t.app.http.inject({
      method: 'GET',
      url: `/api/v1/origin/declarations/${id}/assessments`,
      headers: await t.login('officer'),
    })
  ).json<{ assessments: { itemSequence: number; agreement: string }[] }>().assessments;

describe('preferential claims reach the origin module', () => {
  it('assesses nothing on a lodgement without claims, and the claim an amendment adds', async () => {
    const trader = await t.login('trader');
    const d = sampleDeclaration();
    d.goodsItems = d.goodsItems.slice(0, 1).map((g) => ({ ...g, preferentialOrigin: undefined }));
    d.invoice = {
      ...d.invoice,
      amount: d.goodsItems[0]!.customsValue!,
      currency: d.goodsItems[0]!.currency!,
    };
    const lodged = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/declarations',
      headers: trader,
      payload: d,
    });
    expect(lodged.statusCode).toBe(201);
    const id = lodged.json<{ id: string }>().id;
    await t.app.dispatcher.drain();
    expect(await assessmentsOf(id)).toEqual([]);

    const amended = structuredClone(d);
    amended.goodsItems[0] = {
      ...amended.goodsItems[0]!,
      originCountry: 'GT',
      preferentialOrigin: { agreement: 'CAFTA-DR', country: 'GT' },
      documents: [{ kind: 'certificate_of_origin', reference: 'CO-GT-2026-0042', agreement: 'CAFTA-DR' }],
    };
    const res = await t.app.http.inject({
      method: 'POST',
      url: `/api/v1/declarations/${id}/amendment`,
      headers: trader,
      payload: { reason: 'preference claimed with its certificate', declaration: amended },
    });
    expect(res.statusCode).toBe(200);
    await t.app.dispatcher.drain();
    expect(await assessmentsOf(id)).toMatchObject([{ itemSequence: 1, agreement: 'CAFTA-DR' }]);
  });
});
