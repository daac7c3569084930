import { describe, expect, it } from 'vitest';
import { isOurIssuer, oaIssuer } from './document.issuer.js';

describe('document issuer identity', () => {
  const log = { name: 'Aduana Jamaica', domain: 'aduana.gov.jm' };
  const evm = { ...log, documentStore: '0xAbCdEf0123456789abcdef0123456789ABCDEF01' };

  it('is a did:web identity with an OCSP-style revocation responder on the transparency log', () => {
    expect(oaIssuer(log)).toEqual({
      name: 'Aduana Jamaica',
      id: 'did:web:aduana.gov.jm',
      revocation: { type: 'OCSP_RESPONDER', location: 'https://aduana.gov.jm/api/v1/documents/revocations' },
      identityProof: { type: 'DNS-DID', location: 'aduana.gov.jm', key: 'did:web:aduana.gov.jm#ledger' },
    });
  });

  it('is a TradeTrust document store with DNS-TXT identity on the EVM engine', () => {
    expect(oaIssuer(evm)).toEqual({
      name: 'Aduana Jamaica',
      documentStore: evm.documentStore,
      identityProof: { type: 'DNS-TXT', location: 'aduana.gov.jm' },
    });
  });

  it('recognises its own issuer whatever the key order or address case, and nobody else', () => {
    const reordered = {
      identityProof: { location: 'aduana.gov.jm', type: 'DNS-TXT' },
      documentStore: evm.documentStore.toLowerCase(),
      name: 'Aduana Jamaica',
    };
    expect(isOurIssuer(reordered, evm)).toBe(true);
    expect(isOurIssuer({ ...reordered, name: 'Aduana Falsa' }, evm)).toBe(false);
    expect(
      isOurIssuer({ ...reordered, documentStore: '0x0000000000000000000000000000000000000001' }, evm),
    ).toBe(false);
    expect(isOurIssuer(oaIssuer({ ...log, domain: 'aduana.example' }), log)).toBe(false);
    expect(isOurIssuer(null, log)).toBe(false);
  });
});
