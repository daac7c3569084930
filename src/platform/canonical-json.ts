import canonicalizeLib from 'canonicalize';

/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation: the same value always gives the same bytes, so hashes over
 * JSON are stable whatever the key order a database returns.
 */
export const canonicalJson = canonicalizeLib as unknown as (input: unknown) => string | undefined;
