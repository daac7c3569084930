import { loadOnce, readReferenceText, ReferenceDataError } from './assets.js';
import { getCountry, isCountryInRegion } from './countries.js';

const PORTS_JSON = 'marchah-sea-ports/lib/ports.json';

/** A seaport, keyed by its UN/LOCODE. Source coordinates are not all accurate (upstream says so). */
export interface Seaport {
  /** UN/LOCODE, e.g. `JMKIN` (Kingston, Jamaica). */
  readonly unlocode: string;
  readonly name: string;
  readonly city: string;
  /** ISO 3166-1 alpha-2, the first two letters of the UN/LOCODE (`AN` for the former Netherlands Antilles). */
  readonly country: string;
  /** Country name as the source writes it, e.g. `Jamaica`. */
  readonly countryName: string;
  /** Province or state where the source gives one. */
  readonly province: string | null;
  /** `[longitude, latitude]` in decimal degrees (GeoJSON order); `null` for the few ports without them. */
  readonly coordinates: readonly [longitude: number, latitude: number] | null;
  /** IANA time zone, e.g. `America/Jamaica`; `null` where the source has none. */
  readonly timezone: string | null;
  /** Other UN/LOCODEs the source lists for the same port (e.g. `CNDLC` for `CNDAL`, Dalian). */
  readonly otherUnlocodes: readonly string[];
}

/** Options of {@link listSeaports}; both may be combined. */
export interface SeaportFilter {
  /** ISO 3166-1 alpha-2 of the port's country, e.g. `JM`. */
  readonly country?: string;
  /** M49 region, sub-region or intermediate region of the port's country, by code (`019`) or name (`Caribbean`). */
  readonly region?: string;
}

interface SeaportTable {
  readonly byUnlocode: ReadonlyMap<string, Seaport>;
  readonly byCountry: ReadonlyMap<string, readonly Seaport[]>;
  readonly all: readonly Seaport[];
}

const UNLOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/;

/**
 * Checks the UN/LOCODE format: two letters of ISO 3166 country code, then three letters or digits 2–9 for the
 * place (UNECE avoids 0 and 1). Whether the place exists is not checked.
 */
export function isUnlocode(value: string): boolean {
  return UNLOCODE.test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function coordinates(value: unknown): readonly [number, number] | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [longitude, latitude] = value as unknown[];
  if (typeof longitude !== 'number' || typeof latitude !== 'number') return null;
  if (Math.abs(longitude) > 180 || Math.abs(latitude) > 90) return null;
  return Object.freeze([longitude, latitude] as const);
}

function toSeaport(unlocode: string, raw: unknown): Seaport {
  if (
    !isUnlocode(unlocode) ||
    !isRecord(raw) ||
    typeof raw.name !== 'string' ||
    typeof raw.country !== 'string'
  ) {
    throw new ReferenceDataError(PORTS_JSON, `unreadable port ${unlocode}`);
  }
  const unlocs = Array.isArray(raw.unlocs) ? raw.unlocs : [];
  const others = unlocs.filter((code): code is string => typeof code === 'string' && code !== unlocode);
  return Object.freeze({
    unlocode,
    name: raw.name,
    city: typeof raw.city === 'string' ? raw.city : raw.name,
    country: unlocode.slice(0, 2),
    countryName: raw.country,
    province: optionalString(raw.province),
    coordinates: coordinates(raw.coordinates),
    timezone: optionalString(raw.timezone),
    otherUnlocodes: Object.freeze(others.filter(isUnlocode)),
  });
}

const loadSeaports = loadOnce((): SeaportTable => {
  const parsed: unknown = JSON.parse(readReferenceText(PORTS_JSON));
  if (!isRecord(parsed)) throw new ReferenceDataError(PORTS_JSON, 'not an object keyed by UN/LOCODE');
  const all = Object.keys(parsed)
    .sort()
    .map((unlocode) => toSeaport(unlocode, parsed[unlocode]));
  const byUnlocode = new Map(all.map((port) => [port.unlocode, port]));
  const byCountry = new Map<string, Seaport[]>();
  for (const port of all) {
    const list = byCountry.get(port.country) ?? [];
    list.push(port);
    byCountry.set(port.country, list);
  }
  for (const list of byCountry.values()) Object.freeze(list);
  return { byUnlocode, byCountry, all: Object.freeze(all) };
});

/** Looks up a seaport by UN/LOCODE, upper case and without the space (`JMKIN`, not `JM KIN`). */
export function getSeaport(unlocode: string): Seaport | undefined {
  return loadSeaports().byUnlocode.get(unlocode);
}

/**
 * Seaports sorted by UN/LOCODE, all of them or those of a country and/or M49 region. Ports whose UN/LOCODE
 * country is no longer in ISO 3166 (`AN`, Netherlands Antilles) match a country filter but no region.
 */
export function listSeaports(filter: SeaportFilter = {}): readonly Seaport[] {
  const { all, byCountry } = loadSeaports();
  const ports = filter.country === undefined ? all : (byCountry.get(filter.country) ?? []);
  const { region } = filter;
  if (region === undefined) return ports;
  return ports.filter((port) => {
    const country = getCountry(port.country);
    return country !== undefined && isCountryInRegion(country, region);
  });
}
