import fs from 'node:fs';

/** A customs office of this administration. */
export interface CustomsOffice {
  code: string;
  name: string;
  country: string;
  unlocode: string;
  timezone: string;
  /**
   * The office that receives, for its country, declarations naming no place: final supplementary declarations
   * (additional type Q), which account for a period of clearances under a centralised clearance authorisation.
   */
  central?: boolean;
}

let cache: Map<string, CustomsOffice> | undefined;

/** The installation's customs offices (assets/offices/offices.json), loaded once. */
export function listOffices(): CustomsOffice[] {
  if (!cache) {
    const file = new URL('../../../assets/offices/offices.json', import.meta.url);
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { offices: CustomsOffice[] };
    cache = new Map(parsed.offices.map((o) => [o.code, o]));
  }
  return [...cache.values()];
}

export function getOffice(code: string): CustomsOffice | undefined {
  if (!cache) listOffices();
  return cache?.get(code);
}

/** The central office of a country (see {@link CustomsOffice.central}), if the installation has one. */
export function centralOffice(country: string): CustomsOffice | undefined {
  return listOffices().find((o) => o.central === true && o.country === country);
}
