/**
 * EPC URIs (TDS) to constrained canonical GS1 Digital Link URIs (`https://id.gs1.org/…`), as the EPCIS
 * event hash requires (CBV 2.0 §8.9, rules 17–18). Covers the identifiers customs traces meet:
 * SGTIN, LGTIN and SGTIN patterns, SSCC, SGLN, PGLN, GRAI, GIAI. Anything else is left as it is.
 */

const DL = 'https://id.gs1.org';

/** GS1 modulo-10 check digit of a digit string (weights 3, 1, 3 … from the right). */
export function gs1CheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const digit = Number(digits[digits.length - 1 - i]);
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return String((10 - (sum % 10)) % 10);
}

/** Indicator digit + company prefix + item reference + check digit. */
function gtin(companyPrefix: string, indicatorItemRef: string): string {
  const body = indicatorItemRef.slice(0, 1) + companyPrefix + indicatorItemRef.slice(1);
  return body + gs1CheckDigit(body);
}

function withCheck(body: string): string {
  return body + gs1CheckDigit(body);
}

const decode = (s: string) => decodeURIComponent(s);
const encode = (s: string) => encodeURIComponent(s);

const CONVERTERS: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /^urn:epc:id:sgtin:(\d+)\.(\d+)\.(.+)$/,
    (m) => `${DL}/01/${gtin(m[1]!, m[2]!)}/21/${encode(decode(m[3]!))}`,
  ],
  [
    /^urn:epc:class:lgtin:(\d+)\.(\d+)\.(.+)$/,
    (m) => `${DL}/01/${gtin(m[1]!, m[2]!)}/10/${encode(decode(m[3]!))}`,
  ],
  [/^urn:epc:idpat:sgtin:(\d+)\.(\d+)\.\*$/, (m) => `${DL}/01/${gtin(m[1]!, m[2]!)}`],
  [
    /^urn:epc:id:sscc:(\d+)\.(\d+)$/,
    (m) => `${DL}/00/${withCheck(m[2]!.slice(0, 1) + m[1]! + m[2]!.slice(1))}`,
  ],
  [
    /^urn:epc:id:sgln:(\d+)\.(\d*)\.(.+)$/,
    (m) => `${DL}/414/${withCheck(m[1]! + m[2]!)}${m[3] === '0' ? '' : `/254/${encode(decode(m[3]!))}`}`,
  ],
  [/^urn:epc:id:pgln:(\d+)\.(\d*)$/, (m) => `${DL}/417/${withCheck(m[1]! + m[2]!)}`],
  [/^urn:epc:id:giai:(\d+)\.(.+)$/, (m) => `${DL}/8004/${m[1]!}${encode(decode(m[2]!))}`],
  [
    /^urn:epc:id:grai:(\d+)\.(\d*)\.(.*)$/,
    (m) => `${DL}/8003/0${withCheck(m[1]! + m[2]!)}${encode(decode(m[3]!))}`,
  ],
];

/**
 * The canonical Digital Link of an EPC URI, or of a Digital Link on another domain (query string
 * dropped); `undefined` when `value` is neither.
 */
export function toCanonicalDigitalLink(value: string): string | undefined {
  for (const [pattern, convert] of CONVERTERS) {
    const m = pattern.exec(value);
    if (m) return convert(m);
  }
  const dl =
    /^https?:\/\/[^/]+(\/(?:00|01|253|255|401|402|414|417|8003|8004|8006|8010|8017|8018)\/[^?#]+)/.exec(
      value,
    );
  if (dl && !value.startsWith('https://ref.gs1.org') && !value.startsWith('https://gs1.org'))
    return `${DL}${dl[1]}`;
  return undefined;
}
