import { describe, expect, it } from 'vitest';
import {
  containerState,
  fleetFiltersFromSearch,
  fleetFiltersToSearch,
  matchesFleetFilters,
  SILENT_AFTER_MS,
} from './fleetState';
import type { FleetContainer } from './types';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const container = (patch: Partial<FleetContainer> = {}): FleetContainer => ({
  containerNumber: 'MSKU9070323',
  shipmentId: 'SHP-1',
  declarationId: '00000000-0000-4000-8000-000000000001',
  origin: 'PAONX',
  destination: 'HNPCR',
  profileId: 'PHARMA_2_8',
  latestReading: {
    at: '2026-11-26T11:59:00Z',
    receivedAt: '2026-11-26T11:59:01Z',
    deviceId: 'TRK-1',
    temperatureC: 5,
    setpointC: 5,
    humidityPct: 60,
    speedKmh: 30,
    position: { longitude: -79.9, latitude: 9.4 },
  },
  activeAlarms: 0,
  worstSeverity: null,
  ...patch,
});

describe('a container’s state on the fleet map', () => {
  it('is its worst active alarm, else silent when not heard for a while, else ok', () => {
    expect(containerState(container(), NOW)).toBe('ok');
    expect(containerState(container({ activeAlarms: 2, worstSeverity: 'CRITICAL' }), NOW)).toBe('CRITICAL');
    const stale = new Date(NOW - SILENT_AFTER_MS - 1000).toISOString();
    expect(
      containerState(container({ latestReading: { ...container().latestReading!, receivedAt: stale } }), NOW),
    ).toBe('silent');
    expect(containerState(container({ latestReading: null }), NOW)).toBe('silent');
  });

  it('filters by container number, profile and state, "alarm" meaning any severity', () => {
    const alarmed = container({ containerNumber: 'TGHU1234567', activeAlarms: 1, worstSeverity: 'MINOR' });
    const f = fleetFiltersFromSearch(new URLSearchParams('state=alarm'));
    expect(matchesFleetFilters(alarmed, f, NOW)).toBe(true);
    expect(matchesFleetFilters(container(), f, NOW)).toBe(false);
    expect(matchesFleetFilters(alarmed, { ...f, state: 'MAJOR' }, NOW)).toBe(false);
    expect(matchesFleetFilters(container(), { ...f, state: '', container: '9070' }, NOW)).toBe(true);
    expect(matchesFleetFilters(container(), { ...f, state: '', profile: 'FROZEN' }, NOW)).toBe(false);
  });

  it('keeps filters in the URL and drops values it does not know', () => {
    const f = fleetFiltersFromSearch(new URLSearchParams('state=bogus&profile=PHARMA_2_8&container=msku'));
    expect(f).toEqual({ container: 'MSKU', state: '', profile: 'PHARMA_2_8', selected: '' });
    expect(fleetFiltersToSearch(f).toString()).toBe('container=MSKU&profile=PHARMA_2_8');
  });
});
