import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { iotKeys } from './api';
import { applyTelemetry, createLiveApplier, TELEMETRY_FLUSH_MS } from './live';
import { fleetContainer } from './test-fixtures';
import type { Fleet } from './types';

const reading = (n: string, at: string, temperatureC: number) => ({
  event: 'telemetry',
  data: JSON.stringify({
    containerNumber: n,
    kind: 'READING',
    at,
    deviceId: 'TRK',
    temperatureC,
    position: [-70, 15],
  }),
});

afterEach(() => {
  vi.useRealTimers();
});

describe('live updates of the cached views', () => {
  it('applies a burst of readings together, keeping the newest per container', () => {
    vi.useFakeTimers();
    const client = new QueryClient();
    client.setQueryData<Fleet>(iotKeys.fleet, {
      containers: [fleetContainer('MSKU9070323'), fleetContainer('TGHU1234567')],
    });
    const changes = vi.fn();
    client.getQueryCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'success') changes();
    });
    const live = createLiveApplier(client);
    const now = Date.now();
    live.apply(reading('MSKU9070323', new Date(now).toISOString(), 6));
    live.apply(reading('MSKU9070323', new Date(now + 1000).toISOString(), 7.5));
    live.apply(reading('TGHU1234567', new Date(now + 1000).toISOString(), 3));
    expect(changes).not.toHaveBeenCalled();
    vi.advanceTimersByTime(TELEMETRY_FLUSH_MS);
    expect(changes).toHaveBeenCalledTimes(1);
    const fleet = client.getQueryData<Fleet>(iotKeys.fleet)!;
    expect(fleet.containers.map((c) => c.latestReading?.temperatureC)).toEqual([7.5, 3]);
    expect(fleet.containers[0]!.latestReading?.position).toEqual({ longitude: -70, latitude: 15 });
    live.dispose();
  });

  it('keeps a newer reading when an older one arrives late', () => {
    const fleet: Fleet = { containers: [fleetContainer('MSKU9070323')] };
    const current = fleet.containers[0]!.latestReading!;
    const late = {
      containerNumber: 'MSKU9070323',
      kind: 'READING',
      at: '2000-01-01T00:00:00.000Z',
      temperatureC: 30,
    };
    expect(applyTelemetry(fleet, late)).toBe(fleet);
    expect(fleet.containers[0]!.latestReading).toBe(current);
  });

  it('refreshes the alarm views at once when an alarm changes', async () => {
    const client = new QueryClient();
    client.setQueryData(iotKeys.alarmList({ limit: 50, offset: 0 }), { items: [], total: 0 });
    client.setQueryData(iotKeys.declaration('d-1'), { shipments: [], alarms: [] });
    createLiveApplier(client).apply({
      event: 'alarm',
      data: JSON.stringify({ containerNumber: 'MSKU9070323' }),
    });
    await Promise.resolve();
    expect(client.getQueryState(iotKeys.alarmList({ limit: 50, offset: 0 }))?.isInvalidated).toBe(true);
    expect(client.getQueryState(iotKeys.declaration('d-1'))?.isInvalidated).toBe(true);
  });
});
