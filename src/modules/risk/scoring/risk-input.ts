import type { DeclarationInput } from '../../declarations/index.js';
import type { RiskFeatureInput } from '../model/index.js';
import { departureCountryOf, valueInInvoiceCurrency } from '../rules/facts.js';
import type { TariffReference } from './tariff.js';

/** One goods item of a declaration as the model reads it. */
export interface ItemRiskInput {
  sequence: number;
  input: RiskFeatureInput;
}

/**
 * Aduana's declaration as the fraud model's input, one per goods item. Codes the model learnt from the KCS data keep
 * that data's conventions where a faithful mapping exists: the UN/ECE Rec. 19 transport mode `1` (sea) becomes `10`
 * and `4` (air) `40`; a preferential origin claim becomes the FTA tax type `F<country>1`. The duty rate and the usual
 * tax type come from the tariff reference stored with the model; the importer falls back to the declarant. What a
 * reduced data set leaves out is a missing feature, never a guess: no commodity code gives an empty HS6 and no duty
 * rate (NaN), no origin an empty origin code, no mass or value a null.
 */
export function riskInputsOf(d: DeclarationInput, lodgedAt: Date, tariff: TariffReference): ItemRiskInput[] {
  const date = lodgedAt.toISOString().slice(0, 10);
  const departure = departureCountryOf(d);
  return d.goodsItems.map((g, i) => {
    const line = g.hsCode === undefined ? undefined : tariff.lineOf(g.hsCode);
    const claim = g.preferentialOrigin;
    return {
      sequence: g.sequence ?? i + 1,
      input: {
        date,
        officeId: d.office,
        processType: d.additionalType ?? 'A',
        importType: g.procedureCode.slice(0, 2),
        importUse: g.procedureCode.slice(2, 4),
        paymentType: d.incoterm ?? '',
        modeOfTransport: d.transport.mode === undefined ? '' : `${d.transport.mode}0`,
        declarantId: d.parties.declarant.tin,
        importerId: d.parties.importer?.tin ?? d.parties.declarant.tin,
        sellerId: g.sellerTin ?? d.parties.seller?.tin ?? null,
        courierId: d.transport.mode === '5' ? (d.parties.carrier?.tin ?? null) : null,
        hs6: g.hsCode?.slice(0, 6) ?? '',
        departureCountry: departure ?? g.originCountry ?? '',
        originCountry: g.originCountry ?? '',
        originIndicator: claim ? 'P' : '',
        taxRate: line?.rate ?? Number.NaN,
        taxType: claim ? `F${claim.country}1` : (line?.type ?? ''),
        netMassKg: g.netMassKg ?? null,
        itemPrice: valueInInvoiceCurrency(d, g) ?? null,
      },
    };
  });
}
