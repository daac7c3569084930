import type { DeclarationInput } from '../../declarations/index.js';

type DocumentKind = DeclarationInput['documents'][number]['kind'];

/**
 * The kind of supporting document for a DMS document code (category letter + type, e.g. `N935`). Codes follow the
 * EU/UK CDS document code list (DE 2/3); anything not listed is `other` and keeps its code.
 */
const KINDS: Record<string, DocumentKind> = {
  N935: 'invoice',
  N380: 'invoice',
  N325: 'invoice',
  N271: 'packing_list',
  N705: 'bill_of_lading',
  N714: 'bill_of_lading',
  N740: 'air_waybill',
  N741: 'air_waybill',
  N851: 'phytosanitary_certificate',
  N954: 'certificate_of_origin',
  N864: 'certificate_of_origin',
  N865: 'certificate_of_origin',
  N861: 'certificate_of_origin',
  U110: 'certificate_of_origin',
  U111: 'certificate_of_origin',
  U112: 'certificate_of_origin',
};

export function documentKindFor(code: string): DocumentKind {
  const known = KINDS[code];
  if (known) return known;
  if (/^U\d{3}$/.test(code)) return 'certificate_of_origin';
  if (/^[9L]\d{3}$/.test(code) || /^[9L][A-Z0-9]{3}$/.test(code)) return 'licence';
  if (/^C\d{3}$/.test(code)) return 'permit';
  return 'other';
}
