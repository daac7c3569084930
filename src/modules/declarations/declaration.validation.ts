import fs from 'node:fs';
import type { FieldError } from '../../platform/errors.js';
import {
  checkContainerNumber,
  checkHsCode,
  getCountry,
  isActiveCurrency,
  subheadingsOf,
} from '../../platform/reference/index.js';
import type { DeclarationInput, SupportingDocument } from './declaration.schema.js';
import { requiredItemElements, transportModeRequired } from './data-sets.js';
import { getOffice } from './offices.js';
import { wcoPathFor } from './wco-pointers.js';

export type RuleSeverity = 'error' | 'warning';

export interface ValidationContext {
  now: Date;
  /** Allowed gap between the invoice total and the sum of item values, in percent. */
  invoiceTolerancePercent: number;
  /** Per-rule severity set by the administration, over the defaults in `DEFAULT_RULE_SEVERITY`. */
  severity?: Partial<Record<string, RuleSeverity>>;
}

/**
 * Rules that warn rather than refuse by default. A wrong container check digit is almost always a typing error that
 * the officer should see (and that raises risk), not a reason to stop the goods; inconsistent header totals likewise.
 * A container number outside ISO 6346 is kept and flagged the same way: WCO DE 7/10 is an..17, and swap bodies and
 * semi-trailers carry ILU codes (owner letter A–D or K) or other marks. An administration makes any of them blocking
 * with `ADUANA_RULE_SEVERITY=CONTAINER_CHECK_DIGIT=error`.
 */
export const DEFAULT_RULE_SEVERITY: Readonly<Record<string, RuleSeverity>> = {
  CONTAINER_CHECK_DIGIT: 'warning',
  CONTAINER_FORMAT: 'warning',
  TOTAL_PACKAGES_MISMATCH: 'warning',
};

/**
 * Country-like codes that customs use beside ISO 3166-1 (EU origin, UK customs territories, continental-shelf areas),
 * from `assets/customs/territory-codes.json`; an administration extends that file.
 */
export const CUSTOMS_COUNTRY_CODES: Readonly<Record<string, string>> = (
  JSON.parse(
    fs.readFileSync(new URL('../../../assets/customs/territory-codes.json', import.meta.url), 'utf8'),
  ) as {
    codes: Record<string, string>;
  }
).codes;

/** Splits findings into those that refuse the declaration and those kept with it as warnings. */
export function partitionFindings(findings: FieldError[]): { errors: FieldError[]; warnings: FieldError[] } {
  return {
    errors: findings.filter((f) => f.severity !== 'warning'),
    warnings: findings.filter((f) => f.severity === 'warning'),
  };
}

const toMinor = (amount: number) => Math.round(amount * 100);

/**
 * What to declare instead of an unknown commodity code whose heading exists — typically a code of an earlier HS
 * edition that HS 2022 split (9702 00 → 9702 10 over 100 years old, 9702 90 other): the heading's subheadings, so the
 * fix text names them (message context `heading`).
 */
function hsHint(code: string): Record<string, string> | undefined {
  const heading = code.slice(0, 4);
  const subheadings = subheadingsOf(heading);
  if (code.length < 6 || subheadings.length === 0) return undefined;
  return {
    context: 'heading',
    heading: `${heading.slice(0, 2)}.${heading.slice(2)}`,
    subheadings: subheadings.map((s) => `${s.code.slice(0, 4)}.${s.code.slice(4)}`).join(', '),
  };
}

/**
 * Business rules on a structurally valid declaration. Every problem is reported (not only the first), each with a
 * stable code, the JSON pointer and WCO pointer path of the field, and the offending value.
 */
export function validateDeclaration(d: DeclarationInput, ctx: ValidationContext): FieldError[] {
  const errors: FieldError[] = [];
  const add = (code: string, pointer: string, value?: unknown, params?: Record<string, string | number>) => {
    const e: FieldError = {
      code,
      pointer,
      severity: ctx.severity?.[code] ?? DEFAULT_RULE_SEVERITY[code] ?? 'error',
    };
    const wcoPath = wcoPathFor(pointer);
    if (wcoPath) e.wcoPath = wcoPath;
    if (value !== undefined) e.value = value;
    if (params) e.params = params;
    errors.push(e);
  };
  const country = (code: string | undefined, pointer: string) => {
    if (code !== undefined && !getCountry(code) && !(code in CUSTOMS_COUNTRY_CODES))
      add('COUNTRY_UNKNOWN', pointer, code);
  };

  if (!getOffice(d.office)) add('OFFICE_UNKNOWN', '/office', d.office);

  // Required parties per declaration type. An export names its exporter (DE 3/1–3/2: every export data set has it,
  // and CDS refuses an export without one, HMRC scenario TT_EX022a); a transit names its carrier. An import without
  // an importer is one the declarant makes on its own account: the declarant is then the importer.
  if (d.type === 'export' && !d.parties.exporter)
    add('PARTY_REQUIRED', '/parties/exporter', undefined, { role: 'exporter' });
  if (d.type === 'transit' && !d.parties.carrier)
    add('PARTY_REQUIRED', '/parties/carrier', undefined, { role: 'carrier' });
  for (const [role, party] of Object.entries(d.parties)) {
    if (party?.address) country(party.address.country, `/parties/${role}/address/country`);
  }

  if (d.transport.mode === undefined && transportModeRequired(d))
    add('ELEMENT_REQUIRED', '/transport/mode', undefined, { element: 'mode' });
  country(d.exportCountry, '/exportCountry');
  country(d.destinationCountry, '/destinationCountry');
  country(d.transport.nationality, '/transport/nationality');

  // Containers: ISO 6346 check digit, no duplicates.
  const seen = new Set<string>();
  d.transport.containers.forEach((c, i) => {
    const check = checkContainerNumber(c.number);
    if (!check.ok)
      add(
        check.code,
        `/transport/containers/${i}/number`,
        c.number,
        'expected' in check ? { expected: check.expected } : undefined,
      );
    if (seen.has(c.number)) add('CONTAINER_DUPLICATE', `/transport/containers/${i}/number`, c.number);
    seen.add(c.number);
  });
  // A heavy sea consignment is expected in containers unless declared otherwise (bulk: grain, ore, oil).
  if (
    d.transport.mode === '1' &&
    d.type !== 'transit' &&
    d.transport.containerised !== false &&
    d.transport.containers.length === 0 &&
    d.goodsItems.some((g) => (g.grossMassKg ?? 0) > 30_000)
  )
    add('CONTAINER_REQUIRED', '/transport/containers', undefined);

  // Currencies.
  const invoiceCurrencyKnown = isActiveCurrency(d.invoice.currency);
  if (!invoiceCurrencyKnown) add('CURRENCY_UNKNOWN', '/invoice/currency', d.invoice.currency);
  for (const code of Object.keys(d.exchangeRates ?? {}))
    if (!isActiveCurrency(code)) add('CURRENCY_UNKNOWN', `/exchangeRates/${code}`, code);

  // Items.
  let sumMinor = 0;
  let valuesComparable = invoiceCurrencyKnown;
  const sequences = new Set<number>();
  d.goodsItems.forEach((item, i) => {
    const p = `/goodsItems/${i}`;
    for (const element of requiredItemElements(d, item))
      if (item[element] === undefined) add('ELEMENT_REQUIRED', `${p}/${element}`, undefined, { element });
    if (item.customsValue !== undefined && item.currency === undefined)
      add('ELEMENT_REQUIRED', `${p}/currency`, undefined, { element: 'currency' });
    if (item.hsCode !== undefined) {
      const hs = checkHsCode(item.hsCode);
      if (!hs.ok)
        add(hs.code, `${p}/hsCode`, item.hsCode, hs.code === 'HS_UNKNOWN' ? hsHint(item.hsCode) : undefined);
    }
    country(item.originCountry, `${p}/originCountry`);
    if (item.grossMassKg !== undefined && item.netMassKg !== undefined && item.grossMassKg < item.netMassKg)
      add('GROSS_LESS_THAN_NET', `${p}/grossMassKg`, item.grossMassKg, { net: item.netMassKg });
    // Without every item's invoiced price there is no sum to hold the invoice total against.
    const invoiced = item.valuation !== 'statistical';
    if (item.customsValue === undefined || item.currency === undefined || !invoiced) valuesComparable = false;
    if (item.customsValue !== undefined && item.currency !== undefined && !invoiced) {
      if (!isActiveCurrency(item.currency)) add('CURRENCY_UNKNOWN', `${p}/currency`, item.currency);
    } else if (item.customsValue !== undefined && item.currency !== undefined) {
      const value = item.customsValue;
      if (!isActiveCurrency(item.currency)) {
        add('CURRENCY_UNKNOWN', `${p}/currency`, item.currency);
        valuesComparable = false;
      } else if (item.currency === d.invoice.currency) sumMinor += toMinor(value);
      else if (invoiceCurrencyKnown) {
        const rate = d.exchangeRates?.[item.currency];
        if (rate === undefined) {
          add('EXCHANGE_RATE_MISSING', `${p}/currency`, item.currency, {
            invoiceCurrency: d.invoice.currency,
          });
          valuesComparable = false;
        } else sumMinor += toMinor(value * rate);
      }
    } else if (item.currency !== undefined && !isActiveCurrency(item.currency))
      add('CURRENCY_UNKNOWN', `${p}/currency`, item.currency);
    const seq = item.sequence ?? i + 1;
    if (sequences.has(seq)) add('ITEM_SEQUENCE_DUPLICATE', `${p}/sequence`, seq);
    sequences.add(seq);
    if (item.preferentialOrigin) {
      country(item.preferentialOrigin.country, `${p}/preferentialOrigin/country`);
      const proof = [...item.documents, ...d.documents].some(
        (doc: SupportingDocument) => doc.kind === 'certificate_of_origin',
      );
      if (!proof)
        add('PREFERENCE_WITHOUT_PROOF', `${p}/preferentialOrigin`, item.preferentialOrigin.agreement);
    }
    item.documents.forEach((doc, j) => checkDocumentDate(doc, `${p}/documents/${j}/issuedOn`));
  });
  d.documents.forEach((doc, j) => checkDocumentDate(doc, `/documents/${j}/issuedOn`));

  if (valuesComparable) {
    const invoiceMinor = toMinor(d.invoice.amount);
    const gap = Math.abs(sumMinor - invoiceMinor);
    const allowed = Math.max(1, Math.round((invoiceMinor * ctx.invoiceTolerancePercent) / 100));
    if (gap > allowed)
      add('INVOICE_TOTAL_MISMATCH', '/invoice/amount', d.invoice.amount, {
        itemsTotal: (sumMinor / 100).toFixed(2),
        tolerance: ctx.invoiceTolerancePercent,
      });
  }

  // Declared totals, when given, must match the items.
  const gross = d.goodsItems.reduce((s, g) => s + (g.grossMassKg ?? 0), 0);
  if (
    d.totals?.grossMassKg !== undefined &&
    d.goodsItems.every((g) => g.grossMassKg !== undefined) &&
    Math.abs(d.totals.grossMassKg - gross) > Math.max(0.5, gross * 0.001)
  )
    add('TOTAL_GROSS_MASS_MISMATCH', '/totals/grossMassKg', d.totals.grossMassKg, {
      itemsTotal: gross.toFixed(3),
    });
  if (d.totals?.itemCount !== undefined && d.totals.itemCount !== d.goodsItems.length)
    add('TOTAL_ITEM_COUNT_MISMATCH', '/totals/itemCount', d.totals.itemCount, { items: d.goodsItems.length });
  const packages = d.goodsItems.reduce((s, g) => s + (g.packages ?? 0), 0);
  if (
    d.totals?.packages !== undefined &&
    d.goodsItems.every((g) => g.packages !== undefined) &&
    d.totals.packages !== packages
  )
    add('TOTAL_PACKAGES_MISMATCH', '/totals/packages', d.totals.packages, { items: packages });

  // Dates: documents not from the future, expected arrival within a sane window.
  if (d.expectedArrivalAt) {
    const t = Date.parse(d.expectedArrivalAt);
    const days = (t - ctx.now.getTime()) / 86_400_000;
    if (days > 180) add('DATE_TOO_FAR_AHEAD', '/expectedArrivalAt', d.expectedArrivalAt, { days: 180 });
    if (days < -365) add('DATE_TOO_OLD', '/expectedArrivalAt', d.expectedArrivalAt, { days: 365 });
  }
  return errors;

  function checkDocumentDate(doc: SupportingDocument, pointer: string) {
    if (!doc.issuedOn) return;
    const t = Date.parse(`${doc.issuedOn}T00:00:00Z`);
    if (t - ctx.now.getTime() > 86_400_000) add('DATE_IN_FUTURE', pointer, doc.issuedOn);
    if (ctx.now.getTime() - t > 5 * 365 * 86_400_000)
      add('DATE_TOO_OLD', pointer, doc.issuedOn, { days: 5 * 365 });
  }
}
