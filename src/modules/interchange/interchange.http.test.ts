import fs from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDeclaration, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';

const SAMPLE = new URL(
  '../../../test/fixtures/wco/annotated_XML_samples/TT_IM001a/Step1_TT_IM001a.xml',
  import.meta.url,
);
const DECLARANT = 'GB603202734852';

let t: TestApp;
let hmrcTrader: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.auth.repository.upsertParty({
    tin: DECLARANT,
    name: 'HMRC sample declarant',
    country: 'GB',
    aeo: false,
  });
  await t.app.auth.addUser({
    username: 'hmrc.trader',
    password: 'hmrc-trader-1',
    displayName: 'HMRC sample declarant',
    roles: ['trader'],
    partyTin: DECLARANT,
    locale: 'en',
    office: null,
  });
  const res = await t.app.http.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'hmrc.trader', password: 'hmrc-trader-1' },
  });
  hmrcTrader = { authorization: `Bearer ${res.json<{ token: string }>().token}` };
});
afterAll(async () => t.close());

const postXml = (payload: string | Buffer, headers: Record<string, string> = {}) =>
  t.app.http.inject({
    method: 'POST',
    url: '/api/v1/declarations',
    headers: { ...hmrcTrader, 'content-type': 'application/xml', ...headers },
    payload,
  });

const withLrn = (xml: string, lrn: string) =>
  xml.replace(
    /<FunctionalReferenceID>[^<]*<\/FunctionalReferenceID>/,
    `<FunctionalReferenceID>${lrn}</FunctionalReferenceID>`,
  );

const postJson = (payload: object) =>
  t.app.http.inject({ method: 'POST', url: '/api/v1/declarations', headers: hmrcTrader, payload });

/** A DMS amendment (COR) of item 1's description of the declaration with this LRN and id. */
const descriptionAmendment = (lrn: string, id: string, description: string) =>
  `<Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2"><FunctionCode>13</FunctionCode><FunctionalReferenceID>${lrn}</FunctionalReferenceID><ID>${id}</ID><TypeCode>COR</TypeCode><Amendment><ChangeReasonCode>32</ChangeReasonCode></Amendment><GoodsShipment><GovernmentAgencyGoodsItem><SequenceNumeric>1</SequenceNumeric><Commodity><Description>${description}</Description></Commodity></GovernmentAgencyGoodsItem></GoodsShipment></Declaration>`;

/** HMRC's final supplementary declaration sample, lodged by this test's declarant under a fresh LRN. */
const finalSupplementary = (lrn: string) =>
  withLrn(
    fs.readFileSync(
      new URL('../../../test/fixtures/wco/annotated_XML_samples/TT_IM061b/TT_IM061a.xml', import.meta.url),
      'utf8',
    ),
    lrn,
  ).replace('<ID>GB553202734852</ID>', `<ID>${DECLARANT}</ID>`);

describe('hostile XML over HTTP', () => {
  const cases: [string, () => string, string][] = [
    [
      'a billion-laughs document',
      () =>
        `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><lolz>&lol9;</lolz>`,
      'XML_DTD_FORBIDDEN',
    ],
    [
      'an external-entity document',
      () => '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><d>&xxe;</d>',
      'XML_DTD_FORBIDDEN',
    ],
    ['a 50 MB document', () => `<a>${'x'.repeat(50 * 1024 * 1024)}</a>`, 'XML_TOO_LARGE'],
    ['a 10,000-deep document', () => `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`, 'XML_TOO_DEEP'],
  ];
  for (const [name, build, code] of cases)
    it(`refuses ${name} with a 4xx within a second and stays up`, async () => {
      const body = build();
      const started = performance.now();
      const res = await postXml(body);
      const elapsed = performance.now() - started;
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().code).toBe(code);
      expect(elapsed).toBeLessThan(1000);
      const health = await t.app.http.inject({ method: 'GET', url: '/health' });
      expect(health.statusCode).toBe(200);
    });

  it('reports malformed XML with its line and column', async () => {
    const res = await postXml('<a>\n  <b></a>');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('XML_MALFORMED');
    expect(res.json().title).toMatch(/line 2/);
  });
});

describe('XML in the encoding it declares', () => {
  // Written as a Windows system writes it: code page 1252 (the sample's comments have curly quotes), labelled Latin-1.
  const latin1Sample = (lrn: string, declaration = 'ISO-8859-1') =>
    iconv.encode(
      withLrn(fs.readFileSync(SAMPLE, 'utf8'), lrn)
        .replace('encoding="UTF-8"', `encoding="${declaration}"`)
        .replace(
          '<Description>Parts for electric shavers, hair clippers and hair-removing appliances</Description>',
          '<Description>Piezas de máquinas de afeitar eléctricas, año 2026, señor Muñoz</Description>',
        ),
      'windows-1252',
    );

  it('lodges an ISO-8859-1 document with its accented letters intact, and exports it as UTF-8', async () => {
    const res = await postXml(latin1Sample(`LAT-${Date.now().toString(36)}`));
    expect(res.statusCode).toBe(201);
    const id = res.json<{ id: string }>().id;
    const detail = await t.app.http.inject({
      method: 'GET',
      url: `/api/v1/declarations/${id}`,
      headers: hmrcTrader,
    });
    expect(detail.json().declaration.goodsItems[0].description).toBe(
      'Piezas de máquinas de afeitar eléctricas, año 2026, señor Muñoz',
    );
    const out = await t.app.http.inject({
      method: 'GET',
      url: `/api/v1/declarations/${id}?format=xml`,
      headers: hmrcTrader,
    });
    expect(out.body).toContain('señor Muñoz');
  });

  it('takes the charset of the Content-Type over the XML declaration', async () => {
    const res = await postXml(latin1Sample(`LCS-${Date.now().toString(36)}`, 'UTF-8'), {
      'content-type': 'application/xml; charset=ISO-8859-1',
    });
    expect(res.statusCode).toBe(201);
  });

  it('refuses Latin-1 bytes in a document that declares UTF-8, naming the byte and the line, and stores nothing', async () => {
    const lrn = `LBAD-${Date.now().toString(36)}`;
    const res = await postXml(latin1Sample(lrn, 'UTF-8'), { 'accept-language': 'es' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'XML_ENCODING_INVALID' });
    expect(res.json().title).toMatch(/byte 0xE1 de la línea \d+/);
    const list = await t.app.http.inject({
      method: 'GET',
      url: `/api/v1/declarations?lrn=${lrn}`,
      headers: hmrcTrader,
    });
    expect(list.json().total).toBe(0);
  });

  it('refuses an encoding it cannot read with 415', async () => {
    const res = await postXml(latin1Sample(`LUNK-${Date.now().toString(36)}`, 'X-MAC-KLINGON'));
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'XML_ENCODING_UNSUPPORTED' });
  });
});

describe('WCO DEC-DMS:2 lodgement', () => {
  it('lodges an HMRC sample declaration and exports it back as DEC-DMS:2', async () => {
    const xml = withLrn(fs.readFileSync(SAMPLE, 'utf8'), `I1-${Date.now().toString(36)}`);
    const res = await postXml(xml);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.declarantTin).toBe(DECLARANT);
    expect(body.hsCodes).toEqual(['8510900000']);
    const out = await t.app.http.inject({
      method: 'GET',
      url: `/api/v1/declarations/${body.id}?format=xml`,
      headers: hmrcTrader,
    });
    expect(out.headers['content-type']).toMatch(/application\/xml/);
    expect(out.body).toContain('<ID>85109000</ID>');
    expect(out.body).toContain('<AuthorisationHolder>');
  });

  it('answers a business-rule rejection as problem+JSON with WCO path, element, value and fixes in EN and ES', async () => {
    const xml = withLrn(fs.readFileSync(SAMPLE, 'utf8'), `I1B-${Date.now().toString(36)}`).replace(
      '<CountryCode>US</CountryCode>\n\t\t\t\t\t<TypeCode>1</TypeCode>',
      '<CountryCode>QQ</CountryCode>\n\t\t\t\t\t<TypeCode>1</TypeCode>',
    );
    const res = await postXml(xml);
    expect(res.statusCode).toBe(422);
    const err = res.json().errors.find((e: { code: string }) => e.code === 'COUNTRY_UNKNOWN');
    expect(err.wcoPath).toBe('42A/67A/68A/92A/063');
    expect(err.value).toBe('QQ');
    expect(err.params.element).toBe('CountryCode');
    expect(err.messages.en).toMatch(/ISO 3166/);
    expect(err.messages.es).toBeTruthy();
  });

  it('answers the same rejection as a RES 03 document when the client accepts XML', async () => {
    const xml = withLrn(fs.readFileSync(SAMPLE, 'utf8'), `I1R-${Date.now().toString(36)}`).replace(
      '<GrossMassMeasure>150</GrossMassMeasure>',
      '<GrossMassMeasure>50</GrossMassMeasure>',
    );
    const res = await postXml(xml, { accept: 'application/xml', 'accept-language': 'es' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('<FunctionCode>03</FunctionCode>');
    expect(res.body).toContain('<ValidationCode>CDS11006</ValidationCode>');
    expect(res.body).toContain('<TagID>126</TagID>');
    expect(res.body).toContain('<adu:Value>50</adu:Value>');
    expect(res.body).toMatch(/<adu:Fix xml:lang="en">Gross mass/);
    expect(res.body).toMatch(/<adu:Fix xml:lang="es">/);
  });

  it('reports a schema violation with the element and its WCO pointer path', async () => {
    const xml = withLrn(fs.readFileSync(SAMPLE, 'utf8'), `I1X-${Date.now().toString(36)}`).replace(
      '<NetNetWeightMeasure>100</NetNetWeightMeasure>',
      '<NetNetWeightMeasure>heavy</NetNetWeightMeasure>',
    );
    const res = await postXml(xml);
    expect(res.json().code).toBe('XML_SCHEMA_INVALID');
    const err = res.json().errors[0];
    expect(err.code).toBe('SCHEMA_VIOLATION');
    expect(err.wcoPath).toBe('42A/67A/68A/23A/65A/128');
    expect(err.params.element).toBe('NetNetWeightMeasure');
  });

  it('receives a final supplementary declaration (type Q) at the central office, with its account carried', async () => {
    const xml = finalSupplementary(`FSD-${Date.now().toString(36)}`);
    const res = await postXml(xml);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.declaration).toMatchObject({ type: 'import', additionalType: 'Q', office: 'GBCEN001' });
    // Nothing to present: presented when lodged, so an officer can clear it at once.
    expect(body.arrivedAt).toBe(body.lodgedAt);
    expect(['green', 'yellow', 'red', 'blue']).toContain(body.channel);
    const officer = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'officer', password: 'officer-demo-1' },
    });
    const asOfficer = { authorization: `Bearer ${officer.json<{ token: string }>().token}` };
    // Risk may still select it (random sampling included): documents or exam are then recorded first, and
    // having been presented at lodgement, the control can be recorded at once too.
    if (body.channel === 'red' || body.channel === 'yellow') {
      const control = await t.app.http.inject({
        method: 'POST',
        url: `/api/v1/declarations/${body.id}/control-result`,
        headers: asOfficer,
        payload: { outcome: 'compliant', findings: 'account matches the period' },
      });
      expect(control.statusCode).toBe(200);
    }
    const release = await t.app.http.inject({
      method: 'POST',
      url: `/api/v1/declarations/${body.id}/release`,
      headers: asOfficer,
      payload: { reason: 'account of the period reviewed' },
    });
    expect(release.statusCode).toBe(200);
    expect(release.json().status).toBe('released');
    const out = await t.app.http.inject({
      method: 'GET',
      url: `/api/v1/declarations/${body.id}?format=xml`,
      headers: hmrcTrader,
    });
    expect(out.body).toContain('<TypeCode>IMQ</TypeCode>');
    expect(out.body).toContain('<StatementDescription>SDY=8/10</StatementDescription>');
    expect(out.body).not.toContain('GBCEN001');
  });

  it('refuses a final supplementary declaration for a country without a central office, pointing at the office', async () => {
    const xml = finalSupplementary(`FSDX-${Date.now().toString(36)}`).replace(
      '<CountryCode>GB</CountryCode>',
      '<CountryCode>JM</CountryCode>',
    );
    const res = await postXml(xml);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toMatchObject([
      {
        code: 'ELEMENT_REQUIRED',
        pointer: '/office',
        wcoPath: '42A/065',
        params: { element: 'DeclarationOfficeID' },
      },
    ]);
  });

  it('keeps a container marked outside ISO 6346 through a DMS amendment of a JSON lodgement', async () => {
    const d = sampleDeclaration(7, DECLARANT);
    d.transport = { ...d.transport, mode: '1', containers: [{ number: 'AD12345' }] };
    const lodged = await postJson(d);
    expect(lodged.statusCode).toBe(201);
    expect(lodged.json().warnings).toMatchObject([{ code: 'CONTAINER_FORMAT', value: 'AD12345' }]);
    const id = lodged.json<{ id: string }>().id;
    const amendment = descriptionAmendment(d.lrn, id, 'Description corrected by the declarant');
    const amended = await postXml(amendment);
    expect(amended.statusCode).toBe(200);
    expect(amended.json().containers).toEqual(['AD12345']);
    expect(amended.json().declaration.transport.containers).toEqual([{ number: 'AD12345' }]);
  });

  it('refuses an empty container number', async () => {
    const d = sampleDeclaration(8, DECLARANT);
    d.transport = { ...d.transport, containers: [{ number: '  ' }] };
    const res = await postJson(d);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toMatchObject([{ pointer: '/transport/containers/0/number' }]);
  });

  it('amends and invalidates the declaration an amendment and a cancellation reference, with RES notifications', async () => {
    const lrn = `I1C-${Date.now().toString(36)}`;
    const created = (await postXml(withLrn(fs.readFileSync(SAMPLE, 'utf8'), lrn))).json();
    const amendment = descriptionAmendment(
      lrn,
      created.id,
      'Parts for electric shavers and hair clippers, corrected',
    );
    const amended = await postXml(amendment);
    expect(amended.statusCode).toBe(200);
    expect(amended.json().version).toBe(2);
    expect(amended.json().declaration.goodsItems[0].description).toMatch(/corrected$/);
    expect(amended.json().declaration.goodsItems[0].hsCode).toBe('8510900000');
    const cancel = `<Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2"><FunctionCode>13</FunctionCode><FunctionalReferenceID>${lrn}</FunctionalReferenceID><ID>${created.id}</ID><TypeCode>INV</TypeCode><AdditionalInformation><StatementDescription>Goods not shipped</StatementDescription></AdditionalInformation><Amendment><ChangeReasonCode>1</ChangeReasonCode></Amendment></Declaration>`;
    const cancelled = await postXml(cancel);
    expect(cancelled.json().status).toBe('invalidated');
    const res = await t.app.http.inject({
      method: 'GET',
      url: `/api/v1/declarations/${created.id}/notifications?format=xml`,
      headers: hmrcTrader,
    });
    for (const code of ['01', '11', '10']) expect(res.body).toContain(`<FunctionCode>${code}</FunctionCode>`);
    expect(res.body).toContain('<StatementDescription>Goods not shipped</StatementDescription>');
  });
});
