import { useTranslation } from 'react-i18next';
import type { ContainerState } from './fleetState';
import type { AlarmSeverity, AlarmStatus } from './types';

/** An alarm's severity: colour and word (never colour alone). */
export function SeverityBadge({ severity }: { severity: AlarmSeverity }) {
  const { t } = useTranslation();
  return (
    <span className={`badge iot-state iot-${severity.toLowerCase()}`}>
      <span className="swatch" aria-hidden="true" />
      {t(`iot.severity.${severity}`)}
    </span>
  );
}

export function AlarmStatusBadge({ status }: { status: AlarmStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge alarm-status alarm-${status.toLowerCase()}`}>
      {t(`iot.alarmStatus.${status}`)}
    </span>
  );
}

/** A container's state on the map and in lists: its worst alarm's severity, silent, or all well. */
export function StateBadge({ state }: { state: ContainerState }) {
  const { t } = useTranslation();
  return (
    <span className={`badge iot-state iot-${state.toLowerCase()}`}>
      <span className="swatch" aria-hidden="true" />
      {t(stateKey(state))}
    </span>
  );
}

export const stateKey = (state: ContainerState) =>
  state === 'ok' || state === 'silent' ? `iot.state.${state}` : `iot.severity.${state}`;
