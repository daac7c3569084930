/**
 * Stable error codes of the local transparency log. Callers translate them through
 * `messages.en.json` / `messages.es.json`; the English `message` on the error is for logs only.
 */
export const LEDGER_LOG_ERROR_CODES = [
  'MERKLE_INVALID_RANGE',
  'MERKLE_MISSING_NODE',
  'NOTE_MALFORMED',
  'NOTE_KEY_MALFORMED',
  'NOTE_BAD_SIGNATURE',
  'NOTE_UNVERIFIED',
  'CHECKPOINT_MALFORMED',
  'WITNESS_MALFORMED',
  'WITNESS_UNKNOWN_LOG',
  'WITNESS_BAD_SIGNATURE',
  'WITNESS_STALE',
  'WITNESS_CONFLICT',
  'WITNESS_FORK_DETECTED',
  'WITNESS_BAD_PROOF',
  'FINALITY_BAD_POLICY',
  'LEDGER_INVALID_ANCHOR',
  'LEDGER_UNKNOWN_ENTRY',
  'LEDGER_NOT_REVOCABLE',
  'LEDGER_ALREADY_REVOKED',
  'LEDGER_UNKNOWN_CHECKPOINT',
  'LEDGER_TAMPERED',
] as const;

export type LedgerLogErrorCode = (typeof LEDGER_LOG_ERROR_CODES)[number];

/** The one error type of the log core: a stable `code` plus machine-readable `details`. */
export class LedgerLogError extends Error {
  override readonly name = 'LedgerLogError';

  constructor(
    readonly code: LedgerLogErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number | boolean>> = {},
  ) {
    super(message);
  }
}

/** True when `error` is a {@link LedgerLogError}, optionally with the given code. */
export function isLedgerLogError(error: unknown, code?: LedgerLogErrorCode): error is LedgerLogError {
  return error instanceof LedgerLogError && (code === undefined || error.code === code);
}
