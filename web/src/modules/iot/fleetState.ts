import { ALARM_SEVERITIES, PROFILES, type AlarmSeverity, type FleetContainer } from './types';

/** What a marker shows: an active alarm's severity, a silent container, or all well. */
export type ContainerState = 'ok' | 'silent' | AlarmSeverity;

/** Nothing heard for this long (without an alarm yet) shows the container as silent. */
export const SILENT_AFTER_MS = 30 * 60_000;

export function containerState(
  c: Pick<FleetContainer, 'activeAlarms' | 'worstSeverity' | 'latestReading'>,
  now = Date.now(),
): ContainerState {
  if (c.activeAlarms > 0 && c.worstSeverity) return c.worstSeverity;
  const heard = c.latestReading ? Date.parse(c.latestReading.receivedAt) : NaN;
  if (!Number.isFinite(heard) || now - heard > SILENT_AFTER_MS) return 'silent';
  return 'ok';
}

/** The alarm-state filter: any state, all well, silent, any alarm, or one severity. */
export const STATE_FILTERS = ['ok', 'silent', 'alarm', ...ALARM_SEVERITIES] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export interface FleetFilters {
  container: string;
  state: StateFilter | '';
  profile: string;
  /** The container picked on the map or in the list. */
  selected: string;
}

/** Reads the fleet filters from the URL, dropping unknown values. */
export function fleetFiltersFromSearch(params: URLSearchParams): FleetFilters {
  const state = params.get('state') ?? '';
  const profile = params.get('profile') ?? '';
  return {
    container: (params.get('container') ?? '').toUpperCase(),
    state: (STATE_FILTERS as readonly string[]).includes(state) ? (state as StateFilter) : '',
    profile: (PROFILES as readonly string[]).includes(profile) ? profile : '',
    selected: (params.get('selected') ?? '').toUpperCase(),
  };
}

/** Writes the filters to the URL, leaving empty ones out. */
export function fleetFiltersToSearch(f: FleetFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const key of ['container', 'state', 'profile', 'selected'] as const) if (f[key]) p.set(key, f[key]);
  return p;
}

export function matchesFleetFilters(c: FleetContainer, f: FleetFilters, now = Date.now()): boolean {
  if (f.container && !c.containerNumber.includes(f.container.trim().toUpperCase())) return false;
  if (f.profile && c.profileId !== f.profile) return false;
  if (!f.state) return true;
  const state = containerState(c, now);
  if (f.state === 'alarm') return state !== 'ok' && state !== 'silent';
  return state === f.state;
}
