/** Stable codes of the IoT domain; callers translate them (see messages.*.json). */
export type IotErrorCode =
  | 'ALARM_ILLEGAL_TRANSITION'
  | 'ALARM_NOT_FOUND'
  | 'MONITOR_STATE_INCOMPATIBLE'
  | 'SHIPMENT_PLAN_INVALID'
  | 'TEMPERATURE_PROFILE_UNKNOWN'
  | 'ROUTE_INVALID';

/** The one error type of the IoT domain: a stable `code` plus structured details, never prose for users. */
export class IotDomainError extends Error {
  readonly code: IotErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: IotErrorCode, details: Record<string, unknown> = {}) {
    super(`${code} ${JSON.stringify(details)}`);
    this.name = 'IotDomainError';
    this.code = code;
    this.details = details;
  }
}
