/**
 * Stable error codes of the rules-of-origin engine. An error means the request or the rule data cannot be read;
 * an origin claim that fails is an outcome, never an error. Callers translate codes through `messages.*.json`.
 */
export const ORIGIN_RULE_ERROR_CODES = [
  'ORIGIN_HS_CODE_INVALID',
  'ORIGIN_HS_RANGE_INVALID',
  'ORIGIN_RULE_SET_INVALID',
  'ORIGIN_RULE_SET_UNKNOWN',
  'ORIGIN_REQUEST_INVALID',
  'ORIGIN_VALUE_OUT_OF_RANGE',
  'ORIGIN_TRACE_TOO_DEEP',
] as const;

export type OriginRuleErrorCode = (typeof ORIGIN_RULE_ERROR_CODES)[number];

/** One problem in a rule set or a request: where (a JSON pointer) and what (a code for the catalogue). */
export interface OriginFieldIssue {
  readonly pointer: string;
  readonly message: string;
}

/** The one error type of the origin rules engine: a stable `code` plus machine-readable details. */
export class OriginRuleError extends Error {
  override readonly name = 'OriginRuleError';

  constructor(
    readonly code: OriginRuleErrorCode,
    message: string,
    readonly details: {
      readonly params?: Readonly<Record<string, string | number>>;
      readonly issues?: readonly OriginFieldIssue[];
    } = {},
  ) {
    super(message);
  }
}
