import { getOffice, type DeclarationInput, type GoodsItem } from '../../declarations/index.js';
import type { CriterionField } from './criteria.schema.js';

export type FactValue = string | number | boolean | readonly string[] | undefined;

/** A goods item as criteria see it, with its sequence on the declaration (1-based). */
export interface ItemFacts {
  sequence: number;
  values: Partial<Record<CriterionField, FactValue>>;
}

/** A declaration as criteria see it: declaration-level fields and one set of item fields per goods item. */
export interface DeclarationFacts {
  declaration: Partial<Record<CriterionField, FactValue>>;
  items: ItemFacts[];
}

export interface FactsContext {
  /** Whether the declarant is an Authorised Economic Operator. */
  partyAeo: boolean;
  /** Codes of the declaration's business-rule warnings. */
  warnings?: readonly string[];
  /** Duty rate of an HS code in percent, where the tariff reference knows it. */
  taxRateOf?: (hsCode: string) => number | undefined;
}

/**
 * Customs value of an item in the invoice currency (the declaration's exchange rates apply to other currencies);
 * undefined when the item declares no value (reduced data sets, values customs establish).
 */
export function valueInInvoiceCurrency(d: DeclarationInput, item: GoodsItem): number | undefined {
  if (item.customsValue === undefined || item.currency === undefined) return undefined;
  if (item.currency === d.invoice.currency) return item.customsValue;
  return item.customsValue * (d.exchangeRates?.[item.currency] ?? 1);
}

/** Country the goods were dispatched from: the export country, else the country of the place of loading. */
export function departureCountryOf(d: DeclarationInput): string | undefined {
  return d.exportCountry ?? d.transport.loadingLocation?.slice(0, 2);
}

/** Country of destination: as declared, else the country of the office of lodgement. */
export function destinationCountryOf(d: DeclarationInput): string | undefined {
  return d.destinationCountry ?? getOffice(d.office)?.country;
}

/** The facts criteria are evaluated on. */
export function declarationFacts(d: DeclarationInput, ctx: FactsContext): DeclarationFacts {
  const departure = departureCountryOf(d);
  const destination = destinationCountryOf(d);
  // The declared value: the sum over the items that declare one; none when no item does.
  const values = d.goodsItems
    .map((g) => valueInInvoiceCurrency(d, g))
    .filter((v): v is number => v !== undefined);
  const totalValue = values.length > 0 ? values.reduce((s, v) => s + v, 0) : undefined;
  return {
    declaration: {
      office: d.office,
      declarationType: d.type,
      transportMode: d.transport.mode,
      departureCountry: departure,
      destinationCountry: destination,
      route: `${departure ?? ''}>${destination ?? ''}`,
      declarant: d.parties.declarant.tin,
      importer: d.parties.importer?.tin,
      exporter: d.parties.exporter?.tin,
      carrier: d.parties.carrier?.tin,
      incoterm: d.incoterm,
      loadingLocation: d.transport.loadingLocation,
      goodsLocation: d.transport.goodsLocation,
      container: d.transport.containers.map((c) => c.number),
      warning: ctx.warnings ?? [],
      aeo: ctx.partyAeo,
      itemCount: d.goodsItems.length,
      totalValue,
    },
    items: d.goodsItems.map((g, i) => {
      const value = valueInInvoiceCurrency(d, g);
      return {
        sequence: g.sequence ?? i + 1,
        values: {
          hsCode: g.hsCode,
          originCountry: g.originCountry,
          seller: g.sellerTin ?? d.parties.seller?.tin,
          procedureCode: g.procedureCode,
          preferentialAgreement: g.preferentialOrigin?.agreement,
          unitValuePerKg:
            value !== undefined && g.netMassKg !== undefined && g.netMassKg > 0
              ? value / g.netMassKg
              : undefined,
          taxRate: g.hsCode === undefined ? undefined : ctx.taxRateOf?.(g.hsCode),
          netMassKg: g.netMassKg,
          customsValue: value,
        },
      };
    }),
  };
}
