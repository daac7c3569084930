import { describe, expect, it } from 'vitest';
import { toCanonicalDigitalLink } from './digital-link.js';
import { eventHashId, preHashString } from './event-hash.js';

const shipping = {
  type: 'ObjectEvent',
  eventTime: '2024-03-04T10:00:00-06:00',
  eventTimeZoneOffset: '-06:00',
  epcList: ['urn:epc:id:sgtin:4012345.011111.9876', 'urn:epc:id:sgtin:4012345.011111.9875'],
  action: 'OBSERVE',
  bizStep: 'shipping',
  disposition: 'in_transit',
  readPoint: { id: 'urn:epc:id:sgln:4012345.00005.0' },
  bizTransactionList: [{ type: 'po', bizTransaction: 'urn:epcglobal:cbv:bt:4012345000009:PO-77' }],
};

describe('EPCIS event hash', () => {
  it('converts EPC URIs to canonical GS1 Digital Links (reference vector of the hash generator)', () => {
    expect(toCanonicalDigitalLink('urn:epc:id:sgtin:4012345.011111.9876')).toBe(
      'https://id.gs1.org/01/04012345111118/21/9876',
    );
    expect(toCanonicalDigitalLink('urn:epc:id:sgln:4012345.00005.0')).toBe(
      'https://id.gs1.org/414/4012345000054',
    );
    expect(toCanonicalDigitalLink('urn:epc:id:giai:4000001.111')).toBe('https://id.gs1.org/8004/4000001111');
    expect(toCanonicalDigitalLink('urn:epc:id:sscc:4012345.0000000111')).toBe(
      'https://id.gs1.org/00/040123450000001112',
    );
    expect(toCanonicalDigitalLink('https://example.com/01/04012345111118/10/LOT?x=1')).toBe(
      'https://id.gs1.org/01/04012345111118/10/LOT',
    );
  });

  it('builds the pre-hash string in canonical order with UTC millisecond times and web vocabulary', () => {
    expect(preHashString(shipping)).toBe(
      'eventType=ObjectEventeventTime=2024-03-04T16:00:00.000ZeventTimeZoneOffset=-06:00' +
        'epcListepc=https://id.gs1.org/01/04012345111118/21/9875epc=https://id.gs1.org/01/04012345111118/21/9876' +
        'action=OBSERVEbizStep=https://ref.gs1.org/cbv/BizStep-shippingdisposition=https://ref.gs1.org/cbv/Disp-in_transit' +
        'readPointid=https://id.gs1.org/414/4012345000054' +
        'bizTransactionListbizTransaction=urn:epcglobal:cbv:bt:4012345000009:PO-77type=https://ref.gs1.org/cbv/BTT-po',
    );
    expect(eventHashId(shipping)).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
  });

  it('gives the same hash for the same event however it is written', () => {
    const rewritten = {
      bizTransactionList: [
        { bizTransaction: 'urn:epcglobal:cbv:bt:4012345000009:PO-77', type: 'urn:epcglobal:cbv:btt:po' },
      ],
      readPoint: { id: 'https://id.gs1.org/414/4012345000054' },
      disposition: 'urn:epcglobal:cbv:disp:in_transit',
      bizStep: 'urn:epcglobal:cbv:bizstep:shipping',
      action: 'OBSERVE',
      epcList: [...shipping.epcList].reverse(),
      eventTimeZoneOffset: '-06:00',
      eventTime: '2024-03-04T16:00:00.000Z',
      recordTime: '2024-03-05T00:00:00Z',
      type: 'ObjectEvent',
    };
    expect(eventHashId(rewritten)).toBe(eventHashId(shipping));
  });

  it('changes the hash when any value, ILMD or extension changes', () => {
    const base = { ...shipping, ilmd: { 'cbvmda:countryOfOrigin': 'GT', 'aduana:valueMinor': 260 } };
    const hashes = new Set([
      eventHashId(base),
      eventHashId({ ...base, ilmd: { 'cbvmda:countryOfOrigin': 'CN', 'aduana:valueMinor': 260 } }),
      eventHashId({ ...base, ilmd: { 'cbvmda:countryOfOrigin': 'GT', 'aduana:valueMinor': 261 } }),
      eventHashId({ ...base, 'aduana:note': 'x' }),
      eventHashId({ ...base, eventTime: '2024-03-04T10:00:00.001-06:00' }),
    ]);
    expect(hashes.size).toBe(5);
    expect(preHashString(base)).toContain(
      'ilmd{https://aduana.dev/epcis/}valueMinor=260{urn:epcglobal:cbv:mda}countryOfOrigin=GT',
    );
  });
});
