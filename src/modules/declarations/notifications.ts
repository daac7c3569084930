/**
 * WCO / DMS notification function codes (RES-DMS `FunctionCode`) that a declaration receives.
 */
export const FUNCTION_CODES = {
  accepted: '01',
  received: '02',
  rejected: '03',
  control: '05',
  documentsRequested: '06',
  corrected: '07',
  released: '08',
  cleared: '09',
  invalidated: '10',
  amendmentAccepted: '11',
} as const;

export type NotificationKind = keyof typeof FUNCTION_CODES;

export const KIND_BY_CODE: Record<string, NotificationKind> = Object.fromEntries(
  Object.entries(FUNCTION_CODES).map(([k, v]) => [v, k as NotificationKind]),
);
