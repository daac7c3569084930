import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../platform/audit/audit.js';
import { sampleDeclaration, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

async function lodge(body: unknown, user = 'trader') {
  return t.app.http.inject({
    method: 'POST',
    url: '/api/v1/declarations',
    headers: await t.login(user),
    payload: body as object,
  });
}

/** Lodges until the random channel strategy gives the wanted channel (the default is random at the expected rates). */
async function lodgeWithChannel(channel: string) {
  for (let i = 0; i < 200; i++) {
    const res = await lodge(sampleDeclaration());
    const body = res.json();
    if (body.channel === channel) return body;
  }
  throw new Error(`no ${channel} declaration in 200 tries`);
}

describe('lodgement', () => {
  it('accepts a valid declaration, assigns a channel and notifies acceptance', async () => {
    const res = await lodge(sampleDeclaration());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.status).toBe('channel_assigned');
    expect(['green', 'yellow', 'red', 'blue']).toContain(body.channel);
    expect(body.times.lodgedAt).toBeTruthy();
    expect(body.times.acceptedAt).toBeTruthy();
    expect(body.times.channelAt).toBeTruthy();
    expect(body.times.arrivedAt).toBeNull();
    expect(res.headers.location).toBe(`/api/v1/declarations/${body.id}`);
    const notes = await t.app.http.inject({
      method: 'GET',
      url: `/api/v1/declarations/${body.id}/notifications`,
      headers: await t.login('trader'),
    });
    expect(notes.json().map((n: { functionCode: string }) => n.functionCode)).toContain('01');
  });

  it('returns the same declaration when the same LRN is resubmitted, without a second one', async () => {
    const d = sampleDeclaration();
    const first = await lodge(d);
    const second = await lodge(d);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    const list = await t.app.http.inject({
      method: 'GET',
      url: `/api/v1/declarations?lrn=${d.lrn}`,
      headers: await t.login('officer'),
    });
    expect(list.json().total).toBe(1);
  });

  it('recognises a retry of the original lodgement after an amendment and returns the amended declaration', async () => {
    const d = sampleDeclaration();
    const first = (await lodge(d)).json();
    const amended = { ...d, invoice: { ...d.invoice, number: 'INV-AMENDED' } };
    const amendment = await t.app.http.inject({
      method: 'POST',
      url: `/api/v1/declarations/${first.id}/amendment`,
      headers: await t.login('trader'),
      payload: { reason: 'invoice number corrected', declaration: amended },
    });
    expect(amendment.statusCode).toBe(200);
    const retry = await lodge(d);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ id: first.id, version: 2 });
    const other = await lodge({ ...d, invoice: { ...d.invoice, number: 'INV-THIRD' } });
    expect(other.json().code).toBe('LRN_ALREADY_USED');
  });

  it('refuses the same LRN with different content as a conflict', async () => {
    const d = sampleDeclaration();
    await lodge(d);
    const changed = { ...d, invoice: { ...d.invoice, number: 'OTHER' } };
    const res = await lodge(changed);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('LRN_ALREADY_USED');
  });

  it('rejects business-rule errors with every error coded, pointed and explained in English and Spanish', async () => {
    const d = sampleDeclaration();
    d.transport.containers = [{ number: 'MSCU1234567' }];
    d.goodsItems[0]!.hsCode = '999999';
    d.goodsItems[0]!.grossMassKg = 1;
    d.goodsItems[0]!.netMassKg = 10;
    const res = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/declarations',
      headers: { ...(await t.login('trader')), 'accept-language': 'es' },
      payload: d,
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(problem.code).toBe('DECLARATION_REJECTED');
    const byCode = Object.fromEntries(problem.errors.map((e: { code: string }) => [e.code, e]));
    expect(byCode.CONTAINER_CHECK_DIGIT).toMatchObject({
      severity: 'warning',
      pointer: '/transport/containers/0/number',
      wcoPath: '42A/67A/28A/31B/159',
      value: 'MSCU1234567',
    });
    expect(byCode.CONTAINER_CHECK_DIGIT.message).toContain('debería ser 6');
    expect(byCode.CONTAINER_CHECK_DIGIT.messages.en).toContain('should be 6');
    expect(byCode.HS_UNKNOWN).toMatchObject({
      pointer: '/goodsItems/0/hsCode',
      wcoPath: '42A/67A/68A/23A/21A/145',
    });
    expect(byCode.GROSS_LESS_THAN_NET.wcoPath).toBe('42A/67A/68A/23A/65A/126');
    const list = await t.app.http.inject({
      method: 'GET',
      url: `/api/v1/declarations?lrn=${d.lrn}`,
      headers: await t.login('officer'),
    });
    expect(list.json().total).toBe(0);
  });

  it('requires item origin on a standard declaration, with the field and its WCO path, in English and Spanish', async () => {
    const d = sampleDeclaration();
    delete d.goodsItems[0]!.originCountry;
    const res = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/declarations',
      headers: { ...(await t.login('trader')), 'accept-language': 'es' },
      payload: d,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('DECLARATION_REJECTED');
    expect(res.json().errors).toEqual([
      expect.objectContaining({
        code: 'ELEMENT_REQUIRED',
        pointer: '/goodsItems/0/originCountry',
        wcoPath: '42A/67A/68A/92A/063',
        messages: expect.objectContaining({ en: expect.stringContaining('originCountry') }),
        message: expect.stringContaining('Aduana exige originCountry'),
      }),
    ]);
  });

  it('accepts a type Y supplementary declaration of the super-reduced data set (H7) without item origin', async () => {
    const d = { ...sampleDeclaration(), additionalType: 'Y', dataSet: 'H7' as const };
    delete d.goodsItems[0]!.originCountry;
    const res = await lodge(d);
    expect(res.statusCode).toBe(201);
    const stored = await t.app.http.inject({
      method: 'GET',
      url: `/api/v1/declarations/${res.json().id}`,
      headers: await t.login('trader'),
    });
    expect(stored.json().declaration.goodsItems[0].originCountry).toBeUndefined();
    expect(stored.json().declaration.dataSet).toBe('H7');
  });

  it('accepts a declaration whose only finding is a warning, and keeps the warning with it', async () => {
    const d = sampleDeclaration();
    d.transport.containers = [{ number: 'MSCU1234567' }];
    const res = await lodge(d);
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings).toEqual([
      expect.objectContaining({
        code: 'CONTAINER_CHECK_DIGIT',
        severity: 'warning',
        pointer: '/transport/containers/0/number',
        params: { expected: 6 },
      }),
    ]);
    const strict = await startTestApp({ ruleSeverity: { CONTAINER_CHECK_DIGIT: 'error' } });
    try {
      const refused = await strict.app.http.inject({
        method: 'POST',
        url: '/api/v1/declarations',
        headers: await strict.login('trader'),
        payload: { ...d, lrn: `${d.lrn}-S` },
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().errors[0]).toMatchObject({ code: 'CONTAINER_CHECK_DIGIT', severity: 'error' });
    } finally {
      await strict.close();
    }
  });

  it('refuses a trader lodging for another party', async () => {
    const res = await lodge(sampleDeclaration(undefined, 'GT-BRK-0002'));
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('DECLARANT_NOT_OWN_PARTY');
  });
});

describe('trader scope', () => {
  it('lets a trader see its own declarations and not another party’s', async () => {
    const own = (await lodge(sampleDeclaration())).json();
    const other = (await lodge(sampleDeclaration(undefined, 'GT-BRK-0002'), 'trader.gt')).json();
    const jm = await t.login('trader');
    const list = (
      await t.app.http.inject({ method: 'GET', url: '/api/v1/declarations?limit=500', headers: jm })
    ).json();
    expect(list.items.every((d: { declarantTin: string }) => d.declarantTin === 'JM-BRK-0001')).toBe(true);
    expect(list.items.some((d: { id: string }) => d.id === own.id)).toBe(true);
    for (const suffix of ['', '/notifications']) {
      const res = await t.app.http.inject({
        method: 'GET',
        url: `/api/v1/declarations/${other.id}${suffix}`,
        headers: jm,
      });
      expect(res.statusCode).toBe(404);
    }
    const audit = await t.app.http.inject({
      method: 'GET',
      url: `/api/v1/declarations/${own.id}/audit`,
      headers: jm,
    });
    expect(audit.statusCode).toBe(403);
    const inv = await t.app.http.inject({
      method: 'POST',
      url: `/api/v1/declarations/${other.id}/invalidation`,
      headers: jm,
      payload: { reason: 'not mine' },
    });
    expect(inv.statusCode).toBe(404);
  });

  it('never shows the channel decision (risk reasons) to a trader', async () => {
    const own = (await lodge(sampleDeclaration())).json();
    expect(own.channelDecision).toBeUndefined();
    const asOfficer = (
      await t.app.http.inject({
        method: 'GET',
        url: `/api/v1/declarations/${own.id}`,
        headers: await t.login('officer'),
      })
    ).json();
    expect(asOfficer.channelDecision).toMatchObject({
      source: expect.any(String),
      strategy: expect.any(String),
    });
  });
});

describe('officer work', () => {
  it('takes a red declaration from lodged to released, with notifications and a verifying audit chain', async () => {
    const d = await lodgeWithChannel('red');
    const officer = await t.login('officer');
    const post = (path: string, payload: object) =>
      t.app.http.inject({
        method: 'POST',
        url: `/api/v1/declarations/${d.id}/${path}`,
        headers: officer,
        payload,
      });
    expect((await post('release', { reason: 'too early' })).json().code).toBe('GOODS_NOT_ARRIVED');
    expect((await post('arrival', { location: 'JMKIN' })).json().times.arrivedAt).toBeTruthy();
    expect((await post('release', { reason: 'no control yet' })).json().code).toBe('CONTROL_RESULT_REQUIRED');
    const docs = await post('documents-request', {
      documents: ['Certificate of origin'],
      reason: 'Origin to be proven',
    });
    expect(docs.json().status).toBe('under_control');
    const answer = await t.app.http.inject({
      method: 'POST',
      url: `/api/v1/declarations/${d.id}/documents`,
      headers: await t.login('trader'),
      payload: { documents: [{ kind: 'certificate_of_origin', reference: 'COO-1', agreement: 'USMCA' }] },
    });
    expect(answer.statusCode).toBe(200);
    const control = await post('control-result', {
      outcome: 'discrepancy',
      findings: 'Net mass 15 % above the declared mass',
      corrections: [{ itemSequence: 1, field: 'netMassKg', correctedValue: 1000 }],
      revenueAdjustment: 120.5,
    });
    expect(control.statusCode).toBe(200);
    const released = await post('release', { reason: 'Duties adjusted and paid' });
    expect(released.json()).toMatchObject({ status: 'released' });
    expect(released.json().times.releasedAt).toBeTruthy();
    const codes = (
      await t.app.http.inject({
        method: 'GET',
        url: `/api/v1/declarations/${d.id}/notifications`,
        headers: await t.login('trader'),
      })
    )
      .json()
      .map((n: { functionCode: string }) => n.functionCode);
    expect(codes).toEqual(['01', '05', '06', '07', '08']);
    await t.app.dispatcher.drain();
    const trail = (
      await t.app.http.inject({ method: 'GET', url: `/api/v1/declarations/${d.id}/audit`, headers: officer })
    ).json();
    expect(trail.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'lodged',
        'accepted',
        'channel_assigned',
        'arrived',
        'documents_requested',
        'documents_submitted',
        'control_recorded',
        'released',
      ]),
    );
    expect(trail.every((e: { hash: string | null }) => e.hash)).toBe(true);
    expect((await verifyAuditChain(t.app.database.db)).ok).toBe(true);
    expect((await post('hold', { reason: 'after release' })).json().code).toBe('ILLEGAL_TRANSITION');
  });

  it('seizes goods through a control result and refuses any later release', async () => {
    const d = await lodgeWithChannel('red');
    const officer = await t.login('officer');
    const post = (path: string, payload: object) =>
      t.app.http.inject({
        method: 'POST',
        url: `/api/v1/declarations/${d.id}/${path}`,
        headers: officer,
        payload,
      });
    await post('arrival', {});
    const seized = await post('control-result', {
      outcome: 'seizure',
      findings: 'Undeclared cigarettes behind the declared goods',
    });
    expect(seized.json().status).toBe('seized');
    const release = await post('release', { reason: 'try' });
    expect(release.statusCode).toBe(409);
    expect(release.json().code).toBe('ILLEGAL_TRANSITION');
  });

  it('releases a green declaration automatically when the goods arrive, reported by container', async () => {
    const d = await lodgeWithChannel('green');
    const key = await t.app.auth.createApiKey('port community system', ['inventory_system']);
    const res = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/arrivals',
      headers: { 'x-api-key': key.key },
      payload: { containers: d.containers },
    });
    expect(res.statusCode).toBe(200);
    const after = (
      await t.app.http.inject({
        method: 'GET',
        url: `/api/v1/declarations/${d.id}`,
        headers: await t.login('trader'),
      })
    ).json();
    expect(after.status).toBe('released');
    expect(after.times.releasedAt).toBeTruthy();
  });

  it('filters the queue by status, channel, office, party and HS code', async () => {
    const d = (await lodge(sampleDeclaration())).json();
    const officer = await t.login('officer');
    const q = async (qs: string) =>
      (
        await t.app.http.inject({ method: 'GET', url: `/api/v1/declarations?${qs}`, headers: officer })
      ).json();
    const hs = d.hsCodes[0].slice(0, 4);
    const res = await q(
      `channel=${d.channel}&office=JMKIN01&party=JM-BRK-0001&hs=${hs}&status=channel_assigned&limit=500`,
    );
    expect(res.items.some((x: { id: string }) => x.id === d.id)).toBe(true);
    expect(
      res.items.every(
        (x: { channel: string; hsCodes: string[] }) =>
          x.channel === d.channel && x.hsCodes.some((h) => h.startsWith(hs)),
      ),
    ).toBe(true);
    expect((await q('status=seized&party=NOBODY')).total).toBe(0);
  });
});

describe('amendment and invalidation', () => {
  it('accepts a valid amendment (11) and records an invalid one as rejected (03) without changing the declaration', async () => {
    const original = sampleDeclaration();
    const d = (await lodge(original)).json();
    const trader = await t.login('trader');
    const amended = { ...original, incoterm: 'FOB' };
    const ok = await t.app.http.inject({
      method: 'POST',
      url: `/api/v1/declarations/${d.id}/amendment`,
      headers: trader,
      payload: { reason: 'Wrong incoterm', declaration: amended },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(2);
    const bad = {
      ...amended,
      goodsItems: [{ ...amended.goodsItems[0]!, hsCode: '999999' }, ...amended.goodsItems.slice(1)],
    };
    const rej = await t.app.http.inject({
      method: 'POST',
      url: `/api/v1/declarations/${d.id}/amendment`,
      headers: trader,
      payload: { reason: 'Reclassify', declaration: bad },
    });
    expect(rej.statusCode).toBe(422);
    expect(rej.json().errors[0].code).toBe('HS_UNKNOWN');
    const now = (
      await t.app.http.inject({ method: 'GET', url: `/api/v1/declarations/${d.id}`, headers: trader })
    ).json();
    expect(now.version).toBe(2);
    const codes = (
      await t.app.http.inject({
        method: 'GET',
        url: `/api/v1/declarations/${d.id}/notifications`,
        headers: trader,
      })
    )
      .json()
      .map((n: { functionCode: string }) => n.functionCode);
    expect(codes).toContain('11');
    expect(codes).toContain('03');
  });

  it('lets the declarant invalidate before control (10) and not afterwards', async () => {
    const d = (await lodge(sampleDeclaration())).json();
    const trader = await t.login('trader');
    const res = await t.app.http.inject({
      method: 'POST',
      url: `/api/v1/declarations/${d.id}/invalidation`,
      headers: trader,
      payload: { reason: 'Duplicate shipment' },
    });
    expect(res.json().status).toBe('invalidated');
    const again = await t.app.http.inject({
      method: 'POST',
      url: `/api/v1/declarations/${d.id}/invalidation`,
      headers: trader,
      payload: { reason: 'Again' },
    });
    expect(again.statusCode).toBe(409);
  });
});
