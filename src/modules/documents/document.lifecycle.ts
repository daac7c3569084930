/** A verifiable document's lifecycle: issued, then possibly revoked (final). */
export const DOCUMENT_STATUSES = ['issued', 'revoked'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const DOCUMENT_TRANSITIONS: Readonly<Record<DocumentStatus, readonly DocumentStatus[]>> = {
  issued: ['revoked'],
  revoked: [],
};

export function canTransition(from: DocumentStatus, to: DocumentStatus): boolean {
  return DOCUMENT_TRANSITIONS[from].includes(to);
}
