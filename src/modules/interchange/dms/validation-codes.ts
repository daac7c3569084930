import fs from 'node:fs';

/**
 * Aduana's error codes → DMS `ValidationCode`s (from HMRC's `dmsErrorCodes.json`) where an obvious one exists; other
 * codes are sent as Aduana's own code (a DMS ValidationCode is an..8, so Aduana's longer codes go in the extension).
 */
const TO_DMS: Record<string, string> = {
  ELEMENT_REQUIRED: 'CDS10001',
  PARTY_REQUIRED: 'CDS10001',
  CONTAINER_REQUIRED: 'CDS10001',
  SCHEMA_VIOLATION: 'CDS10010',
  FIELD_INVALID_FORMAT: 'CDS10010',
  FIELD_INVALID_TYPE: 'CDS10010',
  FIELD_TOO_BIG: 'CDS10020',
  FIELD_TOO_SMALL: 'CDS10020',
  FIELD_INVALID_VALUE: 'CDS10020',
  FIELD_UNKNOWN: 'CDS10002',
  CONTAINER_FORMAT: 'CDS10010',
  CONTAINER_CHECK_DIGIT: 'CDS10020',
  COUNTRY_UNKNOWN: 'CDS10020',
  CURRENCY_UNKNOWN: 'CDS10020',
  OFFICE_UNKNOWN: 'CDS10020',
  HS_FORMAT: 'CDS10004',
  HS_UNKNOWN: 'CDS40059',
  HS_NOT_SUBHEADING: 'CDS40059',
  PROCEDURE_UNKNOWN: 'CDS12050',
  GROSS_LESS_THAN_NET: 'CDS11006',
  TOTAL_ITEM_COUNT_MISMATCH: 'CDS11003',
  ITEM_SEQUENCE_DUPLICATE: 'CDS40007',
  CONTAINER_DUPLICATE: 'CDS40007',
  LRN_ALREADY_USED: 'CDS12003',
  DECLARANT_NOT_OWN_PARTY: 'CDS12005',
  EXCHANGE_RATE_MISSING: 'CDS12070',
  DATE_IN_FUTURE: 'CDS12016',
  DMS_REFERENCE_NOT_FOUND: 'CDS12015',
  ILLEGAL_TRANSITION: 'CDS50015',
};

let texts: Map<string, string> | undefined;

/** The DMS ValidationCode for an Aduana error code, or the Aduana code itself. */
export function dmsValidationCode(code: string): string {
  return TO_DMS[code] ?? code;
}

/** HMRC's English text for a DMS ValidationCode, when it is one. */
export function dmsCodeText(dmsCode: string): string | undefined {
  if (!texts) {
    const raw = JSON.parse(
      fs.readFileSync(new URL('../../../../assets/wco/dms-error-codes.json', import.meta.url), 'utf8'),
    ) as { code: string; en: string }[];
    texts = new Map(raw.map((e) => [e.code, e.en]));
  }
  return texts.get(dmsCode);
}
