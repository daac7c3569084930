/**
 * This administration as an OpenAttestation issuer. On the EVM engine it is a TradeTrust document
 * store (the contract address, identity by DNS-TXT); on the transparency log it is a `did:web`
 * identity whose revocations are answered over HTTP (OCSP-responder style) from the ledger.
 */
export interface IssuerIdentity {
  readonly name: string;
  readonly domain: string;
  /** EVM document-store address when the EVM engine anchors; absent for the transparency log. */
  readonly documentStore?: string;
}

export type OaIssuer = Record<string, unknown> & { name: string };

export function oaIssuer(identity: IssuerIdentity): OaIssuer {
  if (identity.documentStore !== undefined) {
    return {
      name: identity.name,
      documentStore: identity.documentStore,
      identityProof: { type: 'DNS-TXT', location: identity.domain },
    };
  }
  return {
    name: identity.name,
    id: `did:web:${identity.domain}`,
    revocation: {
      type: 'OCSP_RESPONDER',
      location: `https://${identity.domain}/api/v1/documents/revocations`,
    },
    identityProof: { type: 'DNS-DID', location: identity.domain, key: `did:web:${identity.domain}#ledger` },
  };
}

/** Whether a presented document's issuer is exactly this administration (name and identity). */
export function isOurIssuer(issuer: unknown, identity: IssuerIdentity): boolean {
  if (issuer === null || typeof issuer !== 'object') return false;
  const expected = oaIssuer(identity);
  const given = issuer as Record<string, unknown>;
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  return Object.keys(expected).every((key) =>
    typeof expected[key] === 'string' && key === 'documentStore'
      ? String(given[key]).toLowerCase() === String(expected[key]).toLowerCase()
      : same(sortKeys(given[key]), sortKeys(expected[key])),
  );
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}
