import type { RiskFeatureInput } from '../model/index.js';

/** Usual duty rate and tax type of an HS subheading (or, failing that, of its heading or chapter). */
export interface TariffLine {
  rate: number;
  type: string;
}

export interface TariffJson {
  version: 1;
  hs6: Record<string, TariffLine>;
  hs4: Record<string, TariffLine>;
  hs2: Record<string, TariffLine>;
  overall: TariffLine;
}

/** Preferential (free-trade agreement) tax types of the KCS data: F, a partner code, a digit (FEU1, FUS1 …). */
const PREFERENTIAL = /^F[A-Z]{2}\d$/;

function median(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function mode(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = '';
  let most = 0;
  for (const [v, n] of counts) if (n > most || (n === most && v < best)) [best, most] = [v, n];
  return best;
}

/**
 * The tariff as the labelled history knows it: the median duty rate and the usual non-preferential tax type per HS
 * subheading, heading and chapter. Aduana's declarations carry no duty rate, so scoring and the `taxRate` criterion
 * read it from here; it is fitted with each model version and stored with it.
 */
export class TariffReference {
  private constructor(private readonly state: TariffJson) {}

  static fit(inputs: readonly RiskFeatureInput[], minRows = 3): TariffReference {
    const level = (digits: number): Record<string, TariffLine> => {
      const groups = new Map<string, RiskFeatureInput[]>();
      for (const input of inputs) {
        const code = input.hs6.slice(0, digits);
        let group = groups.get(code);
        if (!group) groups.set(code, (group = []));
        group.push(input);
      }
      const out: Record<string, TariffLine> = {};
      for (const [code, group] of groups) {
        if (group.length < minRows) continue;
        out[code] = line(group);
      }
      return out;
    };
    const line = (group: readonly RiskFeatureInput[]): TariffLine => {
      const general = group.filter((g) => !PREFERENTIAL.test(g.taxType));
      return {
        rate: median(general.length > 0 ? general.map((g) => g.taxRate) : group.map((g) => g.taxRate)),
        type: mode((general.length > 0 ? general : group).map((g) => g.taxType)),
      };
    };
    return new TariffReference({
      version: 1,
      hs6: level(6),
      hs4: level(4),
      hs2: level(2),
      overall: line(inputs),
    });
  }

  static fromJSON(json: TariffJson): TariffReference {
    return new TariffReference(json);
  }

  toJSON(): TariffJson {
    return this.state;
  }

  /** The most specific line covering the code, down to the overall usual. */
  lineOf(hsCode: string): TariffLine {
    return (
      this.state.hs6[hsCode.slice(0, 6)] ??
      this.state.hs4[hsCode.slice(0, 4)] ??
      this.state.hs2[hsCode.slice(0, 2)] ??
      this.state.overall
    );
  }
}
