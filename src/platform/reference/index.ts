/**
 * Reference data the platform validates declarations against: HS 2022 commodity codes, ISO 3166 countries with
 * UN M49 regions, ISO 4217 currencies, seaports by UN/LOCODE and ISO 6346 container numbers.
 *
 * Data comes from `assets/ref/` (sources and licences in `assets/ref/NOTICE.md`), found relative to this module.
 * Each dataset is read synchronously the first time one of its lookups is called and kept in memory; lookups by
 * code are single map reads. Call {@link preloadReferenceData} at start-up to pay the loading cost up front.
 * Failures are stable codes (`HS_UNKNOWN`, `CONTAINER_CHECK_DIGIT`, …) for the caller to translate.
 */
import { listCountries } from './countries.js';
import { listActiveCurrencies } from './currencies.js';
import { listHsSubheadings } from './hs.js';
import { listSeaports } from './seaports.js';

export {
  checkHsCode,
  getHs,
  isKnownHsCode,
  listHsSubheadings,
  normalizeHsCode,
  searchHs,
  subheadingsOf,
  type HsCheckFailureCode,
  type HsCheckResult,
  type HsEntry,
  type HsLevel,
  type HsSearchOptions,
  type HsSection,
} from './hs.js';
export {
  getCountry,
  getCountryByAlpha3,
  isCountryCode,
  isCountryInRegion,
  listAmericasCountries,
  listCountries,
  M49_AMERICAS,
  type Country,
  type CountryFilter,
  type M49Area,
} from './countries.js';
export { getCurrency, isActiveCurrency, listActiveCurrencies, type Currency } from './currencies.js';
export { getSeaport, isUnlocode, listSeaports, type Seaport, type SeaportFilter } from './seaports.js';
export {
  checkContainerNumber,
  containerCheckDigit,
  isContainerNumber,
  normalizeContainerNumber,
  type ContainerCategory,
  type ContainerNumber,
  type ContainerNumberCheck,
  type ContainerNumberFailure,
} from './container-number.js';
export { REFERENCE_ASSETS_DIR, ReferenceDataError } from './assets.js';

/** How much reference data {@link preloadReferenceData} made ready. */
export interface ReferenceDataSummary {
  readonly hsSubheadings: number;
  readonly countries: number;
  readonly activeCurrencies: number;
  readonly seaports: number;
}

/**
 * Loads every reference dataset now instead of on first lookup, so that a server answers its first request
 * without the loading delay and a broken asset fails at start-up (with a {@link ReferenceDataError}).
 */
export function preloadReferenceData(): ReferenceDataSummary {
  return {
    hsSubheadings: listHsSubheadings().length,
    countries: listCountries().length,
    activeCurrencies: listActiveCurrencies().length,
    seaports: listSeaports().length,
  };
}
