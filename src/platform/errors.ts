/**
 * One domain error type with a stable code. HTTP status is decided in exactly one place (`httpStatusFor`), and the
 * HTTP layer renders it as RFC 9457 problem+JSON.
 */

/** A problem with one field: a JSON pointer into the request, and the WCO Data Model pointer path where known. */
export interface FieldError {
  code: string;
  /** RFC 6901 JSON pointer into the submitted document, e.g. `/goodsItems/0/hsCode`. */
  pointer: string;
  /** WCO DM pointer path of IDs, e.g. `42A/67A/68A/23A/21A/145`. */
  wcoPath?: string;
  /** The offending value, as submitted. */
  value?: unknown;
  /** Interpolation parameters for the message catalogue. */
  params?: Record<string, string | number>;
  /** Parameters worded per language (a validator's own words), laid over `params` when rendering; not sent. */
  localizedParams?: Partial<Record<string, Record<string, string | number>>>;
  /** `error` refuses the document; `warning` is reported and kept with it, but does not refuse it. */
  severity?: 'error' | 'warning';
}

const STATUS: Record<string, number> = {
  VALIDATION_FAILED: 422,
  DECLARATION_REJECTED: 422,
  BAD_REQUEST: 400,
  MALFORMED_BODY: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BODY_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  DECLARANT_NOT_OWN_PARTY: 403,
  NOT_FOUND: 404,
  DECLARATION_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  URL_INVALID: 400,
  URL_TOO_LONG: 414,
  ILLEGAL_TRANSITION: 409,
  LRN_ALREADY_USED: 409,
  CONFLICT: 409,
  FORMAT_NOT_AVAILABLE: 406,
  XML_TOO_LARGE: 413,
  XML_ENCODING_UNSUPPORTED: 415,
  XML_SCHEMA_INVALID: 422,
  DMS_REFERENCE_NOT_FOUND: 404,
  DMS_MESSAGE_UNSUPPORTED: 422,
  RISK_TRAINING_RUNNING: 409,
  DOCUMENT_NOT_FOUND: 404,
  DOCUMENT_ALREADY_REVOKED: 409,
  DOCUMENT_NOT_ISSUED: 409,
  LEDGER_ALREADY_REVOKED: 409,
  WITNESS_CONFLICT: 409,
  WITNESS_FORK_DETECTED: 409,
  LEDGER_NOT_A_LOG: 409,
  WITNESS_UNKNOWN_LOG: 404,
  WITNESS_BAD_SIGNATURE: 403,
  PROVENANCE_BAD_SIGNATURE: 422,
  EPCIS_HASH_MISMATCH: 422,
  RISK_NO_PREVIOUS_MODEL: 409,
  RISK_RANDOM_ABOVE_BUDGET: 422,
  RISK_LIST_KIND_CHANGED: 422,
  GOODS_NOT_ARRIVED: 409,
  CONTROL_RESULT_REQUIRED: 409,
  NO_DOCUMENTS_REQUESTED: 409,
  AMENDMENT_IDENTITY_CHANGED: 422,
  USER_EXISTS: 409,
  RATE_LIMITED: 429,
  DATABASE_UNAVAILABLE: 503,
  SHUTTING_DOWN: 503,
};

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message?: string,
    readonly details: {
      errors?: FieldError[];
      params?: Record<string, string | number>;
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(message ?? code);
    this.name = 'DomainError';
  }
}

/** HTTP status for a domain error code; unknown codes are client errors (400), never 500. */
export function httpStatusFor(code: string): number {
  return STATUS[code] ?? 400;
}

export const notFound = (what = 'NOT_FOUND') => new DomainError(what);
export const forbidden = (code = 'FORBIDDEN') => new DomainError(code);
