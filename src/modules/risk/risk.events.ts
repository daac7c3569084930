/** Events the risk module publishes (through the outbox). */
export const RISK_EVENTS = {
  /** A declaration's channel decision, recorded by the risk module (ids and facts; the reasons stay with customs). */
  decided: 'risk.decided',
  /** A model version became the serving one (promotion, rollback or first start). */
  modelActivated: 'risk.model-activated',
  /** A new model version was registered (trained, retrained or bundled). */
  modelRegistered: 'risk.model-registered',
} as const;

/** Events of other modules the risk module listens to; the payload fields it reads are listed. */
export const SIGNAL_EVENTS = {
  /** `{ declarationId, severity, type }` from the IoT module. */
  iotAlarmRaised: 'iot.alarm-raised',
  /** `{ declarationId, outcome, reason }` from the origin module. */
  originAssessed: 'origin.assessed',
} as const;
