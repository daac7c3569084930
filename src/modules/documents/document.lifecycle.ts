/**
 * A verifiable document's lifecycle: `pending` while its batch's Merkle root is being anchored on the ledger (it does
 * not verify yet), `issued` once the batch is anchored and finalized, then possibly `revoked` (final).
 */
export const DOCUMENT_STATUSES = ['pending', 'issued', 'revoked'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const DOCUMENT_TRANSITIONS: Readonly<Record<DocumentStatus, readonly DocumentStatus[]>> = {
  pending: ['issued'],
  issued: ['revoked'],
  revoked: [],
};

export function canTransition(from: DocumentStatus, to: DocumentStatus): boolean {
  return DOCUMENT_TRANSITIONS[from].includes(to);
}

/**
 * A batch's lifecycle: recorded as `anchoring` (documents stored, no ledger entry yet), then `issued` with its
 * ledger entry. Reconciliation finishes batches left `anchoring` by a crash or an unreachable ledger.
 */
export const BATCH_STATUSES = ['anchoring', 'issued'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
