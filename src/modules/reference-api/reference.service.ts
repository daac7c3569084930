import { listOffices, validateDeclaration, type DeclarationInput } from '../declarations/index.js';
import {
  getSeaport,
  listActiveCurrencies,
  listCountries,
  searchHs,
  type HsEntry,
} from '../../platform/reference/index.js';
import type { FieldError } from '../../platform/errors.js';

/** Read-only reference data for the console (autocomplete, selects, maps) and a dry run of lodgement rules. */
export class ReferenceLookupService {
  constructor(private readonly options: { invoiceTolerancePercent: number }) {}

  /** HS 2022 entries matching a code prefix or words of the description, subheadings first. */
  searchHs(text: string, limit: number) {
    const found = searchHs(text, limit * 2);
    const rank = (e: HsEntry) => (e.level === 'subheading' ? 0 : e.level === 'heading' ? 1 : 2);
    return [...found]
      .sort((a, b) => rank(a) - rank(b))
      .slice(0, limit)
      .map((e) => ({ code: e.code, level: e.level, description: e.description, section: e.section.numeral }));
  }

  offices() {
    return listOffices().map((o) => ({ ...o, coordinates: officeCoordinates(o.unlocode) }));
  }

  countries() {
    return listCountries().map((c) => ({ code: c.alpha2, nameEn: c.nameEn, nameEs: c.nameEs }));
  }

  currencies() {
    return listActiveCurrencies().map((c) => ({ code: c.code, name: c.name, minorUnits: c.minorUnit }));
  }

  /** The business rules lodgement applies, without storing anything: the same codes, pointers and WCO paths. */
  checkDeclaration(input: DeclarationInput, now = new Date()): FieldError[] {
    return validateDeclaration(input, { now, invoiceTolerancePercent: this.options.invoiceTolerancePercent });
  }
}

function officeCoordinates(unlocode: string): [number, number] | null {
  const c = getSeaport(unlocode)?.coordinates;
  return c ? [c[0], c[1]] : null;
}
