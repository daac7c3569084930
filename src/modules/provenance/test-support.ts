/**
 * Test support: a party's Ed25519 key pair and signed recording of EPCIS events over HTTP, and the
 * garment supply chain of the acceptance tests (cotton → yarn → fabric → T-shirt). Values in US cents
 * and kilograms per garment, as in `origin/rules/test-fixtures.ts`.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { eventHashId, type EpcisEvent } from './epcis/event-hash.js';

export interface PartySigner {
  readonly publicKey: string;
  sign(eventHash: string): string;
}

export function partySigner(): PartySigner {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return {
    publicKey: raw.toString('base64'),
    sign: (eventHash) => sign(null, Buffer.from(eventHash, 'utf8'), privateKey).toString('base64'),
  };
}

/** Registers the signer's key for the caller's party and returns a function recording signed events. */
export async function recorderFor(http: FastifyInstance, auth: Record<string, string>) {
  const signer = partySigner();
  const key = await http.inject({
    method: 'POST',
    url: '/api/v1/provenance/keys',
    headers: auth,
    payload: { publicKey: signer.publicKey },
  });
  if (key.statusCode !== 201) throw new Error(`key registration failed: ${key.body}`);
  const keyId = key.json<{ keyId: string }>().keyId;
  return async (event: EpcisEvent): Promise<string> => {
    const eventHash = eventHashId(event);
    const res = await http.inject({
      method: 'POST',
      url: '/api/v1/provenance/events',
      headers: auth,
      payload: { event, keyId, signature: signer.sign(eventHash) },
    });
    if (res.statusCode !== 201) throw new Error(`recording failed: ${res.body}`);
    return res.json<{ eventId: string }>().eventId;
  };
}

export const CUT_AND_SEWN = 'cut_or_knit_to_shape_and_sewn_or_otherwise_assembled';

let clock = Date.parse('2025-01-06T08:00:00Z');
const at = () => {
  clock += 3_600_000;
  return new Date(clock).toISOString();
};
const lot = (gtin: string, batch: string) => `https://id.gs1.org/01/${gtin}/10/${batch}`;

interface Material {
  country: string;
  hs: string;
  description: string;
  valueMinor: number;
  kg: number;
  originating?: boolean;
  whollyObtained?: boolean;
  processes?: string[];
}

function ilmd(m: Material): Record<string, unknown> {
  return {
    'cbvmda:countryOfOrigin': m.country,
    'aduana:hsCode': m.hs,
    'aduana:description': m.description,
    'aduana:valueMinor': m.valueMinor,
    'aduana:currency': 'USD',
    'aduana:netWeightKg': m.kg,
    ...(m.originating === undefined ? {} : { 'aduana:originating': m.originating }),
    ...(m.whollyObtained ? { 'aduana:whollyObtained': true } : {}),
    ...(m.processes ? { 'aduana:processes': m.processes } : {}),
  };
}

/** An ObjectEvent ADD commissioning a material lot. */
export function commissioning(id: string, m: Material): EpcisEvent {
  return {
    type: 'ObjectEvent',
    eventTime: at(),
    eventTimeZoneOffset: '-06:00',
    action: 'ADD',
    bizStep: 'commissioning',
    quantityList: [{ epcClass: id, quantity: m.kg, uom: 'KGM' }],
    ilmd: ilmd(m),
  };
}

/** A TransformationEvent consuming input lots and producing one output lot. */
export function transformation(inputs: string[], output: string, m: Material): EpcisEvent {
  return {
    type: 'TransformationEvent',
    eventTime: at(),
    eventTimeZoneOffset: '-06:00',
    inputQuantityList: inputs.map((epcClass) => ({ epcClass, quantity: 1, uom: 'H87' })),
    outputQuantityList: [{ epcClass: output, quantity: m.kg, uom: 'KGM' }],
    bizStep: 'commissioning',
    ilmd: ilmd(m),
  };
}

/**
 * Records a T-shirt's trace: cotton and yarn by `upstream` (spinning party), dye, fabric, thread, label,
 * garment, packing into `container` and shipping by `maker`. With `chineseYarn` the yarn is bought in
 * from China instead. Returns the garment's identifier.
 */
export async function recordGarment(options: {
  upstream: (e: EpcisEvent) => Promise<string>;
  maker: (e: EpcisEvent) => Promise<string>;
  tag: string;
  cottonCountry: string;
  yarnCountry: string;
  garmentCountry: string;
  chineseYarn?: boolean;
  container?: string;
}): Promise<{ garment: string; cotton: string; events: string[] }> {
  const { upstream, maker, tag } = options;
  const ids = {
    cotton: lot('09506000000011', `COT-${tag}`),
    yarn: lot('09506000000028', `YRN-${tag}`),
    dye: lot('09506000000035', `DYE-${tag}`),
    fabric: lot('09506000000042', `FAB-${tag}`),
    thread: lot('09506000000059', `THR-${tag}`),
    label: lot('09506000000066', `LBL-${tag}`),
    garment: lot('09506000000073', `TSH-${tag}`),
  };
  const events: string[] = [];
  const yarn = {
    country: options.yarnCountry,
    hs: '5205.12',
    description: 'single cotton yarn, combed fibres',
    valueMinor: 150,
    kg: 0.18,
  };
  if (options.chineseYarn) {
    events.push(await maker(commissioning(ids.yarn, { ...yarn, country: 'CN', originating: false })));
  } else {
    events.push(
      await upstream(
        commissioning(ids.cotton, {
          country: options.cottonCountry,
          hs: '5201.00',
          description: 'raw cotton, not carded or combed',
          valueMinor: 80,
          kg: 0.2,
          whollyObtained: true,
        }),
      ),
    );
    events.push(await upstream(transformation([ids.cotton], ids.yarn, yarn)));
  }
  events.push(
    await maker(
      commissioning(ids.dye, {
        country: 'DE',
        hs: '3204.16',
        description: 'reactive dye',
        valueMinor: 20,
        kg: 0.002,
        originating: false,
      }),
    ),
  );
  events.push(
    await maker(
      transformation([ids.yarn, ids.dye], ids.fabric, {
        country: options.garmentCountry,
        hs: '6006.22',
        description: 'knitted cotton jersey, dyed',
        valueMinor: 260,
        kg: 0.184,
      }),
    ),
  );
  const threadCountry = options.garmentCountry === 'MX' ? 'US' : 'HN';
  events.push(
    await maker(
      commissioning(ids.thread, {
        country: threadCountry,
        hs: '5204.11',
        description: 'cotton sewing thread',
        valueMinor: 12,
        kg: 0.004,
        originating: true,
      }),
    ),
  );
  events.push(
    await maker(
      commissioning(ids.label, {
        country: 'CN',
        hs: '5807.10',
        description: 'woven brand label',
        valueMinor: 8,
        kg: 0.002,
        originating: false,
      }),
    ),
  );
  events.push(
    await maker(
      transformation([ids.fabric, ids.thread, ids.label], ids.garment, {
        country: options.garmentCountry,
        hs: '6109.10',
        description: "men's cotton T-shirt, knitted",
        valueMinor: 500,
        kg: 0.2,
        processes: [CUT_AND_SEWN],
      }),
    ),
  );
  if (options.container !== undefined) {
    events.push(
      await maker({
        type: 'AggregationEvent',
        eventTime: at(),
        eventTimeZoneOffset: '-06:00',
        action: 'ADD',
        bizStep: 'packing',
        parentID: `urn:aduana:container:${options.container}`,
        childQuantityList: [{ epcClass: ids.garment, quantity: 0.2, uom: 'KGM' }],
      }),
    );
    events.push(
      await maker({
        type: 'ObjectEvent',
        eventTime: at(),
        eventTimeZoneOffset: '-06:00',
        action: 'OBSERVE',
        bizStep: 'shipping',
        disposition: 'in_transit',
        quantityList: [{ epcClass: ids.garment, quantity: 0.2, uom: 'KGM' }],
      }),
    );
  }
  return { garment: ids.garment, cotton: ids.cotton, events };
}
